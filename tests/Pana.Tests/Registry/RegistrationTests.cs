using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Data.Registry;
using Pana.Features.Registry;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class RegistrationTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_household_is_registered_with_numbers_renderings_statuses_and_audit(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var family = APerson.Unique("Рахими");

        var ids = await api.Registered(
            APerson.Named("Мухаммад", family).BornIn(1980),
            APerson.Named("Захра", family).As("Spouse") with { Sex = "Female" },
            APerson.Named("Али", family).As("Son").Born("2012-04-03") with { Status = "ASY" });

        var person = await Json.Read(await api.GetAsync($"/api/v1/persons/{ids[0]}"));
        Assert.Matches("^KAZ-\\d{2}-\\d{6}$", person.GetProperty("registrationNumber").GetString());
        Assert.StartsWith("Mukhammad", person.GetProperty("latinName").GetString());
        Assert.Equal("ASY", person.GetProperty("currentStatus").GetProperty("populationTypeCode").GetString());
        Assert.Equal("Year", person.GetProperty("details").GetProperty("birthDatePrecision").GetString());
        var household = await Json.Read(await api.GetAsync($"/api/v1/households/{person.GetProperty("household").GetProperty("id").GetGuid()}"));
        Assert.Equal(3, household.GetProperty("members").GetArrayLength());
        Assert.Equal(ids[0], household.GetProperty("focalPointId").GetGuid());

        var audit = await app.Db(db => db.AuditEntries.Where(e => e.SubjectId == ids[2]).Select(e => new { e.Action, e.EntityType }).ToListAsync());
        Assert.Contains(audit, e => e.Action == AuditAction.Create && e.EntityType == "Person");
        Assert.Contains(audit, e => e.Action == AuditAction.Create && e.EntityType == "LegalStatus");
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.SubjectId == ids[0] && e.Action == AuditAction.View)));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_registration_by_hand_while_an_import_holds_numbers_in_an_open_transaction_waits_for_it_and_takes_the_next_number(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        var on = DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var prefix = await db.Operations.Where(o => o.Code == "KAZ").Select(o => o.RegistrationPrefix).SingleAsync();
        List<string> held;
        List<Guid> ids;
        await using (var group = await db.Database.BeginTransactionAsync())
        {
            // As an import's open group: numbers reserved, then households written under them, committed later.
            held = await scope.ServiceProvider.GetRequiredService<RegistrationNumbers>().ReserveHouseholdsAsync(prefix, on, 2, default);
            var byHand = api.Registered(APerson.Named("Карим", APerson.Unique("Назари")));
            await Task.Delay(2000);
            db.Households.AddRange(held.Select(n => new Household { OperationCode = "KAZ", RegistrationNumber = n, ExternalId = APerson.Unique("group"), CreatedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
            Assert.False(byHand.IsCompleted, "The registration by hand waits for the open group.");
            await group.CommitAsync();
            ids = await byHand;
        }
        var number = await app.Db(d => d.Households.Where(h => h.FocalPointId == ids[0]).Select(h => h.RegistrationNumber).SingleAsync());
        Assert.DoesNotContain(number, held);
        Assert.True(string.CompareOrdinal(number, held[^1]) > 0, $"{number} comes after the group's {held[^1]}");
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_cyrillic_name_finds_the_latin_record_and_the_reverse(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var latinFamily = APerson.Unique("Yusupov");
        var cyrillicFamily = APerson.Unique("Сейткали");
        var latin = (await api.Registered(APerson.Named("Zhanna", latinFamily) with { Sex = "Female" }))[0];
        var cyrillic = (await api.Registered(APerson.Named("Мухаммад", cyrillicFamily)))[0];

        var byCyrillic = await api.Search($"q=Жанна {Uri.EscapeDataString(Cyr(latinFamily))}");
        Assert.Contains(byCyrillic.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == latin);

        var byLatin = await api.Search($"q=Mohammad {Uri.EscapeDataString(Lat(cyrillicFamily))}");
        Assert.Contains(byLatin.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == cyrillic);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Registration_number_phone_document_and_birth_year_find_a_person(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var phone = $"+7 701 {Random.Shared.Next(100, 999)} {Random.Shared.Next(1000, 9999)}";
        var doc = $"N{Random.Shared.Next(10000000, 99999999)}";
        var id = (await api.Registered(APerson.Named("Karim", APerson.Unique("Hakimi")).Born("1979-11-02") with { Phone = phone, DocumentNumber = doc }))[0];
        var number = (await Json.Read(await api.GetAsync($"/api/v1/persons/{id}"))).GetProperty("registrationNumber").GetString()!;

        foreach (var q in new[] { number, phone.Replace(" ", ""), doc.ToLowerInvariant(), "02.11.1979" })
        {
            var found = await api.Search($"q={Uri.EscapeDataString(q)}");
            Assert.True(found.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == id), $"not found by {q}");
        }
    }

    private static string Cyr(string unique) => unique.Replace("Yusupov", "Юсупов");

    private static string Lat(string unique) => unique.Replace("Сейткали", "Seitkali");
}
