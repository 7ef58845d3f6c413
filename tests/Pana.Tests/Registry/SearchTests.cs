using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Identity;
using Pana.Data.Registry;
using Pana.Features.Registry;
using Pana.Features.Registry.Names;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class SearchTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_prefix_in_either_script_finds_people_written_in_both_in_name_order(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var stem = Stem("Rahim");
        var zarina = (await api.Registered(APerson.Named("Zarina", stem + "ova") with { Sex = "Female" }))[0];
        var aigul = (await api.Registered(APerson.Named("Айгуль", NameScripts.ToCyrillic(stem) + "ова") with { Sex = "Female" }))[0];
        var madina = (await api.Registered(APerson.Named("Madina", stem + "ova") with { Sex = "Female" }))[0];

        foreach (var prefix in new[] { stem, NameScripts.ToCyrillic(stem), NameScripts.ToCyrillic(stem + "ova") })
        {
            var found = await api.Search($"q={Uri.EscapeDataString(prefix)}");
            Assert.Equal([aigul, madina, zarina], Ids(found));
            Assert.Equal(3, found.GetProperty("total").GetInt32());
            Assert.False(found.GetProperty("capped").GetBoolean());
        }
        Assert.Equal([zarina, madina, aigul], Ids(await api.Search($"q={Uri.EscapeDataString(stem)}&desc=true")));
        Assert.Equal([zarina], Ids(await api.Search($"q={Uri.EscapeDataString(stem)}&pageSize=2&page=2")));
        Assert.Equal([zarina, madina], Ids(await api.Search($"q={Uri.EscapeDataString(stem)}&pageSize=2&desc=true")));
        Assert.Equal([zarina], Ids(await api.Search($"q=Zarina {Uri.EscapeDataString(NameScripts.ToCyrillic(stem))}")));
        Assert.Equal([aigul], Ids(await api.Search($"q={Uri.EscapeDataString(stem)} Aig")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Pages_sorts_and_filters_apply_to_a_name_search(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = Stem("Karim") + "i";
        var ids = new List<Guid>();
        foreach (var (given, year) in new[] { ("Bahrom", 1990), ("Ahmad", 1975), ("Dilshod", 2001), ("Farhod", 1962) })
        {
            ids.Add((await api.Registered(APerson.Named(given, family).BornIn(year) with { Status = year > 2000 ? "ASY" : "REF" }))[0]);
        }
        var (bahrom, ahmad, dilshod, farhod) = (ids[0], ids[1], ids[2], ids[3]);
        var q = $"q={Uri.EscapeDataString(family)}";

        Assert.Equal([ahmad, bahrom], Ids(await api.Search($"{q}&pageSize=2")));
        var second = await api.Search($"{q}&pageSize=2&page=2");
        Assert.Equal([dilshod, farhod], Ids(second));
        Assert.Equal(4, second.GetProperty("total").GetInt32());
        Assert.Equal([farhod, ahmad, bahrom, dilshod], Ids(await api.Search($"{q}&sort=BirthDate")));
        Assert.Equal([dilshod], Ids(await api.Search($"{q}&populationType=ASY")));
        Assert.Equal([bahrom, ahmad, farhod], Ids(await api.Search($"{q}&populationType=REF&sort=BirthDate&desc=true")));
        Assert.Equal([farhod], Ids(await api.Search($"{q}&ageBand=From60")));
        Assert.Empty(Ids(await api.Search($"{q}&region=KZ-11")));
        Assert.Equal([bahrom], Ids(await api.Search($"{q} 1990")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_household_number_finds_its_members(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = Stem("Nazar");
        var ids = await api.Registered(APerson.Named("Anvar", family), APerson.Named("Bibi", family).As("Spouse") with { Sex = "Female" });
        var person = await Json.Read(await api.GetAsync($"/api/v1/persons/{ids[0]}"));
        var number = person.GetProperty("household").GetProperty("registrationNumber").GetString()!;

        var found = await api.Search($"q={Uri.EscapeDataString(number.ToLowerInvariant())}");

        Assert.Equal(ids.Order(), Ids(found).Order());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_partner_caseworker_neither_finds_nor_counts_people_not_shared_with_them(string database)
    {
        var app = apps.For(database);
        var office = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = Stem("Sadat");
        await office.Registered(APerson.Named("Omid", family));
        var partner = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));

        Assert.Equal(1, (await office.Search($"q={family}")).GetProperty("total").GetInt32());
        var found = await partner.Search($"q={family}");
        Assert.Equal(0, found.GetProperty("total").GetInt32());
        Assert.Empty(Ids(found));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task More_than_a_thousand_matches_are_counted_as_more_than_a_thousand_and_still_page(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = Stem("Umar") + "ov";
        var first = (await api.Registered(APerson.Named("Timur", family)))[0];
        await app.Db(async db =>
        {
            var template = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == first);
            for (var i = 0; i < SearchPersons.CountLimit; i++)
            {
                var copy = new Person();
                db.Entry(copy).CurrentValues.SetValues(template);
                copy.Id = Guid.CreateVersion7();
                copy.RegistrationNumber = $"TST-{Guid.NewGuid():N}"[..20];
                db.Persons.Add(copy);
                db.PersonNameKeys.AddRange(PersonRules.NameKeyRows(copy));
            }
            return await db.SaveChangesAsync();
        });

        var found = await api.Search($"q={Uri.EscapeDataString(family)}&pageSize=200&page=5");
        Assert.Equal(SearchPersons.CountLimit, found.GetProperty("total").GetInt32());
        Assert.True(found.GetProperty("capped").GetBoolean());
        Assert.Equal(200, found.GetProperty("items").GetArrayLength());
        var last = await api.Search($"q={Uri.EscapeDataString(family)}&pageSize=200&page=6");
        Assert.Single(last.GetProperty("items").EnumerateArray());
        Assert.Empty(Ids(found).Intersect(Ids(last)));

        var both = $"q=Timur {Uri.EscapeDataString(family)}";
        var firstPage = await api.Search($"{both}&pageSize=200&page=5");
        Assert.Equal(SearchPersons.CountLimit, firstPage.GetProperty("total").GetInt32());
        Assert.True(firstPage.GetProperty("capped").GetBoolean());
        Assert.Equal(200, firstPage.GetProperty("items").GetArrayLength());
        var pastLimit = await api.Search($"{both}&pageSize=200&page=6");
        Assert.Single(pastLimit.GetProperty("items").EnumerateArray());
        Assert.Empty(Ids(firstPage).Intersect(Ids(pastLimit)));

        var browser = await app.SignedInAs(Roles.ProtectionOfficer);
        var html = await browser.GetStringAsync($"/Registry?q={Uri.EscapeDataString(family)}");
        Assert.Contains("More than 1,000 found", html);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_words_find_the_people_with_both_whichever_is_commoner_and_in_the_rarer_words_order(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var given = Stem("Aziz");
        var rare = Stem("Nodir") + "i";
        var others = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            others.Add((await api.Registered(APerson.Named(given, Stem("Nabi"))))[0]);
        }
        var zafar = (await api.Registered(APerson.Named("Zafar", rare)))[0];
        var plain = (await api.Registered(APerson.Named(given, rare)))[0];
        var longer = (await api.Registered(APerson.Named(given + "bek", rare)))[0];
        var patronymic = (await api.Registered(APerson.Named("Bahrom", rare) with { Patronymic = given + "ovich" }))[0];
        var inOrder = Ids(await api.Search($"q={rare}")).Where(id => id != zafar).ToList();
        Assert.Equal([plain, longer, patronymic], inOrder.Order());

        foreach (var q in new[] { $"{given} {rare}", $"{rare} {given}", $"{NameScripts.ToCyrillic(given)} {rare}", $"{given} {rare[..^2]}" })
        {
            var found = await api.Search($"q={Uri.EscapeDataString(q)}");
            Assert.Equal(inOrder, Ids(found));
            Assert.Equal(3, found.GetProperty("total").GetInt32());
            Assert.False(found.GetProperty("capped").GetBoolean());
        }
        Assert.Equal(Enumerable.Reverse(inOrder), Ids(await api.Search($"q={Uri.EscapeDataString($"{given} {rare}")}&desc=true")));
        Assert.Equal([inOrder[2]], Ids(await api.Search($"q={Uri.EscapeDataString($"{given} {rare}")}&pageSize=2&page=2")));
        Assert.Equal([longer], Ids(await api.Search($"q={Uri.EscapeDataString($"{given}bek {rare}")}")));
        Assert.Equal(others.Order(), Ids(await api.Search($"q={given} Nabi&pageSize=50")).Order());

        var partner = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));
        var hidden = await partner.Search($"q={Uri.EscapeDataString($"{given} {rare}")}");
        Assert.Equal(0, hidden.GetProperty("total").GetInt32());
        Assert.Empty(Ids(hidden));
    }

    [Fact]
    public async Task On_SQLite_the_other_words_listed_once_find_what_they_find_sought_person_by_person()
    {
        var app = apps.For(Databases.Sqlite);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var partner = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));
        var given = Stem("Aziz");
        var family = Stem("Nodir");
        var father = Stem("Bahrom");
        for (var i = 0; i < 4; i++)
        {
            await api.Registered(APerson.Named(given, Stem("Nabi")));
            await api.Registered(APerson.Named(given + "bek", family + "i"));
            await api.Registered(APerson.Named("Zafar", family + "ov"));
            // Half of these are the partner's own, so that their narrowed search finds some.
            await (i % 2 == 0 ? partner : api).Registered(APerson.Named(given, family + "i") with { Patronymic = father + "ovich" });
        }
        var queries = new[]
        {
            $"{given} {family}i", $"{family}i {given}", $"{given} {family}", $"{family} {given}", $"{given}bek {family}",
            $"{given} {family} {father}", $"{father} {given} {family}i", $"{NameScripts.ToCyrillic(given)} {family}", $"Zafar {family}",
        };

        async Task<List<string>> Found(HttpClient client)
        {
            var pages = new List<string>();
            foreach (var q in queries)
            {
                foreach (var query in new[] { $"q={Uri.EscapeDataString(q)}", $"q={Uri.EscapeDataString(q)}&desc=true", $"q={Uri.EscapeDataString(q)}&pageSize=3&page=2" })
                {
                    var page = await client.Search(query);
                    pages.Add($"{query}: {page.GetProperty("total").GetInt32()} {string.Join(' ', Ids(page))}");
                }
            }
            return pages;
        }

        var least = SearchPersons.ListedWordLeast;
        List<string> sought, soughtByPartner;
        try
        {
            SearchPersons.ListedWordLeast = int.MaxValue;
            (sought, soughtByPartner) = (await Found(api), await Found(partner));
            SearchPersons.ListedWordLeast = 1;
            Assert.Equal(sought, await Found(api));
            Assert.Equal(soughtByPartner, await Found(partner));
        }
        finally
        {
            SearchPersons.ListedWordLeast = least;
        }
        Assert.Contains(sought, page => page.StartsWith($"q={Uri.EscapeDataString($"{given} {family}")}: 8 ", StringComparison.Ordinal));
        Assert.Contains(sought, page => page.StartsWith($"q={Uri.EscapeDataString($"{given} {family} {father}")}: 4 ", StringComparison.Ordinal));
        Assert.Contains(soughtByPartner, page => page.StartsWith($"q={Uri.EscapeDataString($"{given} {family}")}: 2 ", StringComparison.Ordinal));
        Assert.Contains(soughtByPartner, page => page.StartsWith($"q={Uri.EscapeDataString($"Zafar {family}")}: 0 ", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_renamed_person_is_found_by_the_new_name_in_its_order_and_no_longer_by_the_old(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var stem = Stem("Nazar");
        var zarina = (await api.Registered(APerson.Named("Zarina", stem + "ova") with { Sex = "Female" }))[0];
        var madina = (await api.Registered(APerson.Named("Madina", stem + "ova") with { Sex = "Female" }))[0];
        Assert.Equal([madina, zarina], Ids(await api.Search($"q={stem}")));
        var read = await api.GetAsync($"/api/v1/persons/{zarina}");

        // The sort name is part of each search key's key: renaming replaces the rows rather than changing them.
        var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/persons/{zarina}")
        {
            Content = Json.Of(new { givenName = "Aziza", familyName = stem + "ova", sex = "Female", birthDate = "1985-06-15", birthDatePrecision = "Exact", originCode = "AFG", nationalityCode = "AFG" }),
            Headers = { IfMatch = { read.Headers.ETag! } },
        };
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await api.SendAsync(rename)).StatusCode);

        Assert.Equal([zarina, madina], Ids(await api.Search($"q={stem}")));
        Assert.Equal([zarina], Ids(await api.Search($"q=Aziza {stem}")));
        Assert.Empty(Ids(await api.Search($"q=Zarina {stem}")));
        var keys = await app.Db(db => db.PersonNameKeys.Where(k => k.PersonId == zarina).ToListAsync());
        Assert.All(keys, k => Assert.Equal(keys[0].SortName, k.SortName));
        Assert.Contains("Aziza", keys[0].SortName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
    }

    [Fact]
    public async Task On_SQLite_the_search_and_match_keys_are_tables_clustered_on_their_keys()
    {
        // WITHOUT ROWID is spelt only in a migration's SQL: a later rebuild of either table by EF Core would silently drop it.
        var app = apps.For(Databases.Sqlite);
        var tables = await app.Db(db => db.Database.SqlQueryRaw<string>(
            "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name IN ('PersonNameKeys', 'PersonMatchKeys')").ToListAsync());
        Assert.Equal(2, tables.Count);
        Assert.All(tables, sql => Assert.EndsWith("WITHOUT ROWID", sql.TrimEnd(), StringComparison.OrdinalIgnoreCase));
        var indexes = await app.Db(db => db.Database.SqlQueryRaw<string>(
            "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('PersonNameKeys', 'PersonMatchKeys') AND sql IS NOT NULL").ToListAsync());
        Assert.Equal(["IX_PersonMatchKeys_PersonId", "IX_PersonNameKeys_PersonId_Key"], indexes.Order());
    }

    [Fact]
    public async Task PostgreSQL_keeps_the_thousand_commonest_name_words_in_the_statistics_of_the_search_keys()
    {
        var app = apps.For(Databases.Postgres);
        var target = await app.Db(db => db.Database.SqlQueryRaw<int>(
            "SELECT attstattarget AS \"Value\" FROM pg_attribute WHERE attrelid = '\"PersonNameKeys\"'::regclass AND attname = 'Key'").SingleAsync());
        Assert.Equal(1000, target);
    }

    /// <summary>A unique name word whose letters read the same back from Cyrillic.</summary>
    private static string Stem(string start)
    {
        const string letters = "bdfklmnprtvz";
        return start + new string(Guid.NewGuid().ToByteArray().Take(5).Select(b => letters[b % letters.Length]).ToArray());
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
