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
                + "page in one pass, the other word sought by (Key, PersonId). What is left in the tail is a second word whose range spans many keys (rahim, "
                + "rahimi, rahimov), sought with one index jump per person under the first"
                + (sqlite ? ", and SQLite's default page cache of 2 MiB per connection. " : ". ")
                + "*Plan*: a larger SQLite page cache per connection (memory traded for reads); on PostgreSQL a higher statistics target on the key column; "
                + "search a phone through an index of its last digits rather than a substring scan.";
        }
        if (r.Duplicates.P95 > 20)
        {
            yield return "**Duplicate candidates** (`DuplicateCheck`): the pair keys (both names, a name and the birth year) find the candidates through one index "
                + "read; they are ranked by one rule shared with the import (`DuplicateKeys.Rank`: both names first, then one name and the year with the other name "
                + "alike, at most 20 with the other name unlike), their own rows are read, and documents and household members only for those who may still reach "
                + "the possible level (`PersonMatcher.MayBePossible`). What is left is reading up to 100 rows of people who share both names, as common pairs "
                + "(Mohammad Ahmadi) do at a million. *Plan*: keep the birth year beside the pair key, so that people of the same names born decades apart are "
                + "read last; prepare the statements.";
        }
        if (r.Dedup is { Available: true } d && !(d.Finished && d.Seconds <= 60))
        {
            yield return $"**Batch deduplication** (`DedupJobs`, `CandidateBlocks`): reading and blocking took about a quarter of the processor time in a profile at 100,000 people; {d.Comparisons:N0} full "
                + "comparisons take the rest, because a key shared by more than 160 people is split only down to runs of 160 (smaller runs lose a year off by one "
                + "under a common name, tested). Of the planted duplicates it proposes "
                + $"{d.PlantedFound:N0} of {d.Planted:N0}: at a million people `MatchThresholds.ForRegistryOf` asks 7 more bits of evidence for \"probable\" "
                + "than on the evaluation set of 5,000, and a second registration in the other script with a guessed date and no document does not reach it. *Plan*: "
                + "a cheap filter before the full score (initials and birth decade), which cuts most comparisons of a common-name run; and calibrate the "
                + "registry-size shift on blocked pairs (blocks are now bounded, so the prior odds of a candidate pair fall more slowly than the registry grows).";
        }
        else if (r.Dedup is null or { Available: false })
        {
            yield return "**Batch deduplication** was not measured in this run.";
        }
        if (r.Statistics.P95 > 300)
        {
            yield return "**Population statistics**: today's figures come from the `PopulationCount` summary; this run's tail is the first read after the load, "
                + "which brings the counts to today.";
        }
        if (!(r.Import.Finished && r.Import.Problem is null && r.Import.Seconds <= 20))
        {
            var perRow = r.Import.Imported > 0 ? r.Import.Seconds * 1000 / r.Import.Imported : double.NaN;
            yield return "**Import** (`ImportRegistry`, `RegisterHouseholds`, `ImportDuplicates`): code lists read once, duplicates checked 250 households "
                + "at a time, numbers reserved per batch, households written past the change tracker with an audit line per household and per person. "
                + $"{perRow:N1} ms per person imported here. A profile of each batch shows where it goes: the duplicate check reads the rows of the people who "
                + "share keys with the batch's members (tens per member at a million, most of them people of the same two names), then documents and households "
                + "for the few who may match; writing a batch is about a tenth. *Plan*: read the candidates of the next batch while the current one is written "
                + "(two cores); keep the birth year beside the pair key to read fewer; stream the file a batch at a time (rows are read whole first, which is "
                + "also the memory peak of an import).";
        }
        if (r.PersonPage.PerSecond < 500 || r.PersonPage.PerSecond < r.Health.PerSecond / 3 || r.PersonPage.Failed > 0)
        {
            yield return "**Person page**: the principal of a bearer token is cached, the person is read in one query and the view's audit line is group-committed "
                + "with the others of the same moment (each request waits for its line to be sealed, so none is answered unaudited); what is left per view is the "
                + "query of the person with statuses, needs and documents"
                + (sqlite ? " (SQLite prepares it anew on every request, about a tenth of the app's CPU), " : ", ")
                + "the JSON, and the view's share of an audit transaction (its lines inserted, read back and sealed one UPDATE each). *Plan*: seal the lines "
                + "just inserted from memory and in one statement; keep prepared statements per connection; reference lists cached for the Razor page.";
        }
        if (r.PeakMiB >= 1024)
        {
            yield return $"**Memory**: serving the registry the app holds {r.RssMiB:N0} MiB; {r.RssAfterImportMiB:N0} MiB after the import; peak {r.PeakMiB:N0} MiB "
                + "during the import and the deduplication that follows it. *Plan*: stream the import file a batch at a time instead of reading every row first; "
                + "the deduplication keeps every person's folded record while it runs (about 1 GiB at a million people at its peak); name "
                + "tokens interned as integers would shrink it.";
        }
    }
}
