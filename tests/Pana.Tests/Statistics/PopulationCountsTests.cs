using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Features.Registry;
using Pana.Tests.Registry;
using Pana.Tests.Support;

namespace Pana.Tests.Statistics;

public sealed class PopulationCountsTests(Apps apps)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Todays_counts_agree_with_the_history_after_registrations_status_changes_edits_a_merge_and_an_import(string database)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = apps.Fresh(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Karimi");
        var ids = await api.Registered(
            APerson.Named("Ahmad", family) with { Status = "REF" },
            APerson.Named("Mariam", family).As("Spouse") with { Sex = "Female", Status = "REF", BirthDate = "1990-02-03" },
            APerson.Named("Omid", family).As("Son") with { BirthDate = Today.AddYears(-18).AddDays(1).ToString("yyyy-MM-dd") },
            APerson.Named("Sara", family).As("Daughter") with { Sex = "Female", BirthDate = null, BirthDatePrecision = "Unknown" });
        var other = (await api.Registered(APerson.Named("Bakhyt", APerson.Unique("Nurov")) with { OriginCode = "UZB", Status = "STA" }))[0];
        await Agree(app, ct);

        // A status step in the past, one that takes effect tomorrow, and one entered in error and removed.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/persons/{ids[0]}/statuses",
            Json.Of(new { populationTypeCode = (string?)null, ceased = "Naturalised", effectiveFrom = Today.AddDays(-3).ToString("yyyy-MM-dd"), basis = "Decree" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/persons/{ids[2]}/statuses",
            Json.Of(new { populationTypeCode = "REF", effectiveFrom = Today.AddDays(1).ToString("yyyy-MM-dd"), basis = "MIA decision" }))).StatusCode);
        var wrong = await Json.Read(await api.PostAsync($"/api/v1/persons/{other}/statuses",
            Json.Of(new { populationTypeCode = "REF", effectiveFrom = Today.AddDays(-1).ToString("yyyy-MM-dd"), basis = "Typo" })));
        await Agree(app, ct);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/persons/{other}/statuses/{wrong.GetProperty("id").GetGuid()}")).StatusCode);
        await Agree(app, ct);

        // Sex and birth date corrected on the record.
        await Edit(api, ids[3], d => { d["sex"] = "Male"; d["birthDate"] = "2015-05-05"; d["birthDatePrecision"] = "Exact"; d["originCode"] = "SYR"; });
        await Agree(app, ct);

        // A merge: the duplicate stops counting, the kept person counts by their own record.
        var duplicate = (await api.Registered(APerson.Named("Мариам", family) with { Sex = "Female", Status = "ASY", BirthDate = "1990-02-03" }))[0];
        await Agree(app, ct);
        int Version(HttpResponseMessage r) => int.Parse(r.Headers.ETag!.Tag.Trim('"'));
        var keptVersion = Version(await api.GetAsync($"/api/v1/persons/{ids[1]}", ct));
        var duplicateVersion = Version(await api.GetAsync($"/api/v1/persons/{duplicate}", ct));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/persons/{ids[1]}/merge", Json.Of(new { duplicateId = duplicate, keptVersion, duplicateVersion }))).StatusCode);
        await Agree(app, ct);

        // An import.
        var assistant = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var upload = new MultipartFormDataContent { { new ByteArrayContent(new ImportFiles().Csv()), "file", "people.csv" } };
        Assert.Equal(HttpStatusCode.OK, (await assistant.PostAsync("/api/v1/persons/import?operation=KAZ", upload, ct)).StatusCode);
        var figures = await Agree(app, ct);
        Assert.True(figures.Sum(c => c.Persons) >= 8);

        // Tomorrow: Omid turns 18 and becomes a refugee; the counts moved to the new day agree with tomorrow's history.
        var tomorrow = Today.AddDays(1);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
            Assert.Equal(tomorrow, await PopulationCounts.RefreshAsync(db, tomorrow, ct));
            var history = await scope.ServiceProvider.GetRequiredService<PopulationFigures>().FromHistoryAsync("KAZ", tomorrow, ct);
            Assert.Equal(Sorted(history), Sorted(await Counts(db, ct)));
            Assert.Contains(history, c => c.PopulationTypeCode == "REF" && c.AgeBand == "18-59" && c.Sex == Pana.Data.Registry.Sex.Male && c.OriginCode == "AFG");
        }
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_tables_give_people_of_concern_by_sex_and_age_band_and_say_as_of_when(string database)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = apps.Fresh(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        string Born(int years, int days = 0) => Today.AddYears(-years).AddDays(days).ToString("yyyy-MM-dd");
        var family = APerson.Unique("Rahimi");
        await api.Registered(
            APerson.Named("Aziz", family) with { BirthDate = Born(60) },                                    // 60 today: 60+
            APerson.Named("Gul", family).As("Spouse") with { Sex = "Female", BirthDate = Born(60, 1) },     // 59 until tomorrow
            APerson.Named("Nasrin", family).As("Daughter") with { Sex = "Female", BirthDate = Born(17) },
            APerson.Named("Yusuf", family).As("Son") with { BirthDate = Born(5, 1) },                       // 4
            APerson.Named("Lina", family).As("Daughter") with { Sex = "Female", BirthDate = Born(5) },       // 5
            APerson.Named("Baby", family).As("Son") with { Sex = "Unknown", BirthDate = null, BirthDatePrecision = "Unknown" },
            APerson.Named("Gone", family).As("Brother") with { Status = null });                          // not of concern

        var government = app.Api(await app.Token(await app.NewUser(Roles.GovernmentViewer)));
        var tables = await Json.Read(await government.GetAsync("/api/v1/statistics/population/tables?operation=KAZ", ct));
        Assert.Equal("counts", tables.GetProperty("source").GetString());
        Assert.Equal(6, tables.GetProperty("total").GetInt32());
        var rows = tables.GetProperty("bySexAndAge").EnumerateArray().Select(r =>
            $"{(r.GetProperty("ageBand").ValueKind == JsonValueKind.Null ? "?" : r.GetProperty("ageBand").GetString())}: " +
            $"{r.GetProperty("female").GetInt32()}f {r.GetProperty("male").GetInt32()}m {r.GetProperty("unknown").GetInt32()}u").ToList();
        Assert.Equal(["0-4: 0f 1m 0u", "5-11: 1f 0m 0u", "12-17: 1f 0m 0u", "18-59: 1f 0m 0u", "60+: 0f 1m 0u", "?: 0f 0m 1u"], rows);

        // The same people, one year back, come from the history: they were not registered yet.
        var lastYear = await Json.Read(await government.GetAsync($"/api/v1/statistics/population?operation=KAZ&on={Today.AddYears(-1):yyyy-MM-dd}", ct));
        Assert.Equal("history", lastYear.GetProperty("source").GetString());

        var browser = await app.SignedInAs(Roles.GovernmentViewer);
        var page = await browser.GetStringAsync("/Statistics/Population?operation=KAZ", ct);
        Assert.Contains("id=\"population-by-sex-and-age\"", page);
        Assert.Contains("data-source=\"counts\"", page);
        Assert.Contains("Date of birth not known", page);
    }

    /// <summary>Today's figures as the API gives them (from the counts) equal the history's and a rebuild's.</summary>
    private static async Task<List<PopulationFigures.Cell>> Agree(PanaApp app, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var figures = scope.ServiceProvider.GetRequiredService<PopulationFigures>();
        var read = await figures.ReadAsync("KAZ", Today, ct);
        Assert.Equal("counts", read.Source);
        var history = await figures.FromHistoryAsync("KAZ", Today, ct);
        Assert.Equal(Sorted(history), Sorted(read.Cells));
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        var counted = await db.CountedPersons.CountAsync(ct);
        await PopulationCounts.RebuildAsync(db, Today, ct);
        Assert.Equal(Sorted(history), Sorted(await Counts(db, ct)));
        Assert.Equal(counted, await db.CountedPersons.CountAsync(ct));
        return read.Cells;
    }

    private static Task<List<PopulationFigures.Cell>> Counts(PanaDb db, CancellationToken ct) =>
        db.PopulationCounts.Where(c => c.OperationCode == "KAZ" && c.Persons > 0)
            .Select(c => new PopulationFigures.Cell(c.PopulationTypeCode, c.PopulationSubTypeCode, c.OriginCode, c.Sex, c.AgeBand, c.Persons)).ToListAsync(ct);

    private static List<string> Sorted(IEnumerable<PopulationFigures.Cell> cells) => cells.Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();

    private static async Task Edit(HttpClient api, Guid id, Action<Dictionary<string, object?>> change)
    {
        var read = await api.GetAsync($"/api/v1/persons/{id}");
        var details = JsonSerializer.Deserialize<Dictionary<string, object?>>((await Json.Read(read)).GetProperty("details").GetRawText())!;
        change(details);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/persons/{id}") { Content = Json.Of(details) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        var response = await api.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
