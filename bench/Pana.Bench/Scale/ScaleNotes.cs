namespace Pana.Bench.Scale;

/// <summary>
/// Why a measure misses its target, and the plan: read from the code and the query plans of the build measured,
/// and kept beside the figures so that a miss is explained where it is shown.
/// </summary>
public static class ScaleNotes
{
    public static IEnumerable<string> For(ScaleRun r)
    {
        var sqlite = r.Engine == "sqlite";
        if (r.NameSearch.P95 > 50)
        {
            yield return "**Name search** (`SearchPersons`): a word is a range of the name-key index (`Key >= 'rahim' AND Key < 'rahin'`); the rarest word "
                + "drives (each word counted only up to the rarest so far), people come in index order, the count stops past 1,000, and two words give count and "
                + "page in one pass, the other word sought by the whole key (Key, SortName, PersonId: a person's rows share one sort name); "
                + "the search's audit line is group-committed with the views. What is left in the "
                + "tail is two common words (Bobur Qodirov: 7,160 and 6,970 keys), the second sought with one index jump per person under the first, and "
                + "the first time a search's pages are read (traced on PostgreSQL: 267 ms the first time, 65 to 95 ms after). *Tried*: reading the second "
                + "word's people as a set and intersecting in memory gave no gain in paired runs (p95 72 and 83 against 66 and 69 ms): counting and reading "
                + "two ranges of 7,000 keys costs as much as the jumps. *Plan*: a key of the two words together for searches of two whole words, as the "
                + "duplicate check has; "
                + (sqlite ? "prepare the statements (SQLite compiles each on every call). "
                    : "trace the app in that tail. The key keeps 1,000 common words in its statistics (migration `NameKeyStatistics`), so the "
                    + "planner hash-joins two common words' ranges instead of probing one per person: on a kept 1M registry, warmed up, the p95 went "
                    + "from 58 to 73 ms to 37 ms and two-word searches from 50 to 70 ms to 11 to 30 (a first trial, unwarmed, had shown no gain). ")
                + "Search a phone through an index of its last digits rather than a substring scan. "
                + (sqlite ? "On SQLite the p95 was 51.0 ms in the full run of 01:46 to 02:07 (2026-12-02) against 42.9 ms in the run before, with no "
                    + "change to the search between them. Since then another word of no more than eight times the driving word's keys is listed once "
                    + "(`+PersonId IN (...)`) instead of sought per person: the slowest searches on the kept registry went from 83 to 115 ms to 35 to 60, "
                    + "the p95 from 55.0 and 52.6 ms to 41.4 and 31.3, and 25.4 ms in the full run of 03:07 to 03:27."
                    : "On PostgreSQL the p95 was 38.2 ms in the full run of 01:46 to 02:07 (2026-12-02), against 50.8 ms in the run before, with no change "
                    + "to the search between them.");
        }
        if (r.Duplicates.P95 > 20)
        {
            yield return "**Duplicate candidates** (`DuplicateCheck`): the pair keys (both names, a name and the birth year) are read from a covering index with "
                + "the other name word and the year of birth beside each key; candidates are ranked by one rule shared with the import (`DuplicateKeys.Rank`: "
                + "both names and a year near the registration's first, then one name and the year with the other name alike; at most 20 born years apart or "
                + "with the other name unlike); their own rows are read, and household members only for those who may still reach the possible "
                + "level (`PersonMatcher.MayBePossible`); documents are not read, as the lookup by the registration's numbers finds every shared one; lists "
                + "go as one array parameter; the audit line naming who was shown is inserted already sealed with the other lines of its moment (ids "
                + "taken first, one statement a line). Measured after a warm-up of 15 s on other registrations: unwarmed, the tiered compiler took 37.5% "
                + "of the app's processor during the rounds (perf). What is left: reading the candidates' rows, up to 100 people, one index jump each"
                + (sqlite ? ", with every statement compiled anew" : "")
                + ", and the audit group's commit before the answer"
                + (sqlite ? ". " : ": on the kept PostgreSQL registry, a build without the check's audit line gave median 8.4 and 7.7 ms, p95 17.2 and "
                    + "16.5 ms, against 11.1 and 12.2 ms, p95 22.3 and 23.8 ms with it, in alternate runs (2026-12-01), when the line took five round "
                    + "trips (advisory lock, chain head, ids, insert behind a savepoint, commit; 0.9 ms of it the commit's flush in the server's log). The "
                    + "lock, the head and the ids now go as one batch of three statements, and the inserts without a savepoint: three round trips. In "
                    + "alternate runs of 10 rounds on the kept registry that gave median 6.1 and 5.7 ms, p95 12.8 and 12.5 ms, against 7.3 and 8.4 ms, p95 "
                    + "14.3 and 16.8 ms before. Not resetting pooled connections (Npgsql's No Reset On Close, whose reset ran before the next statement on "
                    + "every open) gave p95 19.7, 24.5 and 22.7 ms against 19.3, 20.3 and 16.0 ms: not kept. ")
                + "*Plan*: bound the score from what the key rows already say (both names agree, the year's distance) and read only the people who may "
                + "reach the possible level.";
        }
        if (r.Dedup is { Available: true } d && !(d.Finished && d.Seconds <= 60))
        {
            yield return $"**Batch deduplication** (`DedupJobs`, `CandidateBlocks`): {d.Comparisons:N0} comparisons; a pair is passed over without comparing "
                + "names when its birth dates, sex, origin and documents keep it below the probable level (`PersonMatcher.MayReach`), and the comparison stops "
                + "before phone and household when they cannot lift it there; what is left is reading and folding every person (a quarter of the time) and "
                + "comparing the names of pairs born within a year or two. *Plan*: read the next page of people while the last is folded; name tokens as "
                + "integers to compare and to keep. On PostgreSQL it took 64.7 s in the full run of 01:46 to 02:07 (2026-12-02), against 48.0 s in the "
                + "run before and 48.5 s on SQLite in the same run, with no change to it: the run of 15:40 (2026-12-01) had 59.5 s, the ones around it "
                + "39.8 to 50.6 s. Autovacuum was seen vacuuming and analysing the import's tables during the deduplication; since the bench settles "
                + "the database between them, 46.0 s (run of 03:07 to 03:27).";
        }
        else if (r.Dedup is null or { Available: false })
        {
            yield return "**Batch deduplication** was not measured in this run.";
        }
        if (r.Dedup is { Available: true, Planted: > 0 } found && found.PlantedFound < 0.9 * found.Planted)
        {
            yield return $"**Planted duplicates found by the batch run**: {found.PlantedFound:N0} of {found.Planted:N0}. At a million people "
                + "`MatchThresholds.ForRegistryOf` asks 7 more bits of evidence for \"probable\" than on the evaluation set of 6,700, so a second registration "
                + "in the other script with a guessed date and no document does not reach it (the check by hand still shows it as possible). *Plan*: calibrate "
                + "the registry-size shift on the pairs the blocks compare, whose prior odds fall more slowly than the registry grows, watching the share of "
                + $"the pairs proposed that are planted ones ({100.0 * found.PlantedFound / Math.Max(1, found.PairsFound):N1}% here, a floor of their precision, "
                + "since the other pairs are strangers or people the import registered again), which a lower shift would lower.";
        }
        if (r.Statistics.P95 > 300)
        {
            yield return "**Population statistics**: today's figures come from the `PopulationCount` summary; this run's tail is the first read after the load, "
                + "which brings the counts to today.";
        }
        if (!(r.Import.Finished && r.Import.Problem is null && r.Import.Seconds <= 20))
        {
            var perRow = r.Import.Imported > 0 ? r.Import.Seconds * 1000 / r.Import.Imported : double.NaN;
            yield return "**Import** (`ImportRegistry`, `RegisterHouseholds`, `ImportDuplicates`): code lists read once; rows checked 250 households "
                + "at a time while the batch before is written on a connection of its own; the writer holds one transaction over several batches and "
                + "commits every 2,500 households (population counts moved inside it; on SQLite also after 2 s, leaving the database free for 250 ms "
                + "after each commit; on PostgreSQL the numbers are reserved on a connection of their own and committed at once); records and audit "
                + "lines go past the change tracker (prepared inserts on SQLite, binary COPY on PostgreSQL) and the sealing "
                + "chains the lines after each commit. The check keeps the key rows it read (up to 4 million, 24 bytes each) and up to a million "
                + "candidates, lean (the compared fields, each spelling once; the numbers a reason names are read for it), reads them in id order on "
                + $"two connections at once, and folds and ranks on both cores. {perRow:N1} ms per person imported here.";
            yield return sqlite ? "**Import, measured step by step** (100,000 rows on a copy of the generated 1M SQLite registry restored before each run, "
                + "2026-12-01): 82 s against 123 and 151 s for the build before (03cd3a1). A phase profile (a build with stopwatches, 92 s): the check "
                + "41.5 s (the candidates' rows 14.3 s, ranking 9.4 s, key rows 7.8 s, the may-reach filter 7.2 s), the write 45.4 s and its commits "
                + "19.4 s, the check waiting 30.6 s for the write. Groups of 2,500 households instead of a commit per batch wrote 7.2 GB instead of "
                + "21.9 GB (115 to 152 s in six runs, against 151 and 123 s); the candidates read in id order took 44.4 s instead of 55.6 s; a million "
                + "lean candidates kept instead of 100,000 whole ones meant 650,000 reads instead of 3.2 million (14.5 s; the check 42 s instead of "
                + "86 s; peak RSS 848 MiB, where a million whole ones took 1,055 MiB); the audit lines through the loader instead of SaveChanges took "
                + "17 s off the write. Writing alone (an experiment that skips the check) took 65 s. The group's size: 1,000 households took "
                + "99 s (11.7 GB written), 5,000 took 83 s (4.9 GB), against 82 and 86 s for 2,500 (7.2 GB): past 2,500 a larger group no longer "
                + "pays, and it would hold a registration by hand longer."
                : "**Import on PostgreSQL**: the same design, the records and audit lines by binary COPY. The full run of 23:10 to 23:33 "
                + "(2026-12-01), the first with groups of 2,500 households, lean candidates and the audit lines loaded, took 2 min 28 s against "
                + "3 min 12 s in the run before; SQLite went from 2 min 11 s to 84 s in the same run. The step-by-step figures and the floor "
                + "below were measured on SQLite; on PostgreSQL the server's backends share the app's two cores, and the app's own process used about "
                + "101 s of processor in an import of 120 s (2026-12-02): the check and the encoding of the rows set its pace more than the server's "
                + "writes, so the plan's check from one sequential read of the registry comes first there.";
            yield return "**Registration by hand during the import** (a household of one registered through the API once a second while the "
                + "import runs: the row below the import's): the first runs (2026-12-02, the kept 1M registries) showed a clerk waiting "
                + "up to 28 s on SQLite (median 779 ms; 20.4 s at most in a second run), and on PostgreSQL 4 of 202 registrations failed with HTTP 500 "
                + "(median 39 ms, p95 6.3 s, worst 11.6 s), one group of the import was refused (1,425 rows \"could not be saved\"), and the server "
                + "logged deadlocks and duplicate registration numbers. A number by hand was read from its counter and written back when saved, so "
                + "while an import held the counter in its open group the clerk took the group's numbers; and on SQLite the clerk's connection "
                + "retries on a timer and found the database taken again at once after each commit. Now a number by hand is one update of the "
                + "counter inside the registration's transaction, which waits for the group instead (a test reproduces the deadlock on the old "
                + "code); on PostgreSQL the import reserves its numbers on a connection of its own, committed at once, and every writer updates "
                + "population cells in one order: the clerk's median 113 ms, p95 557 ms, worst 1.9 s, none failed, import 2 min 9 s. On SQLite a "
                + "group holds the database 2 s at most and leaves it free for 250 ms after its commit: in two runs the clerk's median 313 and 760 ms, "
                + "worst 3.1 and 3.4 s, none failed (import 97 and 110 s, against 100 s without the bounds in a run between them, noise being ±20%). In the full run of 01:46 to 02:07 "
                + "(2026-12-02): on SQLite 54 saved, median 511 ms, worst 3.2 s (import 99.7 s against 83.5 s in the run before); on PostgreSQL 142 "
                + "saved, median 153 ms, p95 716 ms, worst 3.6 s (import 2 min 30 s against 2 min 28 s); none failed. In the full run of 03:07 to 03:27: "
                + "on SQLite 55 saved, median 583 ms, worst 3.7 s; on PostgreSQL 146 saved, median 154 ms, p95 915 ms, worst 3.8 s; none failed. "
                + "Tried and not kept on SQLite (2026-12-02): the import committing after the batch in which a transaction of the app waited to begin "
                + "(an EF Core transaction interceptor) and waiting until it was in: the clerk's median 469 and 471 ms, p95 1.4 s, worst 2.1 and 3.1 s, "
                + "against 1.3, 3.2 and 3.8 s in a run between them, but the import took 108 and 120 s against 95 s and wrote 18 GB against 11.4, "
                + "committing about once a second for a clerk who registers once a second. Tried first and not kept: a page size "
                + "of 8 KiB instead of 4 (the rows inserted by `sqlite3` alone in transactions of 7,500 people: 36 and 36 s against 44 and 39 s; "
                + "the app's import 115 and 112 s against 95 and 111 s, writing 8.6 GB against 7.8), 2 and 1 KiB (51 and 59 s by `sqlite3`).";
            yield return "**Import, the floor on SQLite**: the same rows (people, name and match keys, statuses, documents, audit lines) inserted by "
                + "`sqlite3` alone into the same copy, no .NET at all: in transactions of 300 people 104 s (48 s of it commits), of 3,000 61 s, of "
                + "15,000 38 s, all 100,000 in one 27 s (24 s with the keys in key order). About 20 of the 60 B-tree entries a person adds land on a "
                + "random page of a large index (name and match keys, names, dates, document numbers, phones); a commit writes each page it touched "
                + "to the WAL and the checkpoint writes it again. So no loop in the app reaches 20 s on this schema: it needs fewer random entries per "
                + "person. Tried and not kept over the earlier steps: `synchronous=NORMAL`, page caches of 64 to 256 MiB (no gain with the check "
                + "on, peak RSS 1.3 to 1.5 GiB), statement journals in memory, no automatic checkpoint (inserts then search a growing WAL), checkpoints moved to a background connection after each group "
                + "(87 s against 86 s, 2026-12-01), the "
                + "sealing paused, memory-mapped reads, keys inserted in key order, batches of 1,000 households checked at once, "
                + "`DOTNET_TieredCompilation=0`, a 64 MiB gen0 budget (peak RSS 1,018 MiB) and GC conserve-memory off. Kept from them: the writer on "
                + "a connection of its own, the ranking's tally reused per thread and sorted in place, EF Core's thread-safety check off in "
                + "production (20 GiB allocated instead of 35 to 39), the folded form a field of the record, and the name and match keys clustered "
                + "on their keys (SQLite `WITHOUT ROWID`: 758 MiB instead of 1,465 MiB at 1M people).";
            yield return "*Plan for the import*: the keys of newly imported people (5.4 random entries a person) go to a small table that the checks "
                + "and searches read with the large one, merged into it in key order in the background (a sorted merge writes each leaf page once); "
                + "the check's 40 s from the registry folded in memory in one sequential scan, as the deduplication reads it (SQLite scans the whole "
                + "Persons table in 0.75 s); ids as 16 bytes, not 36 characters, on SQLite.";
        }
        if (r.PersonPage.PerSecond < 500 || r.PersonPage.PerSecond < r.Health.PerSecond / 3 || r.PersonPage.Failed > 0)
        {
            yield return "**Person page**: the principal of a bearer token is cached, and the view's audit line is group-committed with the others "
                + "of the same moment (each request waits for its line to be sealed, so none is answered unaudited). For staff who see everyone the "
                + "person is read by one statement prepared once on each of 16 connections kept open for it (`PreparedPersonRead`): through EF Core "
                + "every read had opened a pooled connection (SQLite runs a pragma on each open), compiled its statement again (Microsoft.Data.Sqlite "
                + "keeps none past its command, dotnet/efcore#14044) and materialised its rows through the query pipeline; a build that answered "
                + "from memory after the token check served 11,561 requests/s where /health served 4,477, so the read and the audit line were "
                + "the whole cost. In alternate runs of the page alone on the kept 1M registries, each endpoint after 45 s of warm-up "
                + "(2026-12-01): on SQLite 2,654 and 3,339 requests/s, 72 and 73% of /health, against 1,433 and 1,295 (24 and 23%) before; on "
                + "PostgreSQL 1,913 and 1,737 (42 and 32%) against 1,228 and 1,042 (26 and 24%). A first version opened a connection past the "
                + "16 instead of waiting for a turn, and on PostgreSQL each such open started a server process: 1,214 requests/s there. "
                + "On PostgreSQL the audit line is most of what is left: a build without it served 3,745 requests/s; over 10 s of load "
                + "(pg_stat_statements) the read took 0.13 ms of server time a call, each line's INSERT 0.11 ms, in groups of about 30 lines; "
                + "a group's lines now go as one COPY, which gave 1,890 and 2,213 requests/s against 1,595 and 1,877 in alternate runs. "
                + "*Plan*: read the organisation's names from memory rather than join them, and keep fewer indexes on the audit table.";
        }
        if (r.PeakMiB >= 1024)
        {
            yield return $"**Memory**: serving the registry the app holds {r.RssMiB:N0} MiB; {r.RssAfterImportMiB:N0} MiB after the import; peak {r.PeakMiB:N0} MiB "
                + "during the import and the deduplication that follows it (an import and a deduplication each give their memory back when they end: "
                + "`WorkingSet.GiveBackAfterBatch`). *Plan*: stream the import file a batch at a time instead of reading every row first; "
                + "the deduplication keeps every person's folded record while it runs (490 MB of live objects at 1.19M people in a heap dump); name tokens "
                + "interned as integers would shrink it. Counters of a 100,000-row import alone on the kept PostgreSQL registry (2026-12-01) put the "
                + "working set at its peak (858 MiB) at 645 MiB committed by the GC, of it a gen2 heap of 527 MiB with 204 MiB of fragmentation (the key "
                + "rows' lists grow by copying, and what the check forgets leaves holes), and 210 MiB outside the GC's heap (code, the runtime, drivers' "
                + "buffers, thread stacks); in a full run the import follows the load of 64 clients and peaks higher. Tried: 30,000 people kept instead "
                + "of 100,000 (peak 833 against 886 MiB, 169 against 165 s), GC conserve-memory 9 instead of 7 (peak 792 MiB, but 192 s and 206 gen2 "
                + "collections): neither kept. *Plan* as well: the key rows of a batch in one array read to size, not lists grown row by row.";
        }
    }
}
