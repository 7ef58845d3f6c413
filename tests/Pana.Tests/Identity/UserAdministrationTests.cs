using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Identity;

public sealed class UserAdministrationTests(Apps apps)
{
    private static async Task<Guid> Organisation(PanaApp app, string code) =>
        await app.Db(db => db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in_and_the_creation_is_audited(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));
        var name = $"krcs-{Guid.NewGuid():N}"[..20];

        var created = await api.PostAsync("/api/v1/users", Json.Of(new
        {
            userName = name,
            displayName = "Гульнара Ахметова",
            email = "g.akhmetova@example.org",
            organisationId = await Organisation(app, "KRCS"),
            roles = new[] { Roles.PartnerCaseworker },
            password = "Caseworker-pass-2026",
        }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json.Read(created)).GetProperty("id").GetString()!;
        var token = await app.Api().PostAsync("/api/v1/auth/token", Json.Of(new { username = name, password = "Caseworker-pass-2026" }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        var entries = await app.Db(db => db.AuditEntries.Where(e => e.EntityId == id || e.Summary.Contains(name)).ToListAsync());
        var creation = Assert.Single(entries, e => e.Action == AuditAction.Create && e.EntityType == "User");
        Assert.Contains("\"Field\":\"OrganisationId\"", creation.Changes);
        Assert.Contains("\"Field\":\"PasswordHash\",\"Before\":null,\"After\":null,\"Hidden\":true", creation.Changes);
        Assert.DoesNotContain("g.akhmetova@example.org", creation.Changes);
        Assert.Contains(entries, e => e.Action == AuditAction.PermissionChange && e.Summary == $"Role {Roles.PartnerCaseworker} granted to {name}");
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_partner_caseworker_must_belong_to_an_ngo_partner(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));

        var response = await api.PostAsync("/api/v1/users", Json.Of(new
        {
            userName = $"x-{Guid.NewGuid():N}"[..20],
            displayName = "X",
            organisationId = await Organisation(app, "UNHCR-KAZ-MCO"),
            roles = new[] { Roles.PartnerCaseworker },
            password = "short",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json.Read(response)).GetProperty("errors");
        Assert.Contains("NGO partner", errors.GetProperty("OrganisationId")[0].GetString());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Changing_roles_is_a_permission_change_and_a_stale_version_is_refused(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));
        var user = await app.NewUser(Roles.RegistrationAssistant);
        var read = await api.GetAsync($"/api/v1/users/{user.Id}");
        var version = read.Headers.ETag!.Tag.Trim('"');
        var org = await Organisation(app, "UNHCR-KAZ-MCO");

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{user.Id}")
        {
            Content = Json.Of(new { displayName = "Promoted", organisationId = org, roles = new[] { Roles.ProtectionOfficer }, isActive = true, unlock = false, version = "" }),
        };
        first.Headers.IfMatch.Add(new($"\"{version}\""));
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(first)).StatusCode);

        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{user.Id}")
        {
            Content = Json.Of(new { displayName = "Someone else's edit", organisationId = org, roles = new[] { Roles.Administrator }, isActive = true, unlock = false, version = "" }),
        };
        second.Headers.IfMatch.Add(new($"\"{version}\""));
        var conflict = await api.SendAsync(second);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);

        var now = await (await api.GetAsync($"/api/v1/users/{user.Id}")).Content.ReadFromJsonAsync<UserBody>();
        Assert.Equal("Promoted", now!.DisplayName);
        Assert.Equal([Roles.ProtectionOfficer], now.Roles);
        var changes = await app.Db(db => db.AuditEntries.Where(e => e.Action == AuditAction.PermissionChange && e.Summary.EndsWith(user.UserName!)).Select(e => e.Summary).ToListAsync());
        Assert.Contains($"Role {Roles.ProtectionOfficer} granted to {user.UserName}", changes);
        Assert.Contains($"Role {Roles.RegistrationAssistant} removed from {user.UserName}", changes);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.View && e.EntityId == user.Id)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_edit_page_refuses_a_concurrent_change_and_keeps_what_was_typed(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.Administrator);
        var user = await app.NewUser(Roles.ProgrammeOfficer);
        var page = await browser.GetStringAsync($"/Identity/Users/Edit/{user.Id}");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"([^\"]+)\"").Groups[1].Value;
        var org = (await Organisation(app, "UNHCR-KAZ-MCO")).ToString();

        // Someone else saves first.
        await app.Db(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == user.Id);
            u.DisplayName = "Changed elsewhere";
            u.ConcurrencyStamp = Guid.NewGuid().ToString();
            return await db.SaveChangesAsync();
        });
        var response = await browser.PostAsync($"/Identity/Users/Edit/{user.Id}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Version"] = version,
            ["Fields.DisplayName"] = "My edit",
            ["Fields.OrganisationId"] = org,
            ["Fields.Roles"] = Roles.ProgrammeOfficer,
            ["IsActive"] = "true",
            ["__RequestVerificationToken"] = PanaApp.AntiforgeryToken(page),
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this user while you were editing", html);
        Assert.Contains("value=\"My edit\"", html);
        Assert.Equal("Changed elsewhere", await app.Db(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_user_is_created_on_the_page_and_a_weak_password_is_explained(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.Administrator);
        var name = $"page-{Guid.NewGuid():N}"[..20];
        var org = (await Organisation(app, "IASP")).ToString();
        Dictionary<string, string> Form(string password) => new()
        {
            ["UserName"] = name,
            ["Fields.DisplayName"] = "Айгерим Нурланова",
            ["Fields.OrganisationId"] = org,
            ["Fields.Roles"] = Roles.PartnerCaseworker,
            ["Password"] = password,
        };

        var weak = await PanaApp.PostForm(browser, "/Identity/Users/Create", Form("short"));
        var html = await weak.Content.ReadAsStringAsync();
        Assert.Contains("at least 12 characters", html);
        Assert.Contains("value=\"Айгерим Нурланова\"", html);

        var created = await PanaApp.PostForm(browser, "/Identity/Users/Create", Form("A-good-long-pass-2026"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await app.Db(db => db.Users.AnyAsync(u => u.UserName == name)));
    }

    public sealed record UserBody(string Id, string UserName, string DisplayName, string[] Roles, string Version);
}
