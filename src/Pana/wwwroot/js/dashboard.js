// Draws the dashboard's charts from the JSON the page renders beside each canvas.
(function () {
    const data = document.getElementById('sign-ins-data');
    const canvas = document.getElementById('sign-ins-chart');
    if (!data || !canvas || !window.Chart) return;
    const d = JSON.parse(data.textContent);
    new Chart(canvas, {
        type: 'bar',
        data: { labels: d.labels, datasets: [{ label: d.label, data: d.values, backgroundColor: '#0b4f71' }] },
        options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
})();
