using Npgsql;
using Pana.Infrastructure;

namespace Pana.Tests.Shell;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void PostgreSQL_prepares_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var chosen = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString("Host=db;Database=pana;Username=pana"));
        Assert.Equal((64, 2), (chosen.MaxAutoPrepare, chosen.AutoPrepareMinUsages));
        Assert.Equal(("db", "pana"), (chosen.Host, chosen.Database));

        var configured = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString("Host=db;Database=pana;Max Auto Prepare=0"));
        Assert.Equal(0, configured.MaxAutoPrepare);
    }
}
