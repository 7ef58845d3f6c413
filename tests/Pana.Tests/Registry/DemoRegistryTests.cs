using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pana.Data.Audit;
using Pana.Features.Registry;
using Pana.Features.Registry.Demo;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class DemoRegistryTests(Apps apps)
{
    [Fact]
    public async Task The_demo_registry_counts_Kazakhstan_on_31_December_2015_as_the_fact_sheet_does_and_is_made_only_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = apps.Fresh(Databases.Sqlite, demoData: true);
        await Generate(app, ct);
        var people = await app.Db(db => db.Persons.CountAsync(ct));

        using var scope = app.Services.CreateScope();
        var figures = scope.ServiceProvider.GetService<PopulationFigures>() ?? ActivatorUtilities.CreateInstance<PopulationFigures>(scope.ServiceProvider);
        var cells = await figures.OnAsync("KAZ", new DateOnly(2015, 12, 31), ct);
        int Count(string type, string? origin = null) => cells.Where(c => c.PopulationTypeCode == type && (origin is null || c.OriginCode == origin)).Sum(c => c.Persons);
        int Sub(string subType) => cells.Where(c => c.PopulationSubTypeCode == subType).Sum(c => c.Persons);

        // Refugee population by country of origin (seed 001): Afghanistan 646, China 9, Uzbekistan 26, Syria 21, others 6.
        Assert.Equal((646, 9, 26, 21), (Count("REF", "AFG"), Count("REF", "CHN"), Count("REF", "UZB"), Count("REF", "SYR")));
        Assert.Equal(708, Count("REF"));
        Assert.Equal(6, Count("REF") - 646 - 9 - 26 - 21);
        // Asylum-seekers: Afghanistan 41, Syria 16, Ukraine 18, others 22.
        Assert.Equal((41, 16, 18), (Count("ASY", "AFG"), Count("ASY", "SYR"), Count("ASY", "UKR")));
        Assert.Equal(97, Count("ASY"));
        Assert.Equal(22, Count("ASY") - 41 - 16 - 18);
        // Stateless: 6,876 recognised by the Government and 1,033 of undetermined nationality.
        Assert.Equal((6876, 1033, 7909), (Sub("STA-REC"), Sub("STA-UND"), Count("STA")));
        Assert.Equal(8714, cells.Sum(c => c.Persons));
        Assert.True(Sub("REF-CONV") > Sub("REF-MAND") && Sub("REF-MAND") > 0);

        // The fact sheet's two tables, exactly, as the API and the statistics page give them.
        var api = app.Api(await app.Token(await app.NewUser(Pana.Data.Identity.Roles.GovernmentViewer)));
        var tables = await Json.Read(await api.GetAsync("/api/v1/statistics/population/tables?operation=KAZ&on=2015-12-31", ct));
        Assert.Equal(8714, tables.GetProperty("total").GetInt32());
        string Table(string type) => string.Join(", ", tables.GetProperty("byOrigin").EnumerateArray().Single(t => t.GetProperty("populationTypeCode").GetString() == type)
            .GetProperty("rows").EnumerateArray().Select(r => $"{(r.GetProperty("code").ValueKind == System.Text.Json.JsonValueKind.Null ? "Others" : r.GetProperty("code").GetString())} {r.GetProperty("persons").GetInt32()}"));
        Assert.Equal("AFG 646, UZB 26, SYR 21, CHN 9, Others 6", Table("REF"));
        Assert.Equal("AFG 41, UKR 18, SYR 16, Others 22", Table("ASY"));
        Assert.Equal("STA-REC 6876, STA-UND 1033", string.Join(", ", tables.GetProperty("statelessBySubType").EnumerateArray().Select(r => $"{r.GetProperty("code").GetString()} {r.GetProperty("persons").GetInt32()}")));
        var browser = await app.SignedInAs(Pana.Data.Identity.Roles.GovernmentViewer);
        var page = await browser.GetStringAsync("/Statistics/Population?operation=KAZ&on=2015-12-31", ct);
        Assert.Contains("8,714", page);
        Assert.Contains("646", page);

        // One summary line in the audit log, not one per record.
        var lines = await app.Db(db => db.AuditEntries.Where(e => e.EntityType == "Registry" || e.EntityType == "Person" || e.EntityType == "LegalStatus")
            .Select(e => new { e.Action, e.Summary }).ToListAsync(ct));
        var line = Assert.Single(lines);
        Assert.Equal(AuditAction.System, line.Action);
        Assert.StartsWith($"Demo registry generated: {people} people in ", line.Summary);

        // Registration numbers continue after the demo: each counter is one past the highest number it gave.
        var counters = await app.Db(db => db.RegistrationCounters.ToDictionaryAsync(c => c.Prefix, c => c.Next, ct));
        var kaz15 = await app.Db(db => db.Persons.Where(p => p.RegistrationNumber.StartsWith("KAZ-15-")).Select(p => p.RegistrationNumber).ToListAsync(ct));
        Assert.Equal(kaz15.Count + 1, counters["KAZ-15"]);
        Assert.Contains($"KAZ-15-{kaz15.Count:000000}", kaz15);
        Assert.True(counters.ContainsKey("KAZ-15-H") && counters.ContainsKey("UZB-19") && counters.ContainsKey("TKM-19-H"));

        // About thirty documents expire within the coming month.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expiring = await app.Db(db => db.PersonDocuments.CountAsync(d => d.ExpiresOn >= today && d.ExpiresOn <= today.AddDays(30), ct));
        Assert.InRange(expiring, 25, 35);

        // Run again: nothing is added.
        await Generate(app, ct);
        Assert.Equal(people, await app.Db(db => db.Persons.CountAsync(ct)));
        Assert.Single(await app.Db(db => db.AuditEntries.Where(e => e.EntityType == "Registry").ToListAsync(ct)));
    }

    private static async Task Generate(PanaApp app, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var demo = scope.ServiceProvider.GetService<DemoRegistry>() ?? ActivatorUtilities.CreateInstance<DemoRegistry>(scope.ServiceProvider);
        await demo.RunAsync(ct);
    }
}
