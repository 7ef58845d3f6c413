using Microsoft.Playwright;
using Pana.Data.Identity;
using Pana.Tests.Registry;
using Pana.Tests.Support;

namespace Pana.Tests.Browser;

public sealed class AdministrationPagesTests(Apps apps)
{
    [Fact]
    public async Task An_administrator_sees_users_reference_data_audit_log_api_reference_import_and_duplicates_without_script_errors()
    {
        var app = apps.For(Databases.Sqlite);
        var user = await app.NewUser(Roles.Administrator);
        await using var chromium = await Chromium.OpenAsync(app);
        var page = chromium.Page;
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{page.Url}: {m.Text} {m.Location}"); };
        page.PageError += (_, e) => errors.Add($"{page.Url}: {e}");
        await chromium.SignInAsync(user);

        await Visit(chromium, "/Identity/Users", "users", "table", user.UserName!);
        await Visit(chromium, "/ReferenceData?kind=regions", "reference-regions", "table", "KZ-62");
        await Visit(chromium, "/ReferenceData/Organisations", "organisations", "table", "KRCS");
        // Filtered to this administrator: other tests of the shared app write lines meanwhile, and the newest page may hold no line of this one.
        await Visit(chromium, $"/Audit?actor={Uri.EscapeDataString(user.UserName!)}", "audit", "table", "Web: signed in");
        await page.Locator("#verify-chain").ClickAsync();
        await Assertions.Expect(page.Locator("#chain-report")).ToContainTextAsync("intact");
        await Visit(chromium, "/developers", "api-reference", "#swagger-ui", "/api/v1/auth/token");
        await Visit(chromium, "/Registry/Import", "import", "main", "One import or deduplication runs at a time");
        // A file chosen and imported through the form: the report, and the rejected rows with their reasons.
        await page.Locator("#operation").SelectOptionAsync("KAZ");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = new ImportFiles().Csv() });
        await page.Locator("#registry-import button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("6 people in 3 households imported.");
        await Assertions.Expect(page.Locator("#import-rejected")).ToContainTextAsync("31.02.1990");
        await chromium.ScreenshotAsync("import-report");
        await Visit(chromium, "/Matching", "duplicates", "main", "One import or deduplication runs at a time");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static async Task Visit(Chromium chromium, string url, string name, string selector, string expected)
    {
        await chromium.Page.GotoAsync(url);
        await Assertions.Expect(chromium.Page.Locator(selector).First).ToContainTextAsync(expected);
        await chromium.ScreenshotAsync(name);
    }
}
