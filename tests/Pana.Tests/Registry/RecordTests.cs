using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class RecordTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_current_status_follows_from_the_history_by_effective_date(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var id = (await api.Registered(APerson.Named("Farid", APerson.Unique("Noori")) with { Status = "ASY", StatusFrom = "2015-06-01" }))[0];

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/persons/{id}/statuses",
            Json.Of(new { populationTypeCode = "REF", populationSubTypeCode = "REF-CONV", effectiveFrom = "2016-05-10", basis = "MIA decision 45/2016" }))).StatusCode);
        // Entered late, but took effect earlier: the history orders by effective date, not by entry.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/persons/{id}/statuses",
            Json.Of(new { populationTypeCode = (string?)null, ceased = "Naturalised", effectiveFrom = "2019-09-01", basis = "Presidential decree" }))).StatusCode);
        var refused = await api.PostAsync($"/api/v1/persons/{id}/statuses", Json.Of(new { populationTypeCode = "REF", populationSubTypeCode = "STA-REC", effectiveFrom = "2020-01-01" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var person = await Json.Read(await api.GetAsync($"/api/v1/persons/{id}"));
        var history = person.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("populationTypeCode").GetString() ?? s.GetProperty("ceased").GetString()).ToList();
        Assert.Equal(["ASY", "REF", "Naturalised"], history);
        Assert.Equal("Naturalised", person.GetProperty("currentStatus").GetProperty("ceased").GetString());

        var on2015 = await Json.Read(await api.GetAsync("/api/v1/statistics/population?operation=KAZ&on=2016-01-01"));
        Assert.Contains(on2015.GetProperty("cells").EnumerateArray(), c => c.GetProperty("populationTypeCode").GetString() == "ASY");
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_edit_is_refused_and_nothing_is_overwritten(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var id = (await api.Registered(APerson.Named("Nurlan", APerson.Unique("Abenov")) with { OriginCode = "UZB", NationalityCode = null }))[0];
        var read = await api.GetAsync($"/api/v1/persons/{id}");
        var etag = read.Headers.ETag!;
        var details = (await Json.Read(read)).GetProperty("details");

        HttpRequestMessage Put(string given) => new(HttpMethod.Put, $"/api/v1/persons/{id}")
        {
            Content = Json.Of(new { givenName = given, familyName = details.GetProperty("familyName").GetString(), sex = "Male", birthDatePrecision = "Unknown", originCode = "UZB" }),
            Headers = { IfMatch = { etag } },
        };
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(Put("Нурлан"))).StatusCode);
        var second = await api.SendAsync(Put("Nurlan-overwrite"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("Нурлан", (await Json.Read(await api.GetAsync($"/api/v1/persons/{id}"))).GetProperty("details").GetProperty("givenName").GetString());
        var noIfMatch = await api.PutAsync($"/api/v1/persons/{id}", Json.Of(new { givenName = "x", familyName = "y" }));
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_likely_duplicate_is_shown_with_reasons_and_can_be_linked_or_confirmed(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var family = APerson.Unique("Rahimi");
        var first = (await api.Registered(APerson.Named("Mohammad", family).Born("1986-03-07")))[0];

        // The same man written in Cyrillic by another partner, with day and month swapped.
        var again = APerson.Named("Мухаммад", family).Born("1986-07-03");
        var conflict = await api.Register(again);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var candidate = (await Json.Read(conflict)).GetProperty("duplicates").GetProperty("0").GetProperty("candidates")[0];
        Assert.Equal(first, candidate.GetProperty("personId").GetGuid());
        var reasons = candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("Given and family names agree (in any script or order)", reasons);
        Assert.Contains("Date of birth with day and month swapped", reasons);

        var confirmed = await api.Register(again with { ConfirmedNew = true });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(2, await app.Db(db => db.Persons.CountAsync(p => p.FamilyName == family)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_partner_caseworker_gets_404_for_a_person_not_shared_with_them(string database)
    {
        var app = apps.For(database);
        var office = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var notShared = (await office.Registered(APerson.Named("Ahmad", APerson.Unique("Karimi"))))[0];
        var caseworker = await app.NewUser(Roles.PartnerCaseworker);
        var partner = app.Api(await app.Token(caseworker));
        var theirs = (await partner.Registered(APerson.Named("Aigul", APerson.Unique("Serikova")) with { Sex = "Female" }))[0];

        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/persons/{notShared}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/persons/{theirs}")).StatusCode);
        var browser = await app.SignIn(caseworker);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Registry/Person/{notShared}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Registry/Person/{theirs}")).StatusCode);
        var search = await partner.Search("pageSize=200");
        Assert.DoesNotContain(search.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == notShared);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Staff_who_see_everyone_read_a_person_as_the_partner_who_registered_them_does(string database)
    {
        // Staff who see everyone read through a statement of their own (PreparedPersonRead), a partner through EF Core: the two must agree.
        var app = apps.For(database);
        var partner = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));
        var office = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Yusupov");
        var ids = await partner.Registered(
            APerson.Named("Rustam", family) with { Patronymic = "Karimovich", Phone = "+7 701 555 12 34", DocumentNumber = "N" + Random.Shared.Next(1_000_000, 9_999_999) },
            APerson.Named("Дилноза", family).As("Spouse") with { Sex = "Female", Status = null, BirthDate = "1990-01-01", BirthDatePrecision = "Year", OriginCode = null });
        var (head, spouse) = (ids[0], ids[1]);
        foreach (var step in new object[]
        {
            new { populationTypeCode = "REF", populationSubTypeCode = "REF-CONV", effectiveFrom = "2024-09-01", basis = "MIA decision 12/2024" },
            new { populationTypeCode = (string?)null, ceased = "Resettled", effectiveFrom = "2025-05-20", basis = "Departed to Canada" },
        })
        {
            Assert.Equal(HttpStatusCode.Created, (await office.PostAsync($"/api/v1/persons/{head}/statuses", Json.Of(step))).StatusCode);
        }
        foreach (var (person, category) in new[] { (head, "SM"), (head, "WR"), (spouse, "LP") })
        {
            Assert.Equal(HttpStatusCode.Created, (await office.PostAsync($"/api/v1/persons/{person}/needs", Json.Of(new { categoryCode = category, notes = "Seen at the office" }))).StatusCode);
        }
        var need = (await Json.Read(await office.GetAsync($"/api/v1/persons/{head}"))).GetProperty("needs")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/v1/persons/{head}/needs/{need}/resolve", Json.Of(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsync($"/api/v1/persons/{head}/documents",
            Json.Of(new { documentTypeCode = "PASSPORT", number = "P " + Random.Shared.Next(1_000_000, 9_999_999), issuer = "Ministry of Interior" }))).StatusCode);

        foreach (var id in ids)
        {
            var (mine, theirs) = (await office.GetAsync($"/api/v1/persons/{id}"), await partner.GetAsync($"/api/v1/persons/{id}"));
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Equal(await theirs.Content.ReadAsStringAsync(), await mine.Content.ReadAsStringAsync());
            Assert.Equal(theirs.Headers.ETag, mine.Headers.ETag);
        }
        var read = await Json.Read(await office.GetAsync($"/api/v1/persons/{head}"));
        Assert.Equal(3, read.GetProperty("statusHistory").GetArrayLength());
        Assert.Equal(2, read.GetProperty("needs").GetArrayLength());
        Assert.Equal(2, read.GetProperty("documents").GetArrayLength());
        Assert.True(read.GetProperty("household").GetProperty("isFocalPoint").GetBoolean());
        Assert.Equal("Karimovich", read.GetProperty("details").GetProperty("patronymic").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/persons/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task On_PostgreSQL_a_person_is_read_after_the_server_dropped_the_connections_kept_for_reading()
    {
        var app = apps.For(Databases.Postgres);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var id = (await api.Registered(APerson.Named("Bakhtiyor", APerson.Unique("Rakhimov"))))[0];
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/persons/{id}")).StatusCode);

        // As a restart or a failover would: the server ends every connection kept for the person read.
        var dropped = await app.Db(db => db.Database.SqlQueryRaw<bool>(
            "SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND application_name = {0}",
            Pana.Features.Registry.PreparedPersonRead.ApplicationName).ToListAsync());
        Assert.NotEmpty(dropped);

        var again = await api.GetAsync($"/api/v1/persons/{id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await Json.Read(again)).GetProperty("id").GetGuid());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_government_viewer_sees_no_personal_data_but_reads_aggregates(string database)
    {
        var app = apps.For(database);
        var office = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var id = (await office.Registered(APerson.Named("Omid", APerson.Unique("Sadat"))))[0];
        var government = app.Api(await app.Token(await app.NewUser(Roles.GovernmentViewer)));

        Assert.Equal(HttpStatusCode.Forbidden, (await government.GetAsync($"/api/v1/persons/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await government.GetAsync("/api/v1/persons?q=Omid")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await government.GetAsync("/api/v1/statistics/population?operation=KAZ")).StatusCode);
        var browser = await app.SignedInAs(Roles.GovernmentViewer);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/Registry/Person/{id}")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Needs_and_documents_are_recorded_and_expiring_documents_are_listed(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var id = (await api.Registered(APerson.Named("Gulnara", APerson.Unique("Iskakova")) with { Sex = "Female" }))[0];
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(12).ToString("yyyy-MM-dd");

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/persons/{id}/needs", Json.Of(new { categoryCode = "WR", notes = "Single mother of three" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/persons/{id}/documents",
            Json.Of(new { documentTypeCode = "PASSPORT", number = "N 123 456", issuer = "Ministry of Interior", expiresOn = soon }))).StatusCode);
        var bad = await api.PostAsync($"/api/v1/persons/{id}/documents", Json.Of(new { documentTypeCode = "NOPE", number = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var expiring = await Json.Read(await api.GetAsync("/api/v1/documents/expiring?days=30"));
        Assert.Contains(expiring.EnumerateArray(), r => r.GetProperty("personId").GetGuid() == id && r.GetProperty("daysLeft").GetInt32() == 12);
        var byNeed = await api.Search("need=WR&pageSize=200");
        Assert.Contains(byNeed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_programme_officer_reads_a_person_but_cannot_change_their_status_on_the_page(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var id = (await api.Registered(APerson.Named("Bashir", APerson.Unique("Wardak"))))[0];
        var browser = await app.SignedInAs(Roles.ProgrammeOfficer);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Registry/Person/{id}")).StatusCode);
        var post = await PanaApp.PostForm(browser, $"/Registry/Person/{id}?handler=Status",
            new() { ["Step.PopulationTypeCode"] = "REF", ["Step.EffectiveFrom"] = "2025-01-01" });

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/Identity/AccessDenied", post.Headers.Location!.OriginalString);
        Assert.Equal(1, await app.Db(db => db.LegalStatuses.CountAsync(s => s.PersonId == id)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_edit_page_refuses_a_stale_version_and_keeps_what_was_typed(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Tursunov");
        var id = (await api.Registered(APerson.Named("Rustam", family)))[0];
        var browser = await app.SignedInAs(Roles.RegistrationAssistant);
        var form = await browser.GetStringAsync($"/Registry/Person/{id}/Edit");
        var version = System.Text.RegularExpressions.Regex.Match(form, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;

        var read = await api.GetAsync($"/api/v1/persons/{id}");
        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/persons/{id}")
        {
            Content = Json.Of(new { givenName = "Рустам", familyName = family, sex = "Male", birthDatePrecision = "Unknown" }),
            Headers = { IfMatch = { read.Headers.ETag! } },
        };
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(first)).StatusCode);

        var response = await browser.PostAsync($"/Registry/Person/{id}/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = version,
            ["Details.GivenName"] = "Rustam typed on the page",
            ["Details.FamilyName"] = family,
            ["Details.Sex"] = "Male",
            ["Details.BirthDatePrecision"] = "Unknown",
            ["__RequestVerificationToken"] = PanaApp.AntiforgeryToken(form),
        }));
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this person while you were editing", html);
        Assert.Contains("value=\"Rustam typed on the page\"", html);
        Assert.Equal("Рустам", await app.Db(db => db.Persons.Where(p => p.Id == id).Select(p => p.GivenName).SingleAsync()));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_household_changes_focal_point_and_members_and_a_stale_version_is_refused(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Hakimi");
        var ids = await api.Registered(APerson.Named("Ahmad", family), APerson.Named("Zarina", family).As("Spouse") with { Sex = "Female" },
            APerson.Named("Omid", family).As("Son").Born("2015-02-02"));
        var householdId = (await Json.Read(await api.GetAsync($"/api/v1/persons/{ids[0]}"))).GetProperty("household").GetProperty("id").GetGuid();
        var read = await api.GetAsync($"/api/v1/households/{householdId}");

        // The mother becomes the focal point; the son moves out.
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/households/{householdId}")
        {
            Content = Json.Of(new { members = new[] { new { personId = ids[1], relationship = "FocalPoint" }, new { personId = ids[0], relationship = "Spouse" } }, version = 0 }),
            Headers = { IfMatch = { read.Headers.ETag! } },
        };
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(put)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/households/{householdId}")
        {
            Content = Json.Of(new { members = new[] { new { personId = ids[0], relationship = "FocalPoint" } }, version = 0 }),
            Headers = { IfMatch = { read.Headers.ETag! } },
        };
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.SendAsync(stale)).StatusCode);

        var household = await Json.Read(await api.GetAsync($"/api/v1/households/{householdId}"));
        Assert.Equal(ids[1], household.GetProperty("focalPointId").GetGuid());
        Assert.Equal(2, household.GetProperty("members").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, (await Json.Read(await api.GetAsync($"/api/v1/persons/{ids[2]}"))).GetProperty("household").ValueKind);
    }
}
