using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Data.Registry;
using Pana.Infrastructure;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed partial class ImportExportTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Valid_households_are_imported_and_every_bad_row_comes_back_with_its_reason(string database)
    {
        var app = apps.For(database);
        var assistant = await app.NewUser(Roles.RegistrationAssistant);
        var api = app.Api(await app.Token(assistant));
        var files = new ImportFiles();

        var report = await Import(api, files.Csv(), "people.csv");

        Assert.Equal(11, report.GetProperty("rows").GetInt32());
        Assert.True(report.GetProperty("imported").GetInt32() == 6, report.GetRawText());
        Assert.Equal(3, report.GetProperty("households").GetInt32());
        Assert.Equal(0, report.GetProperty("skipped").GetInt32());
        var rejected = Rejected(report);
        Assert.Equal([8, 9, 10, 11, 12], rejected.Keys.Order());
        Assert.Equal("birth_date", rejected[8].GetProperty("column").GetString());
        Assert.Contains("31.02.1990", rejected[8].GetProperty("reason").GetString());
        Assert.Equal(files.Person(8), rejected[9].GetProperty("values").GetProperty("person_id").GetString());
        Assert.Contains("row 8 failed", rejected[9].GetProperty("reason").GetString());
        Assert.Equal("origin", rejected[10].GetProperty("column").GetString());
        Assert.Contains("QQQ", rejected[10].GetProperty("reason").GetString());
        Assert.Equal("person_id", rejected[11].GetProperty("column").GetString());
        Assert.Equal("sex", rejected[12].GetProperty("column").GetString());

        var people = await app.Db(db => db.Persons.Include(p => p.Statuses).Include(p => p.Needs).Include(p => p.Documents)
            .Where(p => p.ExternalId!.EndsWith(files.Suffix)).ToListAsync());
        Assert.Equal(6, people.Count);
        Assert.All(people, p => Assert.Equal(assistant.OrganisationId, p.RegisteringOrganisationId));
        var father = people.Single(p => p.ExternalId == files.Person(1));
        Assert.Equal((new DateOnly(1986, 1, 1), DatePrecision.Year), (father.BirthDate, father.BirthDatePrecision));
        Assert.Equal("ASY", father.Statuses.Single().PopulationTypeCode);
        Assert.Equal(["LP", "SM"], father.Needs.Select(n => n.CategoryCode).Order());
        Assert.Equal("PASSPORT", father.Documents.Single().DocumentTypeCode);
        var wife = people.Single(p => p.ExternalId == files.Person(2));
        Assert.Equal((Sex.Female, new DateOnly(1990, 5, 12), DatePrecision.Exact), (wife.Sex, wife.BirthDate, wife.BirthDatePrecision));
        Assert.Equal(DatePrecision.Month, people.Single(p => p.ExternalId == files.Person(3)).BirthDatePrecision);
        Assert.Equal(Relationship.FocalPoint, people.Single(p => p.ExternalId == files.Person(6)).Relationship);
        var household = await app.Db(db => db.Households.Include(h => h.Members).SingleAsync(h => h.ExternalId == files.Household(1)));
        Assert.Equal(3, household.Members.Count);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == assistant.Id && e.Action == AuditAction.Create
            && e.Summary.Contains("Import of file people.csv into KAZ: 6 people, 3 households, 5 rejected"))));
        // Each imported person's creation is on their own timeline, by the importing user, with what came with them.
        var timeline = await Json.Read(await api.GetAsync($"/api/v1/persons/{father.Id}/timeline"));
        var created = Assert.Single(timeline.EnumerateArray(), e => e.GetProperty("entityType").GetString() == "Person" && e.GetProperty("action").GetString() == "Create");
        Assert.Contains($"Create Person {father.RegistrationNumber} in household {household.RegistrationNumber} from import of file people.csv", created.GetProperty("summary").GetString());
        Assert.Contains("1 document(s)", created.GetProperty("summary").GetString());
        Assert.Equal(6, await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorUserId == assistant.Id && e.EntityType == "Person" && e.Action == AuditAction.Create)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Importing_the_same_file_again_creates_nobody_twice(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        await Import(api, files.Csv(), "people.csv");

        var again = await Import(api, files.Csv(bom: true), "people.csv");

        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(0, again.GetProperty("households").GetInt32());
        Assert.Equal(6, again.GetProperty("skipped").GetInt32());
        Assert.Equal([8, 9, 10, 11, 12], Rejected(again).Keys.Order());
        Assert.Equal(6, await app.Db(db => db.Persons.CountAsync(p => p.ExternalId!.EndsWith(files.Suffix))));
        Assert.Equal(3, await app.Db(db => db.Households.CountAsync(h => h.ExternalId!.EndsWith(files.Suffix))));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_row_that_is_likely_someone_already_registered_waits_for_confirm_new(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var family = APerson.Unique("Rahimi");
        await api.Registered(APerson.Named("Mohammad", family).Born("1986-03-07") with { Phone = "+7 701 222 3344" });
        var files = new ImportFiles();
        string[] Row(string confirm) => [files.Person(1), files.Household(1), "FocalPoint", "Мухаммад", family, "M", "1986", "AFG", "AFG", "KZ-75",
            "", "", "ASY", "", "", "", "", confirm];

        var held = await Import(api, files.Csv(rows: [Row("")]), "one.csv");
        Assert.Equal(0, held.GetProperty("imported").GetInt32());
        Assert.Contains("Possible duplicate of KAZ-", Rejected(held)[2].GetProperty("reason").GetString());

        var confirmed = await Import(api, files.Csv(rows: [Row("yes")]), "one.csv");
        Assert.Equal(1, confirmed.GetProperty("imported").GetInt32());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_import_and_a_deduplication_wait_for_the_batch_job_before_them_instead_of_running_beside_it(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var files = new ImportFiles();
        var ct = TestContext.Current.CancellationToken;
        Task<JsonElement> importing;
        Guid job;
        async Task<string?> State() => (await Json.Read(await api.GetAsync($"/api/v1/matching/jobs/{job}"))).GetProperty("state").GetString();

        // Another batch job holds the slot, as a deduplication of a million people would for a minute.
        using (await app.Services.GetRequiredService<BatchSlot>().TakeAsync(ct))
        {
            importing = Import(api, files.Csv(), "people.csv");
            var started = await api.PostAsync("/api/v1/matching/jobs", Json.Of(new { operation = "KAZ" }), ct);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            job = (await Json.Read(started)).GetProperty("id").GetGuid();
            await Task.Delay(1000, ct);

            Assert.False(importing.IsCompleted);
            Assert.Equal("Queued", await State());
            // A file refused for its kind does not wait to be told so.
            var refused = await api.PostAsync("/api/v1/persons/import?operation=KAZ", Upload(files.Csv(), "people.pdf"), ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(6, (await importing).GetProperty("imported").GetInt32());
        for (var i = 0; i < 300 && await State() != "Completed"; i++)
        {
            await Task.Delay(200, ct);
        }
        Assert.Equal("Completed", await State());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_xlsx_file_imports_like_a_csv_with_dates_and_numbers_read_from_cells(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();

        var report = await Import(api, files.Xlsx(), "people.xlsx");

        Assert.Equal(6, report.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.GetProperty("households").GetInt32());
        Assert.Equal([8, 9, 10, 11, 12], Rejected(report).Keys.Order());
        var farid = await app.Db(db => db.Persons.SingleAsync(p => p.ExternalId == files.Person(4)));
        Assert.Equal((new DateOnly(1979, 2, 11), DatePrecision.Exact), (farid.BirthDate, farid.BirthDatePrecision));
        var father = await app.Db(db => db.Persons.SingleAsync(p => p.ExternalId == files.Person(1)));
        Assert.Equal(("Мухаммад", DatePrecision.Year), (father.GivenName, father.BirthDatePrecision));
        Assert.Equal(6, (await Import(api, files.Xlsx(), "people.xlsx")).GetProperty("skipped").GetInt32());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_import_page_reports_rejected_rows_and_hands_out_the_error_file_once(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignIn(await app.NewUser(Roles.RegistrationAssistant));
        var files = new ImportFiles();
        var form = await browser.GetStringAsync("/Registry/Import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(PanaApp.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("KAZ"), "operation" },
            { File(files.Csv(';'), "text/csv"), "file", "people-semicolons.csv" },
        };

        var page = WebUtility.HtmlDecode(await (await browser.PostAsync("/Registry/Import", upload)).Content.ReadAsStringAsync());

        Assert.Contains("6 people in 3 households imported.", page);
        Assert.Contains("31.02.1990", page);
        var url = $"/Registry/Import?handler=Errors&id={ErrorFileLink().Match(page).Groups[1].Value}";
        var download = await browser.GetAsync(url);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var lines = (await download.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(';', ImportFiles.Header) + ";error", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith($"{files.Person(7)};{files.Household(4)};FocalPoint;Bahrom;", lines[1]);
        Assert.Contains("birth_date: Not a date of birth: 31.02.1990", lines[1]);
        Assert.Contains("row 8 failed", lines[2]);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);

        var template = await browser.GetStringAsync("/Registry/Import?handler=Template");
        Assert.StartsWith("household_id,person_id,relationship,given_name,family_name", template);
        Assert.Contains("Мухаммад", template);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_error_file_of_an_xlsx_import_is_a_workbook_with_an_error_column(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignIn(await app.NewUser(Roles.ProtectionOfficer));
        var files = new ImportFiles();
        var form = await browser.GetStringAsync("/Registry/Import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(PanaApp.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("KAZ"), "operation" },
            { File(files.Xlsx(), XlsxType), "file", "people.xlsx" },
        };

        var page = WebUtility.HtmlDecode(await (await browser.PostAsync("/Registry/Import", upload)).Content.ReadAsStringAsync());
        var download = await browser.GetAsync($"/Registry/Import?handler=Errors&id={ErrorFileLink().Match(page).Groups[1].Value}");

        Assert.Equal(XlsxType, download.Content.Headers.ContentType?.MediaType);
        var sheet = ImportFiles.ReadXlsx(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal([.. ImportFiles.Header, "error"], sheet[0]);
        Assert.Equal([files.Person(7), files.Person(8), files.Person(9), "", files.Person(11)], sheet.Skip(1).Select(r => r[0]));
        Assert.Equal(files.Household(6), sheet[4][1]);
        Assert.StartsWith("person_id: ", sheet[4][^1]);
        Assert.Equal("31.02.1990", sheet[1][6]);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_that_cannot_be_taken_as_a_whole_is_refused_with_the_reason(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();

        var response = await api.PostAsync("/api/v1/persons/import?operation=KAZ",
            Upload(files.Csv(header: [.. ImportFiles.Header[..^1], "passport_no"]), "people.csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("passport_no", await Problem(response));
        Assert.Equal(0, await app.Db(db => db.Persons.CountAsync(p => p.ExternalId!.EndsWith(files.Suffix))));
        var latin1 = await api.PostAsync("/api/v1/persons/import?operation=KAZ", Upload(Encoding.Latin1.GetBytes($"household_id,person_id,given_name\r\nH,{files.Person(1)},José\r\n"), "latin1.csv"));
        Assert.Contains("not in UTF-8", await Problem(latin1));
        var garbage = await api.PostAsync("/api/v1/persons/import?operation=KAZ", Upload(files.Csv(), "people.xlsx"));
        Assert.Contains("cannot be read", await Problem(garbage));
    }

    private static async Task<string?> Problem(HttpResponseMessage response) =>
        (await Json.Read(response)).GetProperty("errors").GetProperty("file")[0].GetString();

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Export_as_csv_and_xlsx_holds_the_people_found_and_is_audited(string database)
    {
        var app = apps.For(database);
        var assistant = await app.NewUser(Roles.RegistrationAssistant);
        var api = app.Api(await app.Token(assistant));
        var files = new ImportFiles();
        await Import(api, files.Csv(), "people.csv");

        var csv = await api.GetAsync($"/api/v1/persons/export?format=csv&q={Uri.EscapeDataString(files.CyrillicFamily)}");
        var xlsx = await api.GetAsync($"/api/v1/persons/export?format=xlsx&q={Uri.EscapeDataString(files.LatinFamily)}&sort=BirthDate");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id,Registration number,Given name,Family name", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains($"Мухаммад,{files.CyrillicFamily}") && l.Contains(",1986,Year,AFG,KAZ,KZ-75,ASY,"));
        Assert.Contains(lines, l => l.Contains($"Али,{files.CyrillicFamily}") && l.Contains(",2015-06,Month,"));
        Assert.Equal(XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        var sheet = ImportFiles.ReadXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal("Registration number", sheet[0][1]);
        Assert.Equal(["Farid", "Laila"], sheet.Skip(1).Select(r => r[2]).Where(n => n is "Farid" or "Laila"));
        Assert.Contains(sheet, r => r.Contains("1979-02-11"));
        var exports = await app.Db(db => db.AuditEntries.Where(e => e.ActorUserId == assistant.Id && e.Action == AuditAction.Export)
            .Select(e => e.Summary).ToListAsync());
        Assert.Contains(exports, s => s.StartsWith("Registry exported as CSV:") && s.Contains(files.CyrillicFamily));
        Assert.Contains(exports, s => s.StartsWith("Registry exported as XLSX:"));
        Assert.Contains(exports, s => s == "Registry export as CSV complete: 3 people");
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_partner_caseworkers_export_holds_only_their_organisations_people(string database)
    {
        var app = apps.For(database);
        var staff = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var partner = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));
        var files = new ImportFiles();
        await Import(staff, files.Csv(rows: files.Rows().Skip(3).Take(2)), "staff.csv");
        string[] Partners(int n, string relationship, string given, string sex, string born) =>
            [$"B{n}-{files.Suffix}", $"BH-{files.Suffix}", relationship, given, files.LatinFamily, sex, born, "AFG", "AFG", "", "", "", "", "", "", "", ""];
        var imported = await Import(partner, files.Csv(rows: [Partners(1, "FocalPoint", "Rustam", "M", "1955"), Partners(2, "Spouse", "Gulnara", "F", "1958")]), "partner.csv");
        Assert.Equal(2, imported.GetProperty("imported").GetInt32());

        var theirs = await (await partner.GetAsync($"/api/v1/persons/export?q={files.LatinFamily}")).Content.ReadAsStringAsync();
        var everyone = await (await staff.GetAsync($"/api/v1/persons/export?q={files.LatinFamily}")).Content.ReadAsStringAsync();

        Assert.Contains("Rustam", theirs);
        Assert.Contains("Gulnara", theirs);
        Assert.DoesNotContain("Farid", theirs);
        Assert.DoesNotContain("Laila", theirs);
        Assert.All(new[] { "Rustam", "Gulnara", "Farid", "Laila" }, name => Assert.Contains(name, everyone));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_import_given_up_while_it_waits_for_another_batch_job_never_runs(string database)
    {
        // An app of its own: the slot held here would hold up every other test's import.
        await using var app = apps.Fresh(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        var ct = TestContext.Current.CancellationToken;

        // As a deduplication of the whole registry would hold it.
        using (await app.Services.GetRequiredService<BatchSlot>().TakeAsync(ct))
        {
            using var givenUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.PostAsync("/api/v1/persons/import?operation=KAZ", Upload(files.Csv(), "people.csv"), givenUp.Token));
            // Time for the server to see the connection go before the slot is free.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.False(await app.Db(db => db.Persons.AnyAsync(p => p.ExternalId == files.Person(2), ct)));
        Assert.False(await app.Db(db => db.AuditEntries.AnyAsync(e => e.EntityType == "Registry" && e.EntityId == "import", ct)));
        // The slot was given back: the same file imports whole.
        Assert.Equal(6, (await Import(api, files.Csv(), "people.csv")).GetProperty("imported").GetInt32());
    }

    private static async Task<JsonElement> Import(HttpClient api, byte[] content, string fileName)
    {
        var response = await api.PostAsync("/api/v1/persons/import?operation=KAZ", Upload(content, fileName));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Json.Read(response);
    }

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static MultipartFormDataContent Upload(byte[] content, string fileName) =>
        new() { { File(content, fileName.EndsWith(".xlsx") ? XlsxType : "text/csv"), "file", fileName } };

    private static ByteArrayContent File(byte[] content, string type)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type) { CharSet = type == "text/csv" ? Encoding.UTF8.WebName : null };
        return file;
    }

    private static Dictionary<int, JsonElement> Rejected(JsonElement report) =>
        report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32());

    [GeneratedRegex("handler=Errors&id=([0-9a-f]{32})")]
    private static partial Regex ErrorFileLink();
}
