using Microsoft.Playwright;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Browser;

/// <summary>A page in Debian's chromium, driven by Playwright against a running Pana; never a downloaded browser.</summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string Path = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Chromium(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page) =>
        (this.playwright, this.browser, Context, Page) = (playwright, browser, context, page);

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<Chromium> OpenAsync(PanaApp app)
    {
        if (!File.Exists(Path))
        {
            const string why = "Chromium is not installed at /usr/bin/chromium (bash .ci/run installs it).";
            if (Databases.IsCI)
            {
                throw new InvalidOperationException("CI=true: " + why);
            }
            Assert.Skip(why);
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.Address.ToString().TrimEnd('/'), Locale = "en-GB" });
        return new Chromium(playwright, browser, context, await context.NewPageAsync());
    }

    public async Task SignInAsync(PanaUser user)
    {
        await Page.GotoAsync("/Identity/SignIn");
        await Page.GetByLabel("User name").FillAsync(user.UserName!);
        await Page.GetByLabel("Password").FillAsync(PanaApp.Password);
        await Page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync(user.DisplayName);
    }

    public Task ScreenshotAsync(string name) => Page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Artifacts, $"{name}.png"), FullPage = true });

    /// <summary>Where screenshots and traces of browser tests are kept.</summary>
    public static string Artifacts
    {
        get
        {
            var dir = System.IO.Path.Combine(AppContext.BaseDirectory, "browser-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
