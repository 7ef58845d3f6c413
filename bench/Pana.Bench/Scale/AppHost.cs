using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pana.Bench.Scale;

/// <summary>
/// The real app as a child process: "dotnet Pana.dll migrate" once, then the app on Kestrel on a free loopback
/// port, configured only through its documented environment variables, and a bearer token for its API.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    public const string AdminUser = "scale-bench";
    public const string AdminPassword = "Scale-Bench-2026-pass";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Process process;
    private readonly Queue<string> tail = new();

    private AppHost(Process process, Uri address, HttpClient http)
    {
        this.process = process;
        Address = address;
        Http = http;
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public int ProcessId => process.Id;

    /// <summary>Runs a one-shot command of the app (migrate) and fails with its output if it fails.</summary>
    public static async Task RunCommandAsync(string appDll, IReadOnlyDictionary<string, string> environment, string command, CancellationToken ct)
    {
        using var process = Start(appDll, environment, [command]);
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet Pana.dll {command} failed ({process.ExitCode}):\n{string.Join('\n', output.TakeLast(40))}");
        }
    }

    /// <summary>Starts the app and waits until /health answers, then signs in as the bootstrap administrator.</summary>
    public static async Task<AppHost> StartAsync(string appDll, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var process = Start(appDll, environment, ["--urls", address.ToString().TrimEnd('/')]);
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = address, Timeout = TimeSpan.FromMinutes(15) };
        var host = new AppHost(process, address, http);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited ({process.ExitCode}):\n{host.Tail()}");
            }
            try
            {
                using var health = await http.GetAsync("health", ct);
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"The app did not become healthy in 3 minutes:\n{host.Tail()}");
            }
            await Task.Delay(250, ct);
        }
        await host.SignInAsync(ct);
        return host;
    }

    /// <summary>Resident and peak resident memory of the app process, in MiB, from /proc.</summary>
    public (double Rss, double Peak) Memory()
    {
        double Field(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                ? double.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024 : double.NaN;
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    public string Tail()
    {
        lock (tail)
        {
            return string.Join('\n', tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Http.Dispose();
    }

    private async Task SignInAsync(CancellationToken ct)
    {
        using var response = await Http.PostAsJsonAsync("api/v1/auth/token", new { username = AdminUser, password = AdminPassword, name = "scale benchmark" }, Json, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (tail)
        {
            tail.Enqueue(line);
            while (tail.Count > 60)
            {
                tail.Dequeue();
            }
        }
    }

    private static Process Start(string appDll, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        info.ArgumentList.Add(appDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("Cannot start dotnet.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
