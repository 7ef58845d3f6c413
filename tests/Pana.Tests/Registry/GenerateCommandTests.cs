using Microsoft.EntityFrameworkCore;
using Pana.Features.Shell;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class GenerateCommandTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_generate_command_fills_an_empty_registry_in_bulk_and_refuses_a_full_one(string database)
    {
        await using var app = apps.Fresh(database);

        Assert.Equal(0, await Commands.RunAsync("generate", app.Services, ["--people", "500", "--seed", "7"]));

        Assert.Equal(500, await app.Db(db => db.Persons.CountAsync()));
        Assert.True(await app.Db(db => db.PersonNameKeys.CountAsync()) > 500);
        Assert.True(await app.Db(db => db.LegalStatuses.CountAsync()) >= 500);
        Assert.Equal(1, await Commands.RunAsync("generate", app.Services, ["--people", "10"]));
        Assert.Equal(2, await Commands.RunAsync("generate", app.Services, []));
        var report = await app.VerifyAudit();
        Assert.True(report.Intact);
    }
}
