// Renders the OpenAPI document with the vendored Swagger UI.
(function () {
    const host = document.getElementById('swagger-ui');
    if (!host || !window.SwaggerUIBundle) return;
    window.SwaggerUIBundle({ url: host.dataset.url, domNode: host, deepLinking: true, tryItOutEnabled: false });
})();
