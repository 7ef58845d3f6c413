using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Identity;

public sealed class SignInTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Signing_in_opens_the_dashboard_and_is_audited(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProtectionOfficer);

        var browser = await app.SignIn(user);
        var dashboard = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains(user.DisplayName, await dashboard.Content.ReadAsStringAsync());
        var entry = await app.Db(db => db.AuditEntries.SingleAsync(e => e.ActorUserId == user.Id && e.Action == AuditAction.SignIn));
        Assert.Equal("Web: signed in", entry.Summary);
        Assert.Equal("127.0.0.1", entry.IpAddress);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_password_is_refused_and_audited(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.RegistrationAssistant);

        var response = await PanaApp.PostForm(app.Browser(), "/Identity/SignIn", new() { ["UserName"] = user.UserName!, ["Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == user.Id && e.Action == AuditAction.SignInFailed && e.Summary == "Web: wrong password")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_unknown_user_name_is_refused_and_audited_under_the_name_tried(string database)
    {
        var app = apps.For(database);
        var name = $"nobody-{Guid.NewGuid():N}";

        var response = await PanaApp.PostForm(app.Browser(), "/Identity/SignIn", new() { ["UserName"] = name, ["Password"] = "whatever-it-is" });

        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorName == name && e.Action == AuditAction.SignInFailed)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Five_failures_lock_the_account_even_against_the_right_password(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProgrammeOfficer);

        for (var i = 0; i < 5; i++)
        {
            await PanaApp.PostForm(app.Browser(), "/Identity/SignIn", new() { ["UserName"] = user.UserName!, ["Password"] = $"wrong-{i}" });
        }
        var withRightPassword = await PanaApp.PostForm(app.Browser(), "/Identity/SignIn", new() { ["UserName"] = user.UserName!, ["Password"] = PanaApp.Password });

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("Your account is locked", await withRightPassword.Content.ReadAsStringAsync());
        Assert.True(await app.Db(db => db.AuditEntries.CountAsync(e => e.ActorUserId == user.Id && e.Action == AuditAction.LockedOut)) >= 2);
        var token = await app.Api().PostAsync("/api/v1/auth/token", Json.Of(new { username = user.UserName, password = PanaApp.Password }));
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Signing_out_ends_the_session_and_is_audited(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProtectionOfficer);
        var browser = await app.SignIn(user);

        var response = await PanaApp.PostForm(browser, "/Identity/SignOut", [], formPage: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Identity/SignIn", after.Headers.Location!.OriginalString.Replace(app.Address.ToString(), "/"));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == user.Id && e.Action == AuditAction.SignOut)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_deactivated_user_cannot_sign_in(string database)
    {
        var app = apps.For(database);
        var user = await app.NewUser(Roles.ProtectionOfficer);
        await app.Db(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == user.Id);
            u.IsActive = false;
            return await db.SaveChangesAsync();
        });

        var response = await PanaApp.PostForm(app.Browser(), "/Identity/SignIn", new() { ["UserName"] = user.UserName!, ["Password"] = PanaApp.Password });

        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == user.Id && e.Summary == "Web: account is deactivated")));
    }
}
