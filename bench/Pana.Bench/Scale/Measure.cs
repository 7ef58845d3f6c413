using System.Diagnostics;

namespace Pana.Bench.Scale;

/// <summary>Median, 95th percentile and worst of a set of timings, in milliseconds.</summary>
public sealed record Timing(int Count, double Median, double P95, double Max)
{
    public static Timing Of(IReadOnlyCollection<double> ms)
    {
        if (ms.Count == 0)
        {
            return new Timing(0, double.NaN, double.NaN, double.NaN);
        }
        var sorted = ms.Order().ToArray();
        return new Timing(sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[^1]);
    }

    // Nearest rank: the p95 of 20 samples is the 19th, never an interpolation below a real observation.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Throughput of a fixed-length load: answers per second, failures, and the latency each client saw.</summary>
public sealed record Load(int Clients, double Seconds, int Ok, int Failed, double PerSecond, Timing Latency, string? FirstFailure);

/// <summary>Repeated timed calls and a closed-loop load of concurrent clients.</summary>
public static class Measure
{
    /// <summary>
    /// Runs every call once untimed (warm-up), then all of them in rounds until the rounds are done or the budget is
    /// spent (at least one full round always), and returns the time of each call.
    /// </summary>
    /// <param name="calls">The calls, each timed once per round.</param>
    /// <param name="rounds">How many rounds at most.</param>
    /// <param name="budget">The time after which no new round starts.</param>
    /// <param name="each">Told the index and time of every timed call, for a look at which calls make the tail.</param>
    public static async Task<Timing> RepeatAsync(IReadOnlyList<Func<Task>> calls, int rounds, TimeSpan budget, Action<int, double>? each = null)
    {
        foreach (var call in calls.Take(Math.Min(calls.Count, 3)))
        {
            await call();
        }
        var times = new List<double>();
        var spent = Stopwatch.StartNew();
        for (var round = 0; round < rounds && (round == 0 || spent.Elapsed < budget); round++)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await calls[i]();
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                each?.Invoke(i, times[^1]);
            }
        }
        return Timing.Of(times);
    }

    /// <summary>Runs the calls in turn, untimed, each at least once and until the time is up: the app's code compiled and tiered before timing.</summary>
    public static async Task WarmAsync(IReadOnlyList<Func<Task>> calls, TimeSpan time)
    {
        var spent = Stopwatch.StartNew();
        for (var i = 0; i < calls.Count || spent.Elapsed < time; i++)
        {
            await calls[i % calls.Count]();
        }
    }

    /// <summary>Clients that each send the next request as soon as the last is answered, for a fixed time after a warm-up.</summary>
    public static async Task<Load> LoadAsync(HttpClient http, Func<Random, HttpRequestMessage> request, int clients, TimeSpan duration, TimeSpan warmUp)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await RunAsync(http, request, clients, warmUp);
        }
        return await RunAsync(http, request, clients, duration);
    }

    private static async Task<Load> RunAsync(HttpClient http, Func<Random, HttpRequestMessage> request, int clients, TimeSpan duration)
    {
        var ok = 0;
        var failed = 0;
        string? firstFailure = null;
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client);
            var mine = latencies[client] = [];
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var message = request(random);
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstFailure, $"HTTP {(int)response.StatusCode}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, e.GetType().Name + ": " + e.Message, null);
                }
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        return new Load(clients, seconds, ok, failed, ok / seconds, Timing.Of(latencies.SelectMany(l => l).ToList()), firstFailure);
    }
}
