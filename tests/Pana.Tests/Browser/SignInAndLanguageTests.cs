using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Browser;

public sealed class SignInAndLanguageTests(Apps apps)
{
    [Fact]
    public async Task A_user_signs_in_reads_the_dashboard_in_russian_and_kazakh_and_signs_out()
    {
        var app = apps.For(Databases.Sqlite);
        var user = await app.NewUser(Roles.Administrator);
        await using var chromium = await Chromium.OpenAsync(app);
        var page = chromium.Page;
        await chromium.Context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true });
        var passed = false;
        try
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Identity/SignIn"));
            await chromium.SignInAsync(user);
            await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Dashboard");
            await chromium.ScreenshotAsync("dashboard-en");

            await page.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
            await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Главная панель");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Добро пожаловать");
            await chromium.ScreenshotAsync("dashboard-ru");

            await page.GetByRole(AriaRole.Button, new() { Name = "Қазақша" }).ClickAsync();
            await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Басты тақта");
            await chromium.ScreenshotAsync("dashboard-kk");
            // The longest labels, an administrator's whole menu: nothing runs off the right edge, the user menu stays in reach.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the window");
            var menu = await page.Locator("#user-menu").BoundingBoxAsync();
            Assert.True(menu is not null && menu.X + menu.Width <= page.ViewportSize!.Width, "the user menu is off the screen");

            // The language survives a new page load: it is in the culture cookie.
            await page.GotoAsync("/Identity/Tokens");
            await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Басты тақта");

            await page.Locator("#user-menu").ClickAsync();
            await page.Locator("#sign-out").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Identity/SignIn"));
            await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
            await page.GotoAsync("/");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Identity/SignIn"));
            passed = true;
        }
        finally
        {
            if (!passed)
            {
                await chromium.ScreenshotAsync("failure");
            }
            await chromium.Context.Tracing.StopAsync(new() { Path = passed ? null : Path.Combine(Chromium.Artifacts, "trace.zip") });
        }
    }
}
