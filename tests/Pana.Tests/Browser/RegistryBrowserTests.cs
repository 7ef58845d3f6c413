using Microsoft.Playwright;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Browser;

public sealed class RegistryBrowserTests(Apps apps)
{
    [Fact]
    public async Task Register_a_household_of_three_find_a_member_by_a_transliterated_name_change_a_status_and_see_it_on_the_timeline()
    {
        var app = apps.For(Databases.Sqlite);
        await using var chromium = await Chromium.OpenAsync(app);
        var page = chromium.Page;
        await chromium.SignInAsync(await app.NewUser(Roles.RegistrationAssistant));
        var family = APerson.Unique("Рахимова");

        await page.GotoAsync("/Registry/Register");
        await Fill(page, 0, "Гульнара", family, "1984-05-12", "Female");
        await page.Locator("select[name='Members[0].PopulationTypeCode']").SelectOptionAsync("ASY");
        await page.Locator("input[name='Members[0].StatusFrom']").FillAsync("2024-02-01");
        await page.Locator("#add-member").ClickAsync();
        await Fill(page, 1, "Мадина", family, "2010-09-01", "Female");
        await page.Locator("select[name='Members[1].Relationship']").SelectOptionAsync("Daughter");
        await page.Locator("#add-member").ClickAsync();
        await Fill(page, 2, "Тимур", family, "2014-01-20", "Male");
        await page.Locator("select[name='Members[2].Relationship']").SelectOptionAsync("Son");
        await chromium.ScreenshotAsync("register-household");
        await page.Locator("#register").ClickAsync();
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(3);
        await chromium.ScreenshotAsync("household");

        // The daughter, found by her name in Latin letters.
        await page.GotoAsync($"/Registry?q=Madina {Uri.EscapeDataString(Latin(family))}");
        await Assertions.Expect(page.Locator("#registry-results tbody tr")).ToHaveCountAsync(1);
        await chromium.ScreenshotAsync("registry-search");
        await page.Locator("#registry-results tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#person-name")).ToContainTextAsync("Мадина");

        await page.Locator("select[name='Step.PopulationTypeCode']").SelectOptionAsync("REF");
        await page.Locator("select[name='Step.PopulationSubTypeCode']").SelectOptionAsync("REF-CONV");
        await page.Locator("input[name='Step.EffectiveFrom']").FillAsync("2025-06-15");
        await page.Locator("input[name='Step.Basis']").FillAsync("Decision 77/2025");
        await page.Locator("#status-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#current-status")).ToContainTextAsync("Refugees");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("REF REF-CONV from 2025-06-15");
        await chromium.ScreenshotAsync("person");
    }

    private static async Task Fill(IPage page, int i, string given, string family, string born, string sex)
    {
        await page.Locator($"input[name='Members[{i}].Person.GivenName']").FillAsync(given);
        await page.Locator($"input[name='Members[{i}].Person.FamilyName']").FillAsync(family);
        await page.Locator($"input[name='Members[{i}].Person.BirthDate']").FillAsync(born);
        await page.Locator($"select[name='Members[{i}].Person.Sex']").SelectOptionAsync(sex);
    }

    private static string Latin(string family) => family.Replace("Рахимова", "Rakhimova");
}
