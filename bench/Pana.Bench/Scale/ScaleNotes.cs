namespace Pana.Bench.Scale;

/// <summary>Why each measure that misses its target misses, and what is planned; written from the code and the query plans, kept beside the figures.</summary>
public static class ScaleNotes
{
    public static IEnumerable<string> For(ScaleRun r)
    {
        if (r.NameSearch.P95 > 50)
            yield return "**Name search**: TODO.";
        if (r.Duplicates.P95 > 20)
            yield return "**Duplicate candidates**: TODO.";
        yield return "**Batch deduplication** is not measured here: TODO.";
        yield return "**Population statistics**: TODO.";
        if (!(r.Import.Finished && r.Import.Problem is null && r.Import.Seconds <= 20))
            yield return "**Import**: TODO.";
        if (r.PersonPage.PerSecond < 500 || r.PersonPage.PerSecond < r.Health.PerSecond / 3 || r.PersonPage.Failed > 0)
            yield return "**Person page**: TODO.";
        if (r.PeakMiB >= 1024)
            yield return "**Memory**: TODO.";
    }
}
