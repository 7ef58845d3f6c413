using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Identity;
using Pana.Features.Shell;
using Pana.Tests.Support;

namespace Pana.Tests.Shell;

public sealed class ShellTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Health_says_the_database_is_reachable(string database)
    {
        var response = await apps.For(database).Api().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.Read(response);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(database == Databases.Postgres ? "PostgreSQL" : "SQLite", body.GetProperty("database").GetString());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_openapi_document_describes_the_api_and_its_bearer_scheme(string database)
    {
        var doc = await Json.Read(await apps.For(database).Api().GetAsync("/openapi/v1.json"));

        Assert.Equal("Pana API", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/users", "/api/v1/audit", "/api/v1/reference/{kind}", "/api/v1/organisations" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var household = doc.GetProperty("components").GetProperty("schemas").GetProperty("RegisterHouseholdCommand").GetProperty("examples")[0];
        Assert.Equal("KAZ", household.GetProperty("operationCode").GetString());
        Assert.Equal("Мухаммад", household.GetProperty("members")[0].GetProperty("person").GetProperty("givenName").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/persons/{id}", out _) && paths.TryGetProperty("/api/v1/households", out _));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_unknown_page_shows_the_not_found_page_and_an_unknown_api_route_a_problem(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.ProtectionOfficer);

        var page = await browser.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("There is nothing at this address", await page.Content.ReadAsStringAsync());

        var api = await app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer))).GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Malformed_json_gets_a_problem_not_a_crash(string database)
    {
        var app = apps.For(database);
        var response = await app.Api().PostAsync("/api/v1/auth/token", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_first_administrator_comes_from_configuration(string database)
    {
        var app = apps.For(database);

        var token = await app.Api().PostAsync("/api/v1/auth/token", Json.Of(new { username = "root", password = PanaApp.Password }));

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var roles = await app.Db(db => (from ur in db.UserRoles
                                        join r in db.Roles on ur.RoleId equals r.Id
                                        join u in db.Users on ur.UserId equals u.Id
                                        where u.UserName == "root"
                                        select r.Name).ToListAsync());
        Assert.Equal([Roles.Administrator], roles);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Migrating_again_is_harmless_and_verify_audit_passes(string database)
    {
        var app = apps.For(database);

        Assert.Equal(0, await Commands.RunAsync("migrate", app.Services));
        Assert.Equal(0, await Commands.RunAsync("verify-audit", app.Services));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_vendored_styles_and_scripts_are_served_without_signing_in(string database)
    {
        var browser = apps.For(database).Browser();
        var html = await browser.GetStringAsync("/Identity/SignIn");

        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"(/(?:lib|css|js)/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(assets, a => a.StartsWith("/lib/bootstrap/bootstrap.min", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await browser.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
        }
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Pages_carry_security_headers(string database)
    {
        var response = await apps.For(database).Browser().GetAsync("/Identity/SignIn");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
