using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Identity;

public sealed class AccessTests(Apps apps)
{
    public static TheoryData<string, string> AdminPagesOnBothDatabases()
    {
        var data = new TheoryData<string, string>();
        foreach (var db in new[] { Databases.Sqlite, Databases.Postgres })
        {
            foreach (var page in new[] { "/Identity/Users", "/Identity/Users/Create", "/Audit", "/ReferenceData", "/ReferenceData/Organisations" })
            {
                data.Add(db, page);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(AdminPagesOnBothDatabases))]
    public async Task A_government_viewer_is_refused_the_admin_pages(string database, string page)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.GovernmentViewer);

        var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/AccessDenied", response.Headers.Location!.OriginalString);
        var denied = await browser.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.AccessDenied && e.Summary == $"Web: refused {page}")));
    }

    [Theory, MemberData(nameof(AdminPagesOnBothDatabases))]
    public async Task An_anonymous_caller_is_sent_to_sign_in_from_the_admin_pages(string database, string page)
    {
        var response = await apps.For(database).Browser().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/SignIn", response.Headers.Location!.OriginalString);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_opens_the_admin_pages(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.Administrator);

        foreach (var page in new[] { "/Identity/Users", "/Identity/Users/Create", "/Audit", "/ReferenceData", "/ReferenceData/Organisations", "/ReferenceData?kind=regions" })
        {
            var response = await browser.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
        }
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_government_viewer_is_refused_the_admin_api(string database)
    {
        var app = apps.For(database);
        var token = await app.Token(await app.NewUser(Roles.GovernmentViewer));
        var api = app.Api(token);

        foreach (var url in new[] { "/api/v1/users", "/api/v1/audit", "/api/v1/audit/verify" })
        {
            var response = await api.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var user = await app.Db(db => db.ApiTokens.Where(t => t.TokenHash == Pana.Features.Identity.Tokens.ApiTokenAuthentication.HashOf(token)).Select(t => t.UserId).SingleAsync());
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.ActorUserId == user && e.Action == AuditAction.AccessDenied && e.Summary == "API: refused GET /api/v1/users")));
        var create = await api.PostAsync("/api/v1/organisations", Json.Of(new { code = "X-GOV", type = "NgoPartner", nameEn = "x", nameRu = "x", nameKk = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        // Aggregates and reference lists are theirs to read.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/reference/countries")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_anonymous_caller_gets_401_problem_details_from_the_api(string database)
    {
        var api = apps.For(database).Api();

        foreach (var url in new[] { "/api/v1/users", "/api/v1/audit", "/api/v1/reference/countries", "/api/v1/auth/tokens" })
        {
            var response = await api.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{url}: {response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal(401, (await Json.Read(response)).GetProperty("status").GetInt32());
        }
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_api_does_not_accept_the_sign_in_cookie(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.Administrator);

        var response = await browser.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
