namespace Pana.Tests.Support;

/// <summary>The databases integration tests run on; PostgreSQL comes from PANA_TEST_POSTGRES (set by .ci/run).</summary>
public static class Databases
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static TheoryData<string> Both => new(Sqlite, Postgres);

    /// <summary>A server connection string without a database, e.g. Host=127.0.0.1;Port=5433;Username=postgres.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("PANA_TEST_POSTGRES");

    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Under CI a missing PostgreSQL fails the test; on a developer's machine the test says why it is skipped.</summary>
    public static void Require(string database)
    {
        if (database != Postgres || !string.IsNullOrWhiteSpace(PostgresServer))
        {
            return;
        }
        const string why = "PANA_TEST_POSTGRES is not set, so PostgreSQL tests cannot run (bash .ci/run starts a server and sets it).";
        if (IsCI)
        {
            throw new InvalidOperationException("CI=true: " + why);
        }
        Assert.Skip(why);
    }
}
