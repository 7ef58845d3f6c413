namespace Pana.Bench.Scale;

/// <summary>Everything one scale run measured, kept (as JSON) beside its table in docs/benchmarks.md so the section can be drawn again.</summary>
public sealed record ScaleRun(string Engine, string EngineVersion, int People, int Seed, DateTime At, string Machine, Generation Generation,
    double DatabaseMiB, Timing NameSearch, int NameSearchQueries, double NameSearchMedianMatches, Timing Duplicates, int DuplicateChecks,
    Timing Statistics, string StatisticsShape, Dedup? Dedup, Import Import, Load PersonPage, Load Health, double RssMiB, double PeakMiB, double RssAfterImportMiB,
    string? Remarks = null)
{
    public string Key => $"{Engine}-{People}";
}

/// <summary>What the synthetic registry generator wrote and how long it took.</summary>
public sealed record Generation(int People, int Households, int Statuses, int Documents, int Needs, int NameKeys, int PlantedDuplicates, double Seconds);

/// <summary>
/// One import of the CSV through the API. Capped: when the cap stopped it, Imported is what the database holds
/// afterwards and ExtrapolatedSeconds the time the whole file would have taken at that rate. ByHand: households registered
/// through the API one a second while the import ran, how long each took, and how many failed (null in runs before it was measured).
/// </summary>
public sealed record Import(int Rows, double FileMiB, bool Finished, double Seconds, int Imported, int Rejected, int Skipped, int Households,
    double? ExtrapolatedSeconds, string? Problem, Timing? ByHand = null, int ByHandFailed = 0);

/// <summary>
/// One batch deduplication job of the whole registry through the API, and how many of the planted duplicates it
/// proposed. Available is false when the app has no matching endpoint yet; Finished is false when the cap stopped the wait.
/// </summary>
public sealed record Dedup(bool Available, bool Finished, double Seconds, int PersonsTotal, int PersonsDone, long Comparisons, int PairsFound,
    int Planted, int PlantedFound, double? ExtrapolatedSeconds, string? Problem);
