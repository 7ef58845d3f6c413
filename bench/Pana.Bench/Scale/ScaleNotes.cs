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
                    : "PostgreSQL cannot seek a btree with LIKE under the database's non-C collation (no `text_pattern_ops` index), so it hashes a scan of all name keys. ")
                + "Then it counts every match and sorts every match by LatinName to show 25. *Plan*: match a prefix as a range (`Key >= 'rahim' AND Key < 'rahin'`), which both "
                + "engines seek on the primary key, and drive the query from the rarest word's keys; count at most 1,000 (\"more than 1,000\"); page by "
                + "(LatinName, Id) from an index instead of sorting all matches.";
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
            yield return "**Batch deduplication** (`DedupJobs`): it runs through the same database reads as the registration check, block by block; the time grows with "
                + "the largest blocks (common names). *Plan*: read the blocking keys of the whole registry in one ordered scan and compare within each block in memory "
                + "(as Splink does), writing pairs in batches.";
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
            + "*Plan*: one pass over `LegalStatuses` with `ROW_NUMBER() OVER (PARTITION BY PersonId ORDER BY EffectiveFrom DESC, RecordedAt DESC)` joined to the people, "
            + "grouped by type, origin, sex and an age band computed from BirthDate and the day; and since the figures of a day change only when a status, a birth date "
            + "or a person changes, keep the result per (operation, day) until the next such change.";
        if (!(r.Import.Finished && r.Import.Problem is null && r.Import.Seconds <= 20))
        {
            yield return "**Import** (`ImportRegistry`): every household goes through `RegisterHousehold` one by one: the checks (a query per code), the duplicate check "
                + "(above: up to 1,000 candidates per member), a registration number from the counter row, one `SaveChanges` with an audit line per record, and the "
                + "audit chain sealed after it; tens of milliseconds per row, so 100,000 rows take hours. *Plan*: check codes against lists read once per file; "
                + "check duplicates with the pair blocking above, in sets of rows; reserve the file's registration numbers in one counter update; insert in batches of "
                + "a few hundred households per transaction with one audit line per household (or per batch), as `SyntheticRegistry` does for its bulk load.";
        }
        if (r.PersonPage.PerSecond < 500 || r.PersonPage.PerSecond < r.Health.PerSecond / 3 || r.PersonPage.Failed > 0)
        {
            yield return "**Person page**: each read makes about a dozen round trips (the token and the user's claims and roles, the person and its statuses, needs and "
                + "documents as split queries, the organisation, the household) and writes and commits an audit line of the view, which the sealing service then "
                + "chains one by one; "
                + (sqlite ? "on SQLite every view is a write transaction, and writes queue one at a time. " : "on PostgreSQL the commits and the chain updates contend. ")
                + "/health is one round trip. *Plan*: cache the principal of a bearer token for a few seconds (dropped on revoke); read the person in one query; "
                + "write view lines through a queue that inserts them together every few milliseconds, and seal them in batches.";
        }
        if (r.PeakMiB >= 1024)
        {
            yield return "**Memory** went over 1 GiB at its peak: see which step raised it (the peak is of the whole run, the import and deduplication included).";
        }
    }
}
