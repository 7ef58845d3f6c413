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
            yield return "**Name search** (`SearchPersons`): a word is a range of the name-key index (`Key >= 'rahim' AND Key < 'rahin'`), the rarest word drives, "
                + "people come in index order and the count stops past 1,000, so the median is low; the tail is the two-word searches (given + family name), whose "
                + "capped count checks the second word person by person (two index lookups per person under the first word, up to 1,001)"
                + (sqlite ? ". " : ", and PostgreSQL plans every query afresh (no prepared statements), 5-30 ms under load. ")
                + "*Plan*: count a two-word search by intersecting the two words' key ranges (both ordered by person) instead of probing per person; prepare the "
                + "search statements; search a phone through an index of its last digits rather than a substring scan.";
        }
        if (r.Duplicates.P95 > 20)
        {
            yield return "**Duplicate candidates** (`DuplicateCheck`): the pair keys (both names, a name and the birth year) find the candidates through one index "
                + "read, but up to 100 of them are then loaded (three queries: people, documents, household members) and scored, and a common name pair fills the "
                + "100. *Plan*: rank candidates in SQL by the keys they share and load only the top 20 unless they score high; read household members only for "
                + "candidates whose names and date already agree.";
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
            yield return "**Import** (`ImportRegistry`, `RegisterHouseholds`, `ImportDuplicates`): the bulk path (code lists read once, duplicates checked 250 "
                + "households at a time, numbers reserved per batch, households written past the change tracker) is in place, but a batch still costs "
                + $"tens of seconds at a million people ({perRow:N0} ms per person imported here). " + ImportCause
                + " Rows are read whole before the first batch, which is also why the app's memory passes 900 MiB during a 100,000-row import.";
        }
        if (r.PersonPage.PerSecond < 500 || r.PersonPage.PerSecond < r.Health.PerSecond / 3 || r.PersonPage.Failed > 0)
        {
            yield return "**Person page**: the principal of a bearer token is cached, the person is read in one query and the view's audit line is group-committed "
                + "with the others of the same moment (each request waits for its line to be sealed, so none is answered unaudited); what is left per view is the "
                + "query of the person with statuses, needs and documents"
                + (sqlite ? " (SQLite prepares it anew on every request, about a tenth of the app's CPU), " : ", ")
                + "the JSON, and the view's share of an audit transaction. *Plan*: a compiled query; keep prepared statements per connection; reference lists "
                + "cached for the Razor page.";
        }
        if (r.PeakMiB >= 1024)
        {
            yield return $"**Memory**: serving the registry the app holds {r.RssMiB:N0} MiB; {r.RssAfterImportMiB:N0} MiB after the import; peak {r.PeakMiB:N0} MiB "
                + "during the import and the deduplication that follows it. *Plan*: stream the import file a batch at a time instead of reading every row first; "
                + "the deduplication keeps every person's folded record while it runs (about 1 GiB at a million people at its peak); name "
                + "tokens interned as integers would shrink it.";
        }
    }

    // What the profile of the import showed; see docs/benchmarks.md.
    private const string ImportCause = "The statement to blame, found after this run by logging each command's time: EF turned the population counts' "
        + "per-person status in force (`PopulationCounts.MoveAsync`, called once per batch) into a window over every legal status of the registry, "
        + "688 ms a batch at 100,000 people and growing with the registry. Fixed since (the status in force picked in C#): a 2,097-row import on the "
        + "100,000-person SQLite file went from 8.2 s to 4.2 s; the million is to be measured again. *Plan*: then profile the per-row work that is left "
        + "and stream the file a batch at a time.";
}
