using System.Net;
using Microsoft.EntityFrameworkCore;
using Pana.Data.Identity;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class MergeTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Merging_keeps_every_status_need_document_and_audit_trail_of_both(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Ahmadzai");
        var kept = (await api.Registered(APerson.Named("Zahra", family) with { Sex = "Female", Status = "ASY", StatusFrom = "2015-02-01" }))[0];
        var duplicate = (await api.Registered(APerson.Named("Захра", family) with { Sex = "Female", Status = "REF", StatusFrom = "2016-03-01", DocumentNumber = "RC 778812" }))[0];
        await api.PostAsync($"/api/v1/persons/{duplicate}/needs", Json.Of(new { categoryCode = "SM", notes = "Diabetes" }));
        int Version(HttpResponseMessage r) => int.Parse(r.Headers.ETag!.Tag.Trim('"'));
        var keptVersion = Version(await api.GetAsync($"/api/v1/persons/{kept}"));
        var duplicateVersion = Version(await api.GetAsync($"/api/v1/persons/{duplicate}"));

        var caseworker = app.Api(await app.Token(await app.NewUser(Roles.PartnerCaseworker)));
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsync($"/api/v1/persons/{kept}/merge", Json.Of(new { duplicateId = duplicate, keptVersion, duplicateVersion }))).StatusCode);
        var merged = await api.PostAsync($"/api/v1/persons/{kept}/merge", Json.Of(new { duplicateId = duplicate, keptVersion, duplicateVersion }));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var person = await Json.Read(await api.GetAsync($"/api/v1/persons/{kept}"));
        Assert.Equal(["ASY", "REF"], person.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("populationTypeCode").GetString()).ToList());
        Assert.Equal("REF", person.GetProperty("currentStatus").GetProperty("populationTypeCode").GetString());
        Assert.Equal("SM", Assert.Single(person.GetProperty("needs").EnumerateArray()).GetProperty("categoryCode").GetString());
        Assert.Equal("RC 778812", Assert.Single(person.GetProperty("documents").EnumerateArray()).GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/persons/{duplicate}")).StatusCode);

        // The duplicate's spelling and its history lead to the kept person.
        var found = await api.Search($"q=Захра {Uri.EscapeDataString(family)}");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == kept);
        var timeline = await Json.Read(await api.GetAsync($"/api/v1/persons/{kept}/timeline"));
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("entityType").GetString() == "SpecificNeed");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("summary").GetString()!.StartsWith("Merged "));
        Assert.True(await app.Db(db => db.Persons.AnyAsync(p => p.Id == duplicate && p.MergedIntoId == kept)));

        var again = await api.PostAsync($"/api/v1/persons/{kept}/merge", Json.Of(new { duplicateId = duplicate, keptVersion, duplicateVersion }));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }
}
