using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Pana.Infrastructure;
using Pana.Tests.Support;

namespace Pana.Tests.Shell;

public sealed class DatabaseSettingsTests(Apps apps)
{
    [Fact]
    public async Task Outside_production_EF_Core_still_refuses_two_threads_on_one_context()
    {
        // Production goes without the check (Program.cs); the tests keep it, so such a bug fails them.
        var app = apps.For(Databases.Sqlite);
        Assert.True(await app.Db(db => Task.FromResult(db.GetService<ICoreSingletonOptions>().AreThreadSafetyChecksEnabled)));
    }

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
