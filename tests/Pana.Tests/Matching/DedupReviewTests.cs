using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Identity;
using Pana.Data.Matching;
using Pana.Tests.Support;

namespace Pana.Tests.Matching;

public sealed class DedupReviewTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_batch_run_queues_duplicates_a_rejected_pair_never_comes_back_and_a_merge_is_traced(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family1 = APerson.Unique("Rahimi");
        var family2 = APerson.Unique("Seitkali");
        var a = (await api.Registered(APerson.Named("Mohammad", family1).Born("1986-03-07") with { Phone = "+7 701 111 2233" }))[0];
        var b = (await api.Registered(APerson.Named("Мухаммад", family1).BornIn(1986) with { Phone = "+7 701 111 2233" }))[0];
        var c = (await api.Registered(APerson.Named("Zhanna", family2).Born("1990-05-04") with { Sex = "Female", OriginCode = "KAZ", NationalityCode = "XXA" }))[0];
        var d = (await api.Registered(APerson.Named("Жанна", family2).Born("1990-04-05") with { Sex = "Female", OriginCode = "KAZ", NationalityCode = "XXA" }))[0];

        await RunJob(api);
        var first = await Pair(api, a, b);
        var second = await Pair(api, c, d);
        Assert.NotNull(first);
        Assert.NotNull(second);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/matching/pairs/{first.Value.GetProperty("id").GetGuid()}/reject",
            Json.Of(new { version = first.Value.GetProperty("version").GetInt32() }))).StatusCode);
        var keep = second.Value.GetProperty("a");
        var other = second.Value.GetProperty("b");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/matching/pairs/{second.Value.GetProperty("id").GetGuid()}/merge", Json.Of(new
        {
            keepId = keep.GetProperty("id").GetGuid(),
            keptVersion = keep.GetProperty("version").GetInt32(),
            otherVersion = other.GetProperty("version").GetInt32(),
            version = second.Value.GetProperty("version").GetInt32(),
        }))).StatusCode);

        await RunJob(api);
        Assert.Null(await Pair(api, a, b));
        var (lo, hi) = MatchPair.Ordered(a, b);
        var stored = await app.Db(db => db.MatchPairs.Where(p => p.PersonAId == lo && p.PersonBId == hi).ToListAsync());
        Assert.Equal(PairDecision.Rejected, Assert.Single(stored).Decision);
        Assert.True(await app.Db(db => db.Persons.AnyAsync(p => p.Id == other.GetProperty("id").GetGuid() && p.MergedIntoId == keep.GetProperty("id").GetGuid())));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.EntityType == "MatchPair" && e.Changes.Contains("Merged"))));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_protection_staff_run_deduplication_and_review(string database)
    {
        var app = apps.For(database);
        foreach (var role in new[] { Roles.PartnerCaseworker, Roles.RegistrationAssistant, Roles.GovernmentViewer })
        {
            var api = app.Api(await app.Token(await app.NewUser(role)));
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/matching/pairs")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/matching/jobs", Json.Of(new { operation = "KAZ" }))).StatusCode);
        }
        var browser = await app.SignedInAs(Roles.ProtectionOfficer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Matching")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Matching/Review")).StatusCode);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_review_page_shows_a_pair_with_its_reasons_and_marks_it_different_people(string database)
    {
        var app = apps.For(database);
        var officer = await app.NewUser(Roles.ProtectionOfficer);
        var api = app.Api(await app.Token(officer));
        var family = APerson.Unique("Karimova");
        var a = (await api.Registered(APerson.Named("Dilnoza", family).Born("1992-08-14") with { Sex = "Female", OriginCode = "UZB" }))[0];
        var b = (await api.Registered(APerson.Named("Дилноза", family).Born("1992-08-14") with { Sex = "Female", OriginCode = "UZB" }))[0];
        await RunJob(api);
        var pair = (await Pair(api, a, b))!.Value;
        var browser = await app.SignIn(officer);

        var page = await browser.GetStringAsync("/Matching/Review?page=1");
        Assert.Contains("Given and family names agree", System.Net.WebUtility.HtmlDecode(page));
        var response = await PanaApp.PostForm(browser, "/Matching/Review?handler=Reject",
            new() { ["pairId"] = pair.GetProperty("id").GetGuid().ToString(), ["version"] = pair.GetProperty("version").GetInt32().ToString() }, formPage: "/Matching/Review");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PairDecision.Rejected, await app.Db(db => db.MatchPairs.Where(p => p.Id == pair.GetProperty("id").GetGuid()).Select(p => p.Decision).SingleAsync()));
        Assert.Null(await Pair(api, a, b));
    }

    internal static async Task RunJob(HttpClient api, string operation = "KAZ")
    {
        var started = await api.PostAsync("/api/v1/matching/jobs", Json.Of(new { operation }));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await Json.Read(started)).GetProperty("id").GetGuid();
        for (var i = 0; i < 300; i++)
        {
            var job = await Json.Read(await api.GetAsync($"/api/v1/matching/jobs/{id}"));
            var state = job.GetProperty("state").GetString();
            if (state == "Completed")
            {
                Assert.Equal(job.GetProperty("personsTotal").GetInt32(), job.GetProperty("personsDone").GetInt32());
                return;
            }
            Assert.NotEqual("Failed", state);
            await Task.Delay(200);
        }
        Assert.Fail("The deduplication job did not finish in 60 s.");
    }

    private static async Task<JsonElement?> Pair(HttpClient api, Guid x, Guid y)
    {
        for (var page = 1; page < 50; page++)
        {
            var result = await Json.Read(await api.GetAsync($"/api/v1/matching/pairs?operation=KAZ&page={page}&pageSize=100"));
            foreach (var pair in result.GetProperty("items").EnumerateArray())
            {
                var ids = new[] { pair.GetProperty("a").GetProperty("id").GetGuid(), pair.GetProperty("b").GetProperty("id").GetGuid() };
                if (ids.Contains(x) && ids.Contains(y))
                {
                    return pair;
                }
            }
            if (page >= result.GetProperty("pages").GetInt32())
            {
                return null;
            }
        }
        return null;
    }
}
