using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Shell;

public sealed partial class LocalizationTests(Apps apps)
{
    private static readonly string Source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Pana"));

    public static IEnumerable<string> KeysInCode()
    {
        var files = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Source, "*.cshtml", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/"));
        return files.SelectMany(f => KeyPatterns().Select(p => p.Matches(File.ReadAllText(f))).SelectMany(m => m).Select(m => m.Groups[1].Value.Replace("\\\"", "\"")))
            .Distinct().Order();
    }

    private static Dictionary<string, string> Resource(string language) =>
        XDocument.Load(Path.Combine(Source, "Resources", $"UiText.{language}.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    public void Every_text_in_the_ui_has_a_translation(string language)
    {
        var keys = KeysInCode().ToList();
        var resource = Resource(language);
        Assert.True(keys.Count > 150, $"only {keys.Count} keys found in {Source}");

        var missing = keys.Where(k => string.IsNullOrWhiteSpace(resource.GetValueOrDefault(k))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts lack a {language} translation (tools/ui-text.py missing): {string.Join(" | ", missing.Take(20))}");
        var broken = keys.Where(k => Placeholders(k) != Placeholders(resource[k])).ToList();
        Assert.True(broken.Count == 0, $"placeholders differ: {string.Join(" | ", broken)}");
    }

    [Theory]
    [InlineData("ru-RU", "Главная панель", "Выйти")]
    [InlineData("kk-KZ", "Басты тақта", "Шығу")]
    public async Task The_dashboard_speaks_the_chosen_language_and_formats_dates_in_its_culture(string culture, string dashboard, string signOut)
    {
        var app = apps.For(Databases.Sqlite);
        var browser = await app.SignedInAs(Roles.Administrator);

        var switched = await PanaApp.PostForm(browser, "/Shell/Culture", new() { ["culture"] = culture, ["returnUrl"] = "/" }, formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains($".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}", switched.Headers.GetValues("Set-Cookie").Single());

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));
        Assert.Contains(dashboard, html);
        Assert.Contains(signOut, html);
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).Date;
        Assert.Contains(today.ToString("D", new CultureInfo(culture)), html);
    }

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order());

    private static Regex[] KeyPatterns() => [TextPattern(), KeyPattern(), ErrorMessagePattern()];

    [GeneratedRegex("\\b[Tt]\\[\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex TextPattern();

    [GeneratedRegex("UiText\\.Key\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("ErrorMessage\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ErrorMessagePattern();

    [GeneratedRegex("\\{\\d+\\}")]
    private static partial Regex PlaceholderPattern();
}
