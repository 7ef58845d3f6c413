using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Audit;

public sealed class AuditSearchTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Administrators_filter_the_log_by_actor_and_action_in_the_api(string database)
    {
        var app = apps.For(database);
        var someone = await app.NewUser(Roles.ProtectionOfficer);
        await app.SignIn(someone);
        await PanaApp.PostForm(app.Browser(), "/Identity/SignIn", new() { ["UserName"] = someone.UserName!, ["Password"] = "wrong-password-1" });
        var admin = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));

        var result = await Json.Read(await admin.GetAsync($"/api/v1/audit?actor={someone.UserName}&action=SignInFailed"));

        Assert.Equal(1, result.GetProperty("total").GetInt32());
        var item = result.GetProperty("items")[0];
        Assert.Equal("SignInFailed", item.GetProperty("action").GetString());
        Assert.Equal(someone.UserName, item.GetProperty("actorName").GetString());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_audit_page_lists_and_exports_entries_and_the_export_is_audited(string database)
    {
        var app = apps.For(database);
        var someone = await app.NewUser(Roles.RegistrationAssistant);
        await app.SignIn(someone);
        var admin = await app.NewUser(Roles.Administrator);
        var browser = await app.SignIn(admin);

        var page = await browser.GetStringAsync($"/Audit?actor={someone.UserName}");
        Assert.Contains("Web: signed in", page);

        var export = await PanaApp.PostForm(browser, "/Audit?handler=Export", new() { ["actor"] = someone.UserName! }, formPage: "/Audit");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("Id,OccurredAt,ActorName", csv);
        Assert.Contains("Web: signed in", csv);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == admin.Id && e.Action == AuditAction.Export)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_api_export_is_csv_and_audited(string database)
    {
        var app = apps.For(database);
        var admin = await app.NewUser(Roles.Administrator);
        var api = app.Api(await app.Token(admin));

        var response = await api.GetAsync("/api/v1/audit/export?action=TokenIssued");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("TokenIssued", await response.Content.ReadAsStringAsync());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == admin.Id && e.Action == AuditAction.Export)));
    }
}
