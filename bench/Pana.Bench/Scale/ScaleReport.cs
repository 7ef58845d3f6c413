using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pana.Bench.Scale;

/// <summary>
/// Draws the scale section of docs/benchmarks.md between its markers: every run kept so far (its data is kept
/// as a JSON comment under its table), each figure beside the issue's target, and for each miss why and the plan.
/// What lies outside the markers (the quality section, the intro) is left as it is.
/// </summary>
public static partial class ScaleReport
{
    private const string Start = "<!-- scale:start -->";
    private const string End = "<!-- scale:end -->";
    private const string DataPrefix = "<!-- scale-data ";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static void Write(string path, ScaleRun? run)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : Intro;
        var (before, section, after) = Split(text);
        var runs = DataLines().Matches(section).Select(m => JsonSerializer.Deserialize<ScaleRun>(m.Groups[1].Value, Json)!).ToList();
        if (run is not null)
        {
            runs.RemoveAll(r => r.Key == run.Key);
            runs.Add(run);
        }
        var drawn = Section(runs.OrderBy(r => r.Engine, StringComparer.Ordinal).ThenByDescending(r => r.People).ToList());
        File.WriteAllText(path, before + Start + "\n" + drawn + End + after);
    }

    private const string Intro = """
        # Benchmarks

        Speed, memory and matching quality of Pana, measured by `bench/Pana.Bench` and written here by it. Each section is
        replaced by its own benchmark run; the text between other markers is left alone.


        """;

    private static (string Before, string Section, string After) Split(string text)
    {
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return (text.TrimEnd() + "\n\n", "", "\n");
        }
        return (text[..start], text[(start + Start.Length)..end], text[(end + End.Length)..]);
    }

    private static string Section(List<ScaleRun> runs)
    {
        var s = new StringBuilder();
        s.AppendLine("""
            ## Scale: a registry of a million people

            Every benchmark (quality, then scale on SQLite and on PostgreSQL, with a throwaway PostgreSQL cluster when
            `PANA_BENCH_POSTGRES` names none) runs by one command, `bench/run` (or `bench/run 100000` for a smaller
            registry). One database at a time (the app is built in Release first; the PostgreSQL run creates a database
            `pana_scale_<people>` on the server the variable names, dropping one of that name left by an earlier run):

            ```
            dotnet build -c Release src/Pana
            dotnet run -c Release --project bench/Pana.Bench -- scale --db sqlite --people 1000000
            PANA_BENCH_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres" dotnet run -c Release --project bench/Pana.Bench -- scale --db postgres --people 1000000
            ```

            Each run makes a fresh database, lets the real app migrate and seed it (`dotnet Pana.dll migrate`, with the first
            administrator from `Pana__Bootstrap__*`), bulk-loads the synthetic registry (`SyntheticRegistry`, the same generator as
            `dotnet Pana.dll generate --people N`), writes its pages home (`CHECKPOINT` on PostgreSQL, a WAL checkpoint on SQLite, so
            that the flush of the load does not share the disk with what is timed), then starts the real app on Kestrel on a loopback port and measures it through
            its API with a bearer token, as a client would: every figure includes HTTP, authentication, JSON and the audit line
            the endpoint writes. The load generator, the app and the database share the machine's two cores. Times are in
            milliseconds; median and p95 are over every timed call. Before timing, each measure runs untimed for 15 s
            (`--warm-up-seconds`) on calls of the same kind, for the search and the duplicate check those of other people, so
            that the app's code is compiled and tiered (unwarmed, the tiered compiler took 17% to 37% of the app's processor,
            perf); each measured call is also made once untimed first. The person page and /health are each loaded untimed for
            45 s before their 20 s are timed (`--load-warm-up-seconds`): under 64 clients the tiered compiler went on compiling
            (2,800 methods per 5 s, dotnet-counters) until about 40 s into the first load, which a server goes through once after each start. Between
            the import and the deduplication the database settles again (on PostgreSQL `VACUUM (ANALYZE)` and a checkpoint): autovacuum otherwise
            vacuumed and analysed the tables the import grew while the deduplication ran (pg_stat_activity), which took 64.7 s in the run of
            01:46 to 02:07 (2026-12-02) and 46.0 s settled in the run of 03:07 to 03:27. The targets are the issue's, for 1,000,000 people on this machine; a run at fewer people shows the trend, and what misses there misses at
            a million too. The synthetic registry has households, status histories, specific needs, documents and about 3% of
            people registered twice (another script, a guessed or swapped date of birth, a dropped patronymic); cases,
            assistance and referrals are not generated yet, because their tables do not exist yet: the generator gains them
            with those tables.

            Runs vary on this shared virtual machine: /health served between 3,316 and 5,787 requests/s in single runs of one
            day, and on one kept PostgreSQL registry the duplicate check's p95 ranged from 19.8 to 39.3 ms over four runs in an
            hour (median 9.7 to 14.4 ms), and 17.7 to 33.2 ms over five runs of the same build the next morning; on freshly
            generated PostgreSQL registries it was 16.0, 25.5 and 22.8 ms in three full runs (2026-12-01, 01:30, 04:13 and
            05:42), with no change to the check between them, then 15.1 and 23.2 ms in the two full runs after its audit line
            went to three round trips (08:18 and 09:59), the second with every median of the run slower (search 10.8 against
            9.1 ms). A p95 within a fifth of its target can fall on either side of it in another run; the PostgreSQL duplicate
            check is not met in general.
            The person page's share of /health was the least steady figure while EF Core read the person: in the full runs of
            2026-11-30 and 2026-12-01 up to 09:59 the page served 20 to 29% of what /health served, and 37% once, where
            /health served only 3,509 requests/s. Since staff who see everyone read
            the person by a statement of its own, prepared once on each of 16 connections kept for it (`PreparedPersonRead`),
            and both endpoints are measured after 45 s of warm-up, the page served 57% of /health on SQLite and 35% on
            PostgreSQL in the full run of 12:43 to 13:09, and in alternate runs of the page alone on kept registries 72 and
            73% on SQLite, 42 and 32% on PostgreSQL, against 23 to 26% with the EF Core read measured the same way. So SQLite
            meets the one-third ratio with room to spare; PostgreSQL sits on it, where the view's audit line is most of what is
            left of the page's cost (a build without it served 3,745 requests/s). A group's lines have since gone to
            PostgreSQL as one COPY instead of an INSERT each: alternate runs of the page alone then gave 1,890 and 2,213
            requests/s (41 and 46% of /health) against 1,595 and 1,877 (31 and 47%) without it (2026-12-01, 13:12 to 13:24).
            Peak memory passed 1 GiB on PostgreSQL (1,073 MiB at 08:18; the import alone peaked at 1,045 MiB in a rerun of the
            page load, import and deduplication on a kept registry) until the import let go of each row's
            cells once its household was written and compacted its heap past 512 MiB, and the deduplication kept each block
            key and its person in one 64-bit number. In the run of 09:48 to 09:59 the import then peaked at 745 MiB on SQLite
            and 781 MiB on PostgreSQL, and the run's peak, 955 and 939 MiB, came with the deduplication, whose folded registry
            is most of it (about 590 MiB managed at 1.1 million people): the app stayed under 1 GiB with 7 and 8% to spare.
            In the run of 12:43 to 13:09 the peaks, with the deduplication again, were 980 and 1,019 MiB: the margin under
            1 GiB then varied between 0.5 and 8% from run to run. The deduplication's folded person then copied each
            household member's given-name token (40 bytes) and kept the phone as a string; it now points at the cached name
            form and keeps the phone as a number, and the people are read into arrays sized by a count. On the kept SQLite
            registry grown to 1.3 million people, alternate runs of the deduplication alone gave 326 and 329 MiB managed after
            reading against 534 and 536, and peaks of 697 and 682 MiB against 841 and 825 (2026-12-01, 15:10), with the
            quality figures unchanged. In the full run of 15:40 to 16:04 the peaks were 739 and 769 MiB: 25% under 1 GiB.
            In that run PostgreSQL's batch deduplication took 59.5 s, against 50.6 s in the run before and 39.8 s on SQLite,
            with no change to its comparisons: within half a second of its target, it can fall on either side of it.

            """);
        foreach (var run in runs)
        {
            Run(s, run);
        }
        if (runs.Count == 0)
        {
            s.AppendLine("No run yet.").AppendLine();
        }
        return s.ToString();
    }

    private static void Run(StringBuilder s, ScaleRun r)
    {
        var g = r.Generation;
        var engine = r.Engine == "sqlite" ? "SQLite" : "PostgreSQL";
        s.AppendLine(En, $"### {engine}, {r.People:N0} people").AppendLine();
        s.AppendLine(En, $"Measured {r.At:yyyy-MM-dd} on {r.Machine}; {r.EngineVersion}, database {r.DatabaseMiB:N0} MiB after the load.").AppendLine();
        s.AppendLine(En, $"Generated {g.People:N0} people in {g.Households:N0} households ({g.Statuses:N0} status steps, {g.Documents:N0} documents, "
            + $"{g.Needs:N0} specific needs, {g.NameKeys:N0} name keys, {g.PlantedDuplicates:N0} people registered twice on purpose) in "
            + $"**{Duration(g.Seconds)}** ({g.People / g.Seconds:N0} people/s), statistics refreshed after the load included.").AppendLine();
        s.AppendLine("| measure | median | p95 | target | |");
        s.AppendLine("| --- | ---: | ---: | --- | --- |");
        Row(s, $"name search, any script ({r.NameSearchQueries} terms: family name as written, in the other script, given + family, first 4 letters; median {r.NameSearchMedianMatches:N0} matches)",
            r.NameSearch, "p95 ≤ 50 ms", r.NameSearch.P95 <= 50);
        Row(s, $"duplicate candidates for one new registration ({r.DuplicateChecks} registrations: a registered person again, half in the other script, birth year only)",
            r.Duplicates, "p95 ≤ 20 ms", r.Duplicates.P95 <= 20);
        s.AppendLine(En, $"| batch deduplication of the whole registry (POST /api/v1/matching/jobs) | {DedupFigure(r.Dedup)} | | ≤ 60 s | "
            + $"{(r.Dedup is { Available: true } d ? Verdict(d.Finished && d.Seconds <= 60) : "**missing**")} |");
        Row(s, $"population statistics of KAZ (what exists: {r.StatisticsShape})", r.Statistics, "≤ 300 ms (type x origin x sex x age band)", r.Statistics.P95 <= 300);
        var i = r.Import;
        var importFigure = i.Problem is { } p && i.Finished ? $"failed: {p}"
            : i.Finished ? $"{Duration(i.Seconds)}: {i.Imported:N0} imported, {i.Rejected:N0} rejected, {i.Households:N0} households"
            : $"stopped at {Duration(i.Seconds)} with {i.Imported:N0} people imported; whole file extrapolated: **{Duration(i.ExtrapolatedSeconds ?? double.NaN)}**";
        var importMet = i.Finished && i.Problem is null && i.Seconds <= 20;
        s.AppendLine(En, $"| import of a {i.Rows:N0}-row CSV ({i.FileMiB:N1} MiB, POST /api/v1/persons/import) | {importFigure} | | ≤ 20 s | {Verdict(importMet)} |");
        if (i.ByHand is { Count: > 0 } hand)
        {
            s.AppendLine(En, $"| a household registered by hand during the import, one a second (POST /api/v1/households) | {hand.Median:N0} ms ({hand.Count:N0} saved, "
                + $"{i.ByHandFailed:N0} failed), worst {hand.Max:N0} ms | {hand.P95:N0} ms | (none: what a clerk waits while an import holds the database) | |");
        }
        var ratio = r.PersonPage.PerSecond / r.Health.PerSecond;
        s.AppendLine(En, $"| person page (GET /api/v1/persons/{{id}}), {r.PersonPage.Clients} clients, {r.PersonPage.Seconds:N0} s | **{r.PersonPage.PerSecond:N0} requests/s** "
            + $"({r.PersonPage.Failed:N0} failed), latency {r.PersonPage.Latency.Median:N0} ms | {r.PersonPage.Latency.P95:N0} ms | ≥ 500 requests/s and ≥ 1/3 of /health | "
            + $"{Verdict(r.PersonPage.PerSecond >= 500 && ratio >= 1.0 / 3 && r.PersonPage.Failed == 0)} |");
        s.AppendLine(En, $"| bare endpoint /health of the same app, same load | **{r.Health.PerSecond:N0} requests/s**, latency {r.Health.Latency.Median:N0} ms | {r.Health.Latency.P95:N0} ms | "
            + $"(person page is {ratio:P0} of it) | |");
        s.AppendLine(En, $"| app memory (VmRSS) after the load / after the import / peak | {r.RssMiB:N0} MiB / {r.RssAfterImportMiB:N0} MiB | peak {r.PeakMiB:N0} MiB | < 1 GiB | {MemoryVerdict(r)} |");
        s.AppendLine();
        if (r.Remarks is { } remarks)
        {
            s.AppendLine(remarks).AppendLine();
        }
        var notes = ScaleNotes.For(r).ToList();
        if (notes.Count > 0)
        {
            s.AppendLine("What misses, why, and the plan:").AppendLine();
            notes.ForEach(n => s.AppendLine("- " + n));
            s.AppendLine();
        }
        s.AppendLine(DataPrefix + JsonSerializer.Serialize(r, Json) + " -->").AppendLine();
    }

    private static string DedupFigure(Dedup? d) => d is null ? "not measured in this run"
        : !d.Available ? $"not measured: {d.Problem}"
        : d.Finished ? string.Create(En, $"**{Duration(d.Seconds)}**: {d.PersonsTotal:N0} people, {d.Comparisons:N0} comparisons, {d.PairsFound:N0} pairs; {d.PlantedFound:N0} of {d.Planted:N0} planted duplicates proposed{PlantedShare(d)}")
        : string.Create(En, $"{d.Problem} after {Duration(d.Seconds)} with {d.PersonsDone:N0} of {d.PersonsTotal:N0} people done; whole run extrapolated: **{Duration(d.ExtrapolatedSeconds ?? double.NaN)}**");

    // The other pairs proposed are strangers, or people the import registered again: the share is the precision's floor.
    private static string PlantedShare(Dedup d) => d.PairsFound == 0 || d.Planted == 0 ? ""
        : string.Create(En, $" (recall {100.0 * d.PlantedFound / d.Planted:N1}%; {100.0 * d.PlantedFound / d.PairsFound:N1}% of the pairs proposed are planted ones, a floor of their precision)");

    private static void Row(StringBuilder s, string measure, Timing t, string target, bool met) =>
        s.AppendLine(En, $"| {measure} | {t.Median:N1} | {t.P95:N1} | {target} | {Verdict(met)} |");

    private static string MemoryVerdict(ScaleRun r) => r.PeakMiB < 1024 ? "met"
        : r.RssMiB < 1024 && r.RssAfterImportMiB < 1024 ? "met while serving; **missed** at the peak" : "**missed**";

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    public static string Duration(double seconds) => double.IsNaN(seconds) ? "?"
        : seconds < 120 ? string.Create(En, $"{seconds:N1} s") : string.Create(En, $"{Math.Floor(seconds / 60):N0} min {seconds % 60:N0} s");

    [GeneratedRegex(@"<!-- scale-data (\{.*\}) -->")]
    private static partial Regex DataLines();
}
