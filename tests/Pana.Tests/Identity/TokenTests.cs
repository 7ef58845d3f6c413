using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Features.Identity.Tokens;
using Pana.Tests.Support;

namespace Pana.Tests.Identity;

public sealed class TokenTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_token_is_issued_stored_hashed_used_and_revoked(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.Administrator);

        var issued = await app.Api().PostAsync("/api/v1/auth/token", Json.Of(new { username = user.UserName, password = PanaApp.Password }));
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = await Json.Read(issued);
        var token = body.GetProperty("token").GetString()!;
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));

        var stored = await app.Db(db => db.ApiTokens.SingleAsync(t => t.UserId == user.Id));
        Assert.Equal(ApiTokenAuthentication.HashOf(token), stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash);

        var api = app.Api(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/users")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/v1/auth/token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/users")).StatusCode);

        var audit = await app.Db(db => db.AuditEntries.Where(e => e.EntityType == "ApiToken" && e.EntityId == stored.Id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.TokenIssued, audit);
        Assert.Contains(AuditAction.TokenRevoked, audit);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == user.Id && e.Action == AuditAction.SignIn && e.Summary == "API: signed in")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_password_gets_no_token_and_is_audited(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProtectionOfficer);

        var response = await app.Api().PostAsync("/api/v1/auth/token", Json.Of(new { username = user.UserName, password = "nope-nope-nope" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid user name or password.", (await Json.Read(response)).GetProperty("detail").GetString());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == user.Id && e.Action == AuditAction.SignInFailed && e.Summary == "API: wrong password")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_user_cannot_revoke_someone_elses_token_but_an_administrator_can(string database)
    {
        var app = apps.For(database);
        var owner = await app.NewUser(Roles.ProtectionOfficer);
        var token = await app.Token(owner);
        var tokenId = await app.Db(db => db.ApiTokens.Where(t => t.UserId == owner.Id).Select(t => t.Id).SingleAsync());

        var stranger = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/auth/tokens/{tokenId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/auth/tokens")).StatusCode);

        var admin = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/auth/tokens/{tokenId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/auth/tokens")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_token_stops_working_when_its_user_is_deactivated(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProtectionOfficer);
        var token = await app.Token(user);

        await app.Db(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).IsActive = false;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/auth/tokens")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_token_in_use_is_refused_at_once_when_revoked_or_when_its_user_loses_a_role_or_is_deactivated(string database)
    {
        // Who a token stands for is kept a few seconds; each of these changes must still count on the very next request.
        var app = apps.For(database);
        var revoked = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/v1/persons")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await revoked.DeleteAsync("/api/v1/auth/token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/v1/persons")).StatusCode);

        var officer = await app.NewUser(Roles.ProtectionOfficer);
        var demoted = app.Api(await app.Token(officer));
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/api/v1/persons")).StatusCode);
        await app.Db(async db =>
        {
            db.UserRoles.Remove(await db.UserRoles.SingleAsync(r => r.UserId == officer.Id));
            db.UserRoles.Add(new() { UserId = officer.Id, RoleId = await db.Roles.Where(r => r.Name == Roles.GovernmentViewer).Select(r => r.Id).SingleAsync() });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await demoted.GetAsync("/api/v1/persons")).StatusCode);

        var leaver = await app.NewUser(Roles.ProtectionOfficer);
        var deactivated = app.Api(await app.Token(leaver));
        Assert.Equal(HttpStatusCode.OK, (await deactivated.GetAsync("/api/v1/persons")).StatusCode);
        await app.Db(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == leaver.Id)).IsActive = false;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await deactivated.GetAsync("/api/v1/persons")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Tokens_are_issued_and_revoked_on_the_tokens_page(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProgrammeOfficer);
        var browser = await app.SignIn(user);

        var issued = await PanaApp.PostForm(browser, "/Identity/Tokens?handler=Issue", new() { ["Name"] = "report sync", ["LifetimeDays"] = "7" }, formPage: "/Identity/Tokens");
        var html = await issued.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "id=\"new-token\"[^>]*>([^<]+)<").Groups[1].Value;
        Assert.StartsWith("pana_", token);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/auth/tokens")).StatusCode);

        var id = await app.Db(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).SingleAsync());
        var revoked = await PanaApp.PostForm(browser, $"/Identity/Tokens?handler=Revoke&id={id}", [], formPage: "/Identity/Tokens");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/auth/tokens")).StatusCode);
    }
}
