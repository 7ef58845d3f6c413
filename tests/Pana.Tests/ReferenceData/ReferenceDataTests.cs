using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.ReferenceData;

public sealed class ReferenceDataTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_seeded_lists_hold_what_the_operation_needs(string database)
    {
        var app = apps.For(database);
        var (countries, kazRegions, uzbRegions, tkmRegions, types, subtypes, needs, documents, orgs) = await app.Db(async db => (
            await db.Countries.CountAsync(), await db.Regions.CountAsync(r => r.CountryCode == "KAZ"), await db.Regions.CountAsync(r => r.CountryCode == "UZB"),
            await db.Regions.CountAsync(r => r.CountryCode == "TKM"), await db.PopulationTypes.Select(t => t.Code).ToListAsync(),
            await db.PopulationSubTypes.Select(t => t.Code).ToListAsync(), await db.SpecificNeedCategories.CountAsync(), await db.DocumentTypes.CountAsync(),
            await db.Organisations.Select(o => o.Code).ToListAsync()));

        Assert.True(countries >= 249);
        Assert.Equal(20, kazRegions);
        Assert.Equal(14, uzbRegions);
        Assert.Equal(6, tkmRegions);
        Assert.Equal(["ASY", "HST", "IDP", "OOC", "RDP", "REF", "RET", "STA"], types.Order());
        Assert.Superset(new HashSet<string> { "REF-CONV", "REF-MAND", "STA-REC", "STA-UND" }, subtypes.ToHashSet());
        Assert.True(needs >= 10);
        Assert.True(documents >= 8);
        Assert.Superset(new HashSet<string> { "UNHCR-KAZ-MCO", "BHR", "KRCS", "IASP", "KAZ-MIA-MPD" }, orgs.ToHashSet());
        var abai = await app.Db(db => db.Regions.SingleAsync(r => r.Code == "KZ-10"));
        Assert.Equal("Абай облысы", abai.NameKk);
        Assert.True(await app.Db(db => db.Regions.AnyAsync(r => r.Code == "KZ-33")) && await app.Db(db => db.Regions.AnyAsync(r => r.Code == "KZ-62")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Any_signed_in_role_reads_a_list_in_the_api_and_finds_by_a_cyrillic_name(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));

        var list = await Json.Read(await api.GetAsync("/api/v1/reference/countries?q=афган"));

        Assert.Equal("AFG", Assert.Single(list.EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/reference/planets")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_renames_an_entry_a_stale_version_is_refused_and_the_change_is_audited(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));
        var code = $"T{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        var added = await api.PostAsync("/api/v1/reference/document-types", Json.Of(new { code, nameEn = "Work permit", nameRu = "Разрешение на работу", nameKk = "Жұмысқа рұқсат" }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var version = (await Json.Read(added)).GetProperty("version").GetInt32();

        var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/reference/document-types/{code}")
        { Content = Json.Of(new { nameEn = "Work permit (foreigner)", nameRu = "Разрешение на работу иностранцу", nameKk = "Шетелдікке жұмысқа рұқсат", isActive = true }) };
        rename.Headers.IfMatch.Add(new($"\"{version}\""));
        var renamed = await api.SendAsync(rename);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal($"\"{version + 1}\"", renamed.Headers.ETag!.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/reference/document-types/{code}")
        { Content = Json.Of(new { nameEn = "Lost edit", nameRu = "x", nameKk = "x", isActive = true }) };
        stale.Headers.IfMatch.Add(new($"\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.SendAsync(stale)).StatusCode);

        Assert.Equal("Work permit (foreigner)", await app.Db(db => db.DocumentTypes.Where(d => d.Code == code).Select(d => d.NameEn).SingleAsync()));
        var update = await app.Db(db => db.AuditEntries.SingleAsync(e => e.EntityType == "DocumentType" && e.EntityId == code && e.Action == AuditAction.Update));
        Assert.Contains("\"Before\":\"Work permit\",\"After\":\"Work permit (foreigner)\"", update.Changes);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_name_missing_in_one_language_is_refused_with_the_reason(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.Administrator)));

        var response = await api.PostAsync("/api/v1/reference/specific-needs", Json.Of(new { code = "ZZ", nameEn = "Something", nameRu = "", nameKk = "" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json.Read(response)).GetProperty("errors");
        Assert.Equal("Enter the name in all three languages.", errors.GetProperty("NameRu")[0].GetString());
        Assert.False(await app.Db(db => db.SpecificNeedCategories.AnyAsync(n => n.Code == "ZZ")));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_organisation_is_added_and_edited_on_the_pages(string database)
    {
        var app = apps.For(database);
        var browser = await app.SignedInAs(Roles.Administrator);
        var code = $"NGO-{Guid.NewGuid():N}"[..12].ToUpperInvariant();

        var created = await PanaApp.PostForm(browser, "/ReferenceData/Organisation", new()
        {
            ["Code"] = code,
            ["Type"] = "NgoPartner",
            ["Acronym"] = "SZ",
            ["NameEn"] = "Sana Sezim branch",
            ["NameRu"] = "Филиал Сана Сезим",
            ["NameKk"] = "Сана Сезім филиалы",
            ["CountryCode"] = "KAZ",
            ["City"] = "Shymkent",
            ["IsActive"] = "true",
            ["Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await browser.GetStringAsync("/ReferenceData/Organisations?q=сезим");
        Assert.Contains(code, list);

        var id = await app.Db(db => db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());
        var stale = await PanaApp.PostForm(browser, $"/ReferenceData/Organisation/{id}", new()
        {
            ["Code"] = code,
            ["Type"] = "NgoPartner",
            ["NameEn"] = "Renamed",
            ["NameRu"] = "Переименован",
            ["NameKk"] = "Атауы өзгерді",
            ["IsActive"] = "true",
            ["Version"] = "7",
        });
        Assert.Contains("Someone else changed this entry", await stale.Content.ReadAsStringAsync());
    }
}
