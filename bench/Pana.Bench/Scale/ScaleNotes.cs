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
            yield return "**Name search** (`SearchPersons`): each word becomes `EXISTS (… PersonNameKeys WHERE PersonId = p.Id AND Key LIKE 'key%')`. "
                + (sqlite
                    ? "SQLite's LIKE is case-insensitive, so it cannot seek the (Key, PersonId) primary key: the plan walks every person and probes its keys, linear in the registry. "
                    : "PostgreSQL seeks no index for a LIKE either (the database's collation is not C and the key has no `text_pattern_ops` index): it scans all "
                        + "name keys and all people and hash-joins them. ")
                + "Then it counts every match and sorts every match by LatinName to show 25. *Plan*, tried by hand on the SQLite file of a million: a prefix as "
                + "a range (`Key >= 'rahim' AND Key < 'rahin'`) seeks the (Key, PersonId) primary key in both engines: counting the 34,000 people under `rahim` "
                + "takes 20 ms instead of 24 s, and counting at most 1,001 (\"more than 1,000\") 6 ms; drive the query from the rarest word's keys; and page in the "
                + "order of an index (a key row carrying the person's LatinName) rather than sorting every match, which alone still takes 80-550 ms for a common name.";
        }
        if (r.Duplicates.P95 > 20)
        {
            yield return "**Duplicate candidates** (`DuplicateCheck`): blocking takes everyone who shares any one name word (up to 1,000 people, in no order) and loads and "
                + "scores each, so a common word (Muhammad, Ivanov, -ovna patronymics) always costs 1,000 candidate rows; at a million the cut-off also drops true matches "
                + "at random. *Plan*: block on pairs, not single words: a key table of (family key + given key), (family key + birth year), (given key + birth year), document "
                + "number and phone, each holding tens of people; read candidates with one query per key kind.";
        }
        if (r.Dedup is { Available: true } d && !(d.Finished && d.Seconds <= 60))
        {
            yield return "**Batch deduplication** (`DedupJobs`): it reads every person's match record into memory page by page, builds the blocks in memory, "
                + "compares within each block, and saves all pairs found in one tracked `SaveChanges` at the end; the reading and the largest blocks (common names) "
                + "dominate. *Plan*: read only the blocking keys and the compared fields in one ordered scan, compare blocks in parallel, write pairs in batches "
                + "past the change tracker.";
        }
        else if (r.Dedup is null or { Available: false })
        {
            yield return "**Batch deduplication** was not measured: the build measured has no `POST /api/v1/matching/jobs` yet; the next run measures it.";
        }
        yield return "**Population statistics** by sex and age band do not exist yet: `GET /api/v1/statistics/population` (`PopulationFigures`) groups by population "
            + "type, sub-type and origin only. "
            + (r.Statistics.P95 > 300
                ? "It also misses the time: for every person it runs a correlated sub-query for the status in force (ORDER BY EffectiveFrom DESC LIMIT 1), linear "
                    + "in people and statuses. "
                : "")
            + "*Plan*: the figures of today from a small summary table (operation, type, sub-type, origin, sex, age band, count) that the registry's writes keep "
            + "(a status step, a birth date, a merge, a new person) and a nightly pass re-bands by age; a window-function pass over all statuses is no answer (17 s "
            + "on the SQLite file of a million). Figures of a past day keep coming from the history, as now.";
        if (!(r.Import.Finished && r.Import.Problem is null && r.Import.Seconds <= 20))
        {
            var perRow = r.Import.Imported > 0 ? r.Import.Seconds * 1000 / r.Import.Imported : double.NaN;
            yield return "**Import** (`ImportRegistry`): every household goes through `RegisterHousehold` one by one: the checks (a query per code), the duplicate check "
                + "(above: up to 1,000 candidates per member), a registration number from the counter row, one `SaveChanges` with an audit line per record, and the "
                + $"audit chain sealed after it: {perRow:N0} ms per person imported here, so 100,000 rows take hours. *Plan*: check codes against lists read once per "
                + "file; check duplicates with the pair blocking above, for a set of rows at a time; reserve the file's registration numbers in one counter update; "
                + "insert a few hundred households per transaction past the change tracker with one audit line per household, as `SyntheticRegistry` loads.";
        }
        if (r.PersonPage.PerSecond < 500 || r.PersonPage.PerSecond < r.Health.PerSecond / 3 || r.PersonPage.Failed > 0)
        {
            yield return "**Person page**: the work per view is the limit, not the registry's size (the same rate at 20,000 people): about a dozen round trips (the "
                + "token, the user's claims and roles, the person and its statuses, needs and documents as split queries, the organisation, the household), an audit "
                + "line of the view written and committed, and the sealing service chaining that line with its own reads and updates; one client alone waits about "
                + "16 ms a view, /health 2 ms (PostgreSQL, 100,000 people). "
                + (sqlite ? "On SQLite every view is also a write transaction, and writes go one at a time. " : "")
                + "*Plan*: cache the principal of a bearer token for a few seconds (dropped on revoke); read the person in one query; write view lines through a "
                + "queue that inserts them together every few milliseconds, and seal them in batches.";
        }
        if (r.PeakMiB >= 1024)
        {
            yield return $"**Memory**: serving the registry the app holds {r.RssMiB:N0} MiB after the load, {r.RssAfterImportMiB:N0} MiB after the import; the peak "
                + $"of {r.PeakMiB:N0} MiB comes from the batch deduplication job, which keeps every person's match record and every pair it finds in memory until it "
                + "ends. *Plan*: keep only the blocking keys in memory, read the compared fields of one block at a time, and write pairs as they are found.";
        }
    }
}
