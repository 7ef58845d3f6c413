using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Features.Audit;

namespace Pana.Tests.Support;

/// <summary>Pana on real Kestrel over one database, with the intents tests are written in.</summary>
public sealed partial class PanaApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-password-2026";

    private readonly string folder = Directory.CreateTempSubdirectory("pana-test-").FullName;
    private readonly string? postgresDatabase;

    public string Database { get; }
    public string ConnectionString { get; }

    private readonly bool demoData;

    private PanaApp(string database, bool demoData = false)
    {
        this.demoData = demoData;
        Database = database;
        if (database == Databases.Postgres)
        {
            postgresDatabase = $"pana_test_{Guid.NewGuid():N}"[..24];
            ConnectionString = new NpgsqlConnectionStringBuilder(Databases.PostgresServer) { Database = postgresDatabase }.ToString();
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(folder, "pana.db")}";
        }
        UseKestrel(0);
    }

    public static PanaApp Start(string database, bool demoData = false)
    {
        var app = new PanaApp(database, demoData);
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the wwwroot of the project is found only through the static web assets manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("Pana:Database:Provider", Database);
        builder.UseSetting("ConnectionStrings:Pana", ConnectionString);
        builder.UseSetting("Pana:DemoData", demoData ? "true" : "false");
        builder.UseSetting("Pana:RateLimit:CredentialsPerMinute", "100000");
        builder.UseSetting("Pana:DataProtection:KeysPath", Path.Combine(folder, "keys"));
        builder.UseSetting("Pana:Bootstrap:AdminUser", "root");
        builder.UseSetting("Pana:Bootstrap:AdminPassword", Password);
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser whose every step we look at.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = Address };

    public HttpClient Api(string? token = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public static string DefaultOrganisation(string role) => role switch
    {
        Roles.PartnerCaseworker => "BHR",
        Roles.GovernmentViewer => "KAZ-MIA-MPD",
        _ => "UNHCR-KAZ-MCO",
    };

    /// <summary>A new user with a unique name in a role, straight in the database.</summary>
    public async Task<PanaUser> NewUser(string role, string? organisationCode = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PanaUser>>();
        var org = await db.Organisations.SingleAsync(o => o.Code == (organisationCode ?? DefaultOrganisation(role)));
        var user = new PanaUser { UserName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..30], DisplayName = $"Test {role}", OrganisationId = org.Id };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>Signs in through the real sign-in page and returns the browser, now holding the auth cookie.</summary>
    public async Task<HttpClient> SignIn(PanaUser user, string password = Password)
    {
        var browser = Browser();
        var response = await PostForm(browser, "/Identity/SignIn", new() { ["UserName"] = user.UserName!, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public async Task<HttpClient> SignedInAs(string role, string? organisationCode = null) => await SignIn(await NewUser(role, organisationCode));

    /// <summary>Opens a page, takes its antiforgery token and posts the form, as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await browser.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryToken(string html) => AntiforgeryPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    public async Task<string> Token(PanaUser user)
    {
        var response = await Api().PostAsJsonAsync("/api/v1/auth/token", new { username = user.UserName, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    public async Task<T> Db<T>(Func<PanaDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<PanaDb>());
    }

    public async Task<ChainReport> VerifyAudit()
    {
        using var scope = Services.CreateScope();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
        await chain.SealPendingAsync();
        return await chain.VerifyAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Databases.PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on the way out is left to the temp cleaner.
        }
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    public sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
