using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Audit;

public sealed class ViewAuditTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Fifty_parallel_views_leave_fifty_sealed_view_lines_and_an_intact_chain(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var id = (await api.Registered(APerson.Named("Zarina", APerson.Unique("Akhmedova")) with { Sex = "Female" }))[0];

        var views = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetAsync($"/api/v1/persons/{id}")));

        Assert.All(views, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
        // Each view was answered only once its line was committed and sealed: nothing waits for a later pass.
        var lines = await app.Db(db => db.AuditEntries.Where(e => e.SubjectId == id && e.Action == AuditAction.View)
            .Select(e => new { e.Summary, e.ChainIndex }).ToListAsync());
        Assert.Equal(50, lines.Count);
        Assert.All(lines, l => Assert.NotNull(l.ChainIndex));
        var report = await app.VerifyAudit();
        Assert.True(report.Intact, string.Join("; ", report.Problems));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Views_on_the_page_and_the_api_are_audited_together_with_changes(string database)
    {
        var app = apps.For(database);
        var officer = await app.NewUser(Roles.ProtectionOfficer);
        var api = app.Api(await app.Token(officer));
        var id = (await api.Registered(APerson.Named("Timur", APerson.Unique("Bekov"))))[0];
        var browser = await app.SignIn(officer);

        var reads = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? api.GetAsync($"/api/v1/persons/{id}") : browser.GetAsync($"/Registry/Person/{id}"));
        var change = api.PostAsync($"/api/v1/persons/{id}/needs", Json.Of(new { categoryCode = "SM", notes = "" }));
        var answers = await Task.WhenAll(reads.Append(change));

        Assert.All(answers[..10], a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.Created, answers[10].StatusCode);
        Assert.Equal(10, await app.Db(db => db.AuditEntries.CountAsync(e => e.SubjectId == id && e.Action == AuditAction.View)));
        var report = await app.VerifyAudit();
        Assert.True(report.Intact, string.Join("; ", report.Problems));
        // This person's lines, views and change alike, are in the chain (other tests of the shared app may be writing meanwhile).
        var sealedLines = await app.Db(db => db.AuditEntries.Where(e => e.SubjectId == id).Select(e => e.ChainIndex).ToListAsync());
        Assert.True(sealedLines.Count > 10, $"{sealedLines.Count} lines");
        Assert.All(sealedLines, index => Assert.NotNull(index));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_search_is_answered_only_once_its_line_is_sealed_in_the_chain(string database)
    {
        var app = apps.For(database);
        var officer = await app.NewUser(Roles.ProtectionOfficer);
        var api = app.Api(await app.Token(officer));
        var browser = await app.SignIn(officer);

        var answers = await Task.WhenAll(api.GetAsync("/api/v1/persons?q=Zarina"), browser.GetAsync("/Registry?q=Zarina"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var lines = await app.Db(db => db.AuditEntries.Where(e => e.ActorUserId == officer.Id && e.Action == AuditAction.View && e.EntityId == "search")
            .Select(e => new { e.Summary, e.ChainIndex }).ToListAsync());
        Assert.Equal(["API: registry search", "Web: registry search"], lines.Select(l => l.Summary[..20]).Order());
        Assert.All(lines, l => Assert.NotNull(l.ChainIndex));
    }
}
