using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pana.Data.Registry;
using Pana.Features.Registry;
using Pana.Features.Registry.Names;
using Pana.Features.Registry.Synthetic;

namespace Pana.Bench.Scale;

/// <summary>
/// The scale benchmark: a fresh database, migrated and seeded by the real app, N synthetic people bulk-loaded,
/// then the real app on Kestrel measured through its API (search, duplicate check, statistics, import, person
/// page under 64 clients against /health, memory). Results go to docs/benchmarks.md between the scale markers.
/// </summary>
public static class ScaleBenchmarks
{
    private const string Usage = "scale --db sqlite|postgres [--people 1000000] [--seed 1] [--import-rows 100000] [--import-cap 600] "
        + "[--dedup-cap 600] [--search-people 15] [--rounds 3] [--load-seconds 20] [--warm-up-seconds 15] [--load-warm-up-seconds 45] [--clients 64] [--app path/to/Pana.dll] [--out docs/benchmarks.md] "
        + "[--only search,duplicates,statistics,page,import,dedup] [--tag name] [--reuse] [--slowest] | scale --report";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args.SkipWhile(a => a == "scale").ToArray());
        var repo = RepositoryRoot();
        var output = options.GetValueOrDefault("out") ?? Path.Combine(repo, "docs", "benchmarks.md");
        if (options.ContainsKey("report"))
        {
            ScaleReport.Write(output, null);
            return 0;
        }
        if (options.GetValueOrDefault("db") is not ("sqlite" or "postgres") || options.ContainsKey("help"))
        {
            Console.Error.WriteLine("Usage: " + Usage);
            return 2;
        }
        var app = options.GetValueOrDefault("app") ?? Path.Combine(repo, "src", "Pana", "bin", "Release", "net10.0", "Pana.dll");
        if (!File.Exists(app))
        {
            Console.Error.WriteLine($"No app at {app}: build it first (dotnet build -c Release src/Pana) or pass --app.");
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var run = await MeasureAsync(options, app, cancel.Token);
        if (options.ContainsKey("only"))
        {
            Console.WriteLine("Measured only part (--only): nothing written.");
            return 0;
        }
        ScaleReport.Write(output, run);
        Console.WriteLine($"Written to {output}");
        return 0;
    }

    // Where in the sample the warm-up calls take their people, past those measured.
    private const int WarmUpPeople = 1_000;

    private static async Task<ScaleRun> MeasureAsync(Dictionary<string, string?> options, string app, CancellationToken ct)
    {
        var engine = options["db"]!;
        var people = Number(options, "people", 1_000_000);
        var seed = Number(options, "seed", 1);
        var clients = Number(options, "clients", 64);
        var loadTime = TimeSpan.FromSeconds(Number(options, "load-seconds", 20));
        // Long enough for tiered compilation to finish: in the first 20 s of load its thread took 17% of the app's processor (perf);
        // the repeated measures (search, duplicate check, statistics) are warmed as long, on other calls of the same kind.
        var warmUp = TimeSpan.FromSeconds(Number(options, "warm-up-seconds", 15));
        // Under 64 clients the tiered compiler kept compiling (2,800 methods per 5 s, dotnet-counters) until about 40 s into the first
        // load: both endpoints are measured in the steady state a server runs in, not in the app's first minute.
        var loadWarmUp = TimeSpan.FromSeconds(Number(options, "load-warm-up-seconds", 45));
        var importRows = Number(options, "import-rows", 100_000);
        var importCap = TimeSpan.FromSeconds(Number(options, "import-cap", 600));
        var dedupCap = TimeSpan.FromSeconds(Number(options, "dedup-cap", 600));
        var searchPeople = Number(options, "search-people", 15);
        var rounds = Number(options, "rounds", 3);
        // --only measures part of the list, for working on one target; such a run is printed, never written.
        var only = options.GetValueOrDefault("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Wanted(string measure) => only is null || only.Contains(measure);
        var none = Timing.Of([]);
        var noLoad = new Load(0, 0, 0, 0, 0, none, null);

        // --reuse keeps the database of an earlier run with --only, to work on one target without generating again.
        var reuse = options.ContainsKey("reuse") && only is not null;
        Step($"{(reuse ? "the kept or a fresh" : "fresh")} {engine} database, migrated and seeded by the app");
        var database = await ScaleDatabase.CreateAsync(engine, people, options.GetValueOrDefault("tag"), reuse, ct);
        await AppHost.RunCommandAsync(app, database.Environment, "migrate", ct);

        SyntheticReport generated;
        if (database.Reused)
        {
            Step("kept database: nothing generated, planted duplicates unknown");
            generated = new SyntheticReport(people, 0, 0, 0, 0, 0, [], TimeSpan.Zero);
        }
        else
        {
            Step($"generating {people:N0} people");
            await using var db = database.Open();
            var shown = Stopwatch.StartNew();
            var progress = new Progress<int>(n =>
            {
                if (shown.Elapsed.TotalSeconds >= 10 || n == people)
                {
                    Console.WriteLine($"  {n:N0} people");
                    shown.Restart();
                }
            });
            generated = await SyntheticRegistry.GenerateAsync(db, people, seed, progress, ct);
        }
        Console.WriteLine($"  {generated.People:N0} people, {generated.Households:N0} households, {generated.Duplicates.Count:N0} planted duplicates in {generated.Elapsed.TotalSeconds:N0} s");
        await database.SettleAsync(ct);
        var (version, size) = await database.DescribeAsync(ct);
        var sample = await database.SampleAsync(5_000, ct);

        await using var host = await AppHost.StartAsync(app, database.Environment, ct);
        var http = host.Http;

        var searches = SearchTerms(sample.Take(searchPeople)).ToList();
        var matches = new List<int>();
        Task<JsonElement> Search(string q) => GetAsync(http, $"api/v1/persons?q={Uri.EscapeDataString(q)}&pageSize=25", ct);
        async Task CheckDuplicates(PersonDetails d)
        {
            using var response = await http.PostAsJsonAsync("api/v1/persons/duplicates", d, AppHost.Json, ct);
            response.EnsureSuccessStatusCode();
        }
        var search = none;
        if (Wanted("search"))
        {
            Step("name search");
            // Warmed on other people's names: the code is compiled and tiered, the measured names' pages are not read yet.
            await Measure.WarmAsync(SearchTerms(sample.Skip(WarmUpPeople).Take(searchPeople)).Select(q => (Func<Task>)(() => Search(q))).ToList(), warmUp);
            var each = searches.Select(_ => new List<double>()).ToArray();
            search = await Measure.RepeatAsync(searches.Select(q => (Func<Task>)(async () =>
            {
                var page = await Search(q);
                lock (matches)
                {
                    matches.Add(page.GetProperty("total").GetInt32());
                }
            })).ToList(), rounds, budget: TimeSpan.FromSeconds(120), each: (i, ms) => each[i].Add(ms));
            Console.WriteLine($"  median {search.Median:N1} ms, p95 {search.P95:N1} ms over {search.Count} searches");
            if (options.ContainsKey("slowest"))
            {
                foreach (var (q, times) in searches.Zip(each).OrderByDescending(x => Timing.Of(x.Second).Median).Take(8))
                {
                    Console.WriteLine($"    {Timing.Of(times).Median,6:N1} ms (max {times.Max(),6:N1})  {q}");
                }
            }
        }

        var registrations = sample.Skip(searchPeople).Take(30).Select(NewRegistration).ToList();
        var duplicates = none;
        if (Wanted("duplicates"))
        {
            Step("duplicate candidates for a new registration");
            var each = registrations.Select(_ => new List<double>()).ToArray();
            await Measure.WarmAsync(sample.Skip(WarmUpPeople + searchPeople).Take(30).Select(NewRegistration).Select(d => (Func<Task>)(() => CheckDuplicates(d))).ToList(), warmUp);
            duplicates = await Measure.RepeatAsync(registrations.Select(d => (Func<Task>)(() => CheckDuplicates(d))).ToList(), rounds, budget: TimeSpan.FromSeconds(90), each: (i, ms) => each[i].Add(ms));
            Console.WriteLine($"  median {duplicates.Median:N1} ms, p95 {duplicates.P95:N1} ms");
            if (options.ContainsKey("slowest"))
            {
                // The tail's registrations, by their median over the rounds: what to look at when working on the p95.
                foreach (var (d, times) in registrations.Zip(each).OrderByDescending(x => Timing.Of(x.Second).Median).Take(8))
                {
                    Console.WriteLine($"    {Timing.Of(times).Median,6:N1} ms  {d.GivenName} {d.FamilyName}, {d.BirthDate:yyyy}, {d.Sex}, phone {(d.Phone is { Length: > 0 } ? "yes" : "no")}");
                }
            }
        }

        var statistics = none;
        if (Wanted("statistics"))
        {
            Step("population statistics");
            await Measure.WarmAsync([async () => await GetAsync(http, "api/v1/statistics/population?operation=KAZ", ct)], warmUp);
            statistics = await Measure.RepeatAsync([async () => await GetAsync(http, "api/v1/statistics/population?operation=KAZ", ct)], rounds: 10,
                budget: TimeSpan.FromSeconds(90));
            Console.WriteLine($"  median {statistics.Median:N1} ms, p95 {statistics.P95:N1} ms");
        }

        var ids = sample.Select(p => p.Id).ToArray();
        var (page, health) = (noLoad, noLoad);
        if (Wanted("page"))
        {
            Step($"person page and /health, {clients} clients, {loadTime.TotalSeconds:N0} s each after {loadWarmUp.TotalSeconds:N0} s of warm-up");
            page = await Measure.LoadAsync(http, r => new HttpRequestMessage(HttpMethod.Get, $"api/v1/persons/{ids[r.Next(ids.Length)]}"), clients, loadTime, loadWarmUp);
            health = await Measure.LoadAsync(http, _ => new HttpRequestMessage(HttpMethod.Get, "health"), clients, loadTime, loadWarmUp);
        }
        var (rss, _) = host.Memory();
        Console.WriteLine(!Wanted("page") ? $"  RSS {rss:N0} MiB" : $"  person page {page.PerSecond:N0}/s (p95 {page.Latency.P95:N0} ms, {page.Failed} failed), /health {health.PerSecond:N0}/s, RSS {rss:N0} MiB");

        var import = new Import(0, 0, false, 0, 0, 0, 0, 0, null, "not measured");
        if (Wanted("import"))
        {
            Step($"import of {importRows:N0} rows (capped at {importCap.TotalMinutes:N0} min)");
            // A kept database keeps its sample, so a file of the same seed would repeat the people an earlier run imported: another seed each run.
            var fileSeed = database.Reused ? seed + (int)(DateTime.UtcNow.Ticks % 100_000) : seed;
            import = await ImportAsync(http, database, sample, importRows, importCap, fileSeed, ct);
        }
        var (rssAfter, peakSoFar) = host.Memory();
        Console.WriteLine(import.Finished
            ? $"  {import.Seconds:N0} s: {import.Imported:N0} imported, {import.Rejected:N0} rejected"
            : $"  stopped at the cap: {import.Imported:N0} imported in {import.Seconds:N0} s, whole file extrapolated to {import.ExtrapolatedSeconds:N0} s");
        Console.WriteLine($"  RSS {rssAfter:N0} MiB, peak so far {peakSoFar:N0} MiB");

        // Last: a job still running at the cap goes on in the app and would share the CPU with anything measured after it.
        var dedup = new Dedup(false, false, 0, 0, 0, 0, 0, 0, 0, null, "not measured");
        if (Wanted("dedup"))
        {
            if (Wanted("import"))
            {
                var settling = Stopwatch.StartNew();
                await database.SettleAfterImportAsync(ct);
                Console.WriteLine($"  the import's tables settled (vacuumed and analysed on PostgreSQL, checkpointed) in {settling.Elapsed.TotalSeconds:N0} s");
            }
            Step("batch deduplication of the whole registry");
            dedup = await DedupRun.MeasureAsync(http, database, generated.Duplicates, dedupCap, ct);
        }
        Console.WriteLine(dedup.Available
            ? $"  {(dedup.Finished ? "" : "stopped at the cap, ")}{dedup.Seconds:N0} s, {dedup.PersonsDone:N0}/{dedup.PersonsTotal:N0} people, {dedup.PairsFound:N0} pairs, {dedup.PlantedFound:N0}/{dedup.Planted:N0} planted found"
            : "  " + dedup.Problem);

        var (_, peak) = host.Memory();
        Console.WriteLine($"  peak RSS of the run {peak:N0} MiB");
        var g = new Generation(generated.People, generated.Households, generated.Statuses, generated.Documents, generated.Needs, generated.NameKeys,
            generated.Duplicates.Count, generated.Elapsed.TotalSeconds);
        return new ScaleRun(engine, version, people, seed, DateTime.UtcNow, MachineDescription(), g, size, search, searches.Count,
            Median(matches), duplicates, registrations.Count, statistics, "population type x sub-type x origin x sex x age band", dedup, import, page, health, rss, peak, rssAfter);
    }

    /// <summary>Each sampled person searched for as staff type them: family name as written, in the other script, given and family, a prefix.</summary>
    private static IEnumerable<string> SearchTerms(IEnumerable<SampledPerson> people)
    {
        foreach (var p in people)
        {
            var cyrillic = p.FamilyName.Any(c => c is >= '\u0400' and <= '\u04FF');
            yield return p.FamilyName;
            yield return cyrillic ? NameScripts.ToLatin(p.FamilyName) : NameScripts.ToCyrillic(p.FamilyName);
            yield return $"{p.GivenName} {p.FamilyName}";
            yield return p.FamilyName.Length > 4 ? p.FamilyName[..4] : p.FamilyName;
        }
    }

    /// <summary>A registration of someone like a sampled person: names in the other script, the birth year only, sometimes the same phone.</summary>
    private static PersonDetails NewRegistration(SampledPerson p, int i)
    {
        var cyrillic = (p.GivenName + p.FamilyName).Any(c => c is >= '\u0400' and <= '\u04FF');
        string Other(string n) => cyrillic ? NameScripts.ToLatin(n) : NameScripts.ToCyrillic(n);
        return new PersonDetails
        {
            GivenName = i % 2 == 0 ? Other(p.GivenName) : p.GivenName,
            FamilyName = i % 2 == 0 ? Other(p.FamilyName) : p.FamilyName,
            Sex = p.Sex,
            BirthDate = p.BirthDate is { } b ? new DateOnly(b.Year, 1, 1) : null,
            BirthDatePrecision = p.BirthDate is null ? DatePrecision.Unknown : DatePrecision.Year,
            NationalityCode = p.NationalityCode,
            OriginCode = p.OriginCode,
            Phone = i % 3 == 0 ? p.Phone : "",
        };
    }

    private static async Task<Import> ImportAsync(HttpClient http, ScaleDatabase database, List<SampledPerson> names, int rows, TimeSpan cap, int seed,
        CancellationToken ct)
    {
        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var file = ImportFile.Write(names, rows, runId, seed);
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", $"scale-{rows}.csv");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(cap);
        var clock = Stopwatch.StartNew();
        using var importing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var byHand = RegisterByHandAsync(http, runId, importing.Token);
        try
        {
            using var response = await http.PostAsync("api/v1/persons/import?operation=KAZ", content, limit.Token);
            var body = await response.Content.ReadAsStringAsync(ct);
            var seconds = clock.Elapsed.TotalSeconds;
            await importing.CancelAsync();
            var (hand, handFailed) = await byHand;
            if (!response.IsSuccessStatusCode)
            {
                return new Import(rows, file.Length / 1048576.0, true, seconds, 0, 0, 0, 0, null, $"HTTP {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
            }
            var report = JsonDocument.Parse(body).RootElement;
            // Why rows were held back, the commonest reasons first (a duplicate of the registry, of the file, a failed save).
            foreach (var reason in report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("reason").GetString() ?? "")
                .GroupBy(r => r.Length > 160 ? r[..160] : r).Where(g => !g.Key.Contains("was rejected because")).OrderByDescending(g => g.Count()).Take(8))
            {
                Console.WriteLine($"    {reason.Count(),7:N0} rejected: {reason.Key}");
            }
            Console.WriteLine($"  by hand meanwhile: {hand.Count} households, median {hand.Median:N0} ms, p95 {hand.P95:N0} ms, max {hand.Max:N0} ms, {handFailed} failed");
            return new Import(rows, file.Length / 1048576.0, true, seconds, report.GetProperty("imported").GetInt32(), report.GetProperty("rejected").GetArrayLength(),
                report.GetProperty("skipped").GetInt32(), report.GetProperty("households").GetInt32(), null, null, hand, handFailed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var seconds = clock.Elapsed.TotalSeconds;
            await importing.CancelAsync();
            await byHand;
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // the request's last household commits or rolls back
            var imported = await database.CountImportedAsync($"SCALE-P-{runId}-", ct);
            return new Import(rows, file.Length / 1048576.0, false, seconds, imported, 0, 0, 0,
                imported > 0 ? seconds * rows / imported : null, "stopped at the cap; the rejected rows are not known");
        }
    }

    /// <summary>
    /// A registration clerk at work during the import: one household of one person a second, through the API, each timed
    /// until it is saved. The import holds the database for a group of households at a time; this is what a clerk waits.
    /// </summary>
    private static async Task<(Timing Times, int Failed)> RegisterByHandAsync(HttpClient http, string runId, CancellationToken stop)
    {
        var times = new List<double>();
        var failed = 0;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stop);
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var next = Task.Delay(TimeSpan.FromSeconds(1), stop);
                var person = new PersonDetails
                {
                    GivenName = "Clerk",
                    FamilyName = $"Probe{runId}x{n}",
                    Sex = n % 2 == 0 ? Sex.Female : Sex.Male,
                    BirthDate = new DateOnly(1980 + n % 30, 1 + n % 12, 1 + n % 28),
                    BirthDatePrecision = DatePrecision.Exact,
                };
                var command = new RegisterHousehold.Command("KAZ", null, null, null, [new RegisterHousehold.Member(person, Relationship.FocalPoint, ConfirmedNew: true)]);
                var clock = Stopwatch.StartNew();
                // Not the stop token: a registration under way when the import ends is waited for, as the clerk would.
                using var response = await http.PostAsJsonAsync("api/v1/households", command, AppHost.Json, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                else if (failed++ == 0)
                {
                    Console.WriteLine($"  a registration by hand failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
                await next;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The import ended.
        }
        return (Timing.Of(times), failed);
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(AppHost.Json, ct);
    }

    private static double Median(List<int> xs) => xs.Count == 0 ? 0 : xs.Order().ElementAt(xs.Count / 2);

    private static void Step(string what) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");

    private static string MachineDescription()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gib = memory is null ? "?" : (double.Parse(memory, CultureInfo.InvariantCulture) / 1048576).ToString("N0", CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} cores ({cpu}), {gib} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static Dictionary<string, string?> Options(string[] args)
    {
        var options = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                options[args[i][2..]] = hasValue ? args[++i] : null;
            }
        }
        return options;
    }

    private static int Number(Dictionary<string, string?> options, string name, int fallback) =>
        options.GetValueOrDefault(name) is { } s ? int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pana.slnx")))
            {
                return dir.FullName;
            }
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pana.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository: Pana.slnx not found.");
    }
}
