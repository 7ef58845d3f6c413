using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Data.Registry;
using Pana.Features.Registry;
using Pana.Features.Registry.Names;
using Pana.Features.Shell;
using Pana.Tests.Support;

namespace Pana.Tests.Registry;

public sealed class DuplicateCandidateTests(Apps apps)
{
    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_person_written_in_the_other_script_with_names_swapped_and_a_guessed_birth_date_is_found(string database)
    {
        var app = apps.For(database);
        var assistant = await app.NewUser(Roles.RegistrationAssistant);
        var api = app.Api(await app.Token(assistant));
        // Letters that each script writes with one letter of the other, so the name reads the same both ways.
        var family = "Rahimi" + new string(Enumerable.Range(0, 6).Select(_ => "bdfklmnprtv"[Random.Shared.Next(11)]).ToArray());
        var registered = (await api.Registered(APerson.Named("Mohammad", family).Born("1986-03-07")))[0];

        // Cyrillic, family name in the given name's place, 1 January of the year: the pair of names and the year meet.
        var swapped = await Candidates(api, NameScripts.ToCyrillic(family), "Мухаммад", "1986-01-01", "Exact");
        Assert.Contains(registered, swapped);
        // A year off by one (the guessed year): the pair of names alone still finds them.
        var yearOff = await Candidates(api, "Мухаммад", NameScripts.ToCyrillic(family), "1987-01-01", "Year");
        Assert.Contains(registered, yearOff);
        // A typo in the family name: the given name and the year find them.
        var typo = await Candidates(api, "Muhammad", family[..^1] + "a", "1986-03-07", "Exact");
        Assert.Contains(registered, typo);

        // Each check showed the person's name and date of birth: each is in the audit chain, naming who was shown.
        var number = await app.Db(db => db.Persons.Where(p => p.Id == registered).Select(p => p.RegistrationNumber).SingleAsync());
        var seen = await app.Db(db => db.AuditEntries.Where(e => e.ActorUserId == assistant.Id && e.EntityId == "duplicate-check")
            .Select(e => new { e.Summary, e.ChainIndex }).ToListAsync());
        Assert.Equal(3, seen.Count);
        Assert.All(seen, line => Assert.Contains(number, line.Summary));
        Assert.All(seen, line => Assert.NotNull(line.ChainIndex));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_shared_passport_number_brings_a_person_whose_family_name_was_written_otherwise_and_a_stranger_holds_none(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var given = APerson.Unique("Gulnara");
        var passport = "N" + Random.Shared.Next(10_000_000, 99_999_999);
        var registered = (await api.Registered(APerson.Named(given, APerson.Unique("Yusupova")) with { Sex = "Female", DocumentNumber = passport }))[0];
        // A stranger of the same given name and year holds another passport: the check reads only the registration's numbers.
        var stranger = (await api.Registered(APerson.Named(given, APerson.Unique("Karimova")) with { Sex = "Female", DocumentNumber = "N" + Random.Shared.Next(10_000_000, 99_999_999) }))[0];

        // The same woman under her husband's family name, the number typed with a space.
        var conflict = await api.Register(APerson.Named(given, APerson.Unique("Akhmedova")) with { Sex = "Female", DocumentNumber = passport[..3] + " " + passport[3..] });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var candidates = (await Json.Read(conflict)).GetProperty("duplicates").GetProperty("0").GetProperty("candidates").EnumerateArray()
            .ToDictionary(c => c.GetProperty("personId").GetGuid(), c => c.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.Contains("Same document number", candidates[registered]);
        // The stranger meets the registration by given name and year of birth, and is compared without a shared document.
        Assert.DoesNotContain("Same document number", candidates[stranger]);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_candidate_living_with_someone_of_the_registrations_given_name_is_told_apart_as_a_twin(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var family = APerson.Unique("Nazarov");
        var ids = await api.Registered(APerson.Named("Hasan", family).Born("1990-05-05"), APerson.Named("Husan", family).Born("1990-05-05").As("Brother"));
        var (hasan, husan) = (ids[0], ids[1]);

        var response = await api.PostAsync("/api/v1/persons/duplicates", Json.Of(new
        {
            givenName = "Husan",
            familyName = family,
            sex = "Male",
            birthDate = "1990-05-05",
            birthDatePrecision = "Exact",
            originCode = "AFG",
        }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var candidates = (await Json.Read(response)).GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("personId").GetGuid(),
            c => (Level: c.GetProperty("level").GetString(), Reasons: c.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList()));
        Assert.Equal("Certain", candidates[husan].Level);
        // Hasan is a letter away, born the same day, but lives with a Husan: his twin, read from his household, is not him.
        Assert.Contains("A member of the other's household bears this given name", candidates[hasan].Reasons);
        Assert.Equal("Possible", candidates[hasan].Level);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_match_keys_follow_an_edit_and_a_merge(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.ProtectionOfficer)));
        var family = APerson.Unique("Ahmadzai");
        var kept = (await api.Registered(APerson.Named("Zahra", family) with { Sex = "Female" }))[0];
        var other = APerson.Unique("Karimova");
        var duplicate = (await api.Registered(APerson.Named("Захра", other) with { Sex = "Female", BirthDate = "1991-01-01" }))[0];

        var before = await Keys(app, duplicate);
        Assert.Contains(before, k => k.StartsWith("y:") && k.EndsWith(":1991"));
        var version = Version(await api.GetAsync($"/api/v1/persons/{duplicate}"));
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/persons/{duplicate}")
        {
            Content = Json.Of(new { givenName = "Захра", familyName = other, sex = "Female", birthDate = "1992-05-04", birthDatePrecision = "Exact" }),
        };
        edit.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var edited = await api.SendAsync(edit);
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        var after = await Keys(app, duplicate);
        Assert.Contains(after, k => k.EndsWith(":1992"));
        Assert.DoesNotContain(after, k => k.EndsWith(":1991"));
        Assert.Contains(await Candidates(api, "Zahra", other, "1992-05-04", "Exact"), id => id == duplicate);

        var merged = await api.PostAsync($"/api/v1/persons/{kept}/merge", Json.Of(new
        {
            duplicateId = duplicate,
            keptVersion = Version(await api.GetAsync($"/api/v1/persons/{kept}")),
            duplicateVersion = Version(await api.GetAsync($"/api/v1/persons/{duplicate}")),
        }));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        Assert.Empty(await Keys(app, duplicate));
        // The duplicate's keys moved to the person kept: a registration like the duplicate is compared with them.
        Assert.Superset(after.ToHashSet(), (await Keys(app, kept)).ToHashSet());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_import_holds_back_bad_rows_and_likely_duplicates_of_the_registry_and_of_its_own_rows(string database)
    {
        var app = apps.For(database);
        var assistant = await app.NewUser(Roles.RegistrationAssistant);
        var api = app.Api(await app.Token(assistant));
        var files = new ImportFiles();
        var family = files.LatinFamily;
        await api.Registered(APerson.Named("Farhod", family).Born("1980-04-02"));
        string[] Row(int n, int household, string relationship, string given, string familyName, string sex, string born, string origin = "AFG") =>
            [files.Person(n), files.Household(household), relationship, given, familyName, sex, born, "AFG", origin, "KZ-75", "", "", "ASY", "", "", "", "", ""];

        var report = await Import(api, files.Csv(rows:
        [
            Row(1, 1, "FocalPoint", "Фарход", NameScripts.ToCyrillic(family), "M", "1980"), // the registered person, in Cyrillic
            Row(2, 2, "FocalPoint", "Bahrom", family, "M", "1975-03-01"),
            Row(3, 2, "Spouse", "Madina", family, "F", "1978-07-12"),
            Row(4, 3, "FocalPoint", "Бахром", NameScripts.ToCyrillic(family), "M", "1975"), // row 3 again, in another household
            Row(5, 4, "FocalPoint", "Omid", family, "M", "1988", origin: "QQQ"),
            Row(6, 5, "FocalPoint", "Laylo", family, "F", "2001-09-09"),
        ]), "duplicates.csv");

        Assert.True(report.GetProperty("imported").GetInt32() == 3, report.GetRawText());
        Assert.Equal(2, report.GetProperty("households").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal([2, 5, 6], rejected.Keys.Order());
        Assert.Contains("Possible duplicate of KAZ-", rejected[2]);
        Assert.Contains("Possible duplicate of row 3 of this file", rejected[5]);
        Assert.Contains("QQQ", rejected[6]);

        var people = await app.Db(db => db.Persons.Where(p => p.ExternalId!.EndsWith(files.Suffix)).Select(p => new { p.Id, p.ExternalId, p.RegistrationNumber }).ToListAsync());
        Assert.Equal([files.Person(2), files.Person(3), files.Person(6)], people.Select(p => p.ExternalId).Order());
        var ids = people.Select(p => p.Id).ToList();
        Assert.Equal(3, await app.Db(db => db.PersonMatchKeys.Where(k => ids.Contains(k.PersonId)).Select(k => k.PersonId).Distinct().CountAsync()));
        var household = await app.Db(db => db.Households.Include(h => h.Members).SingleAsync(h => h.ExternalId == files.Household(2)));
        Assert.Equal(2, household.Members.Count);
        Assert.Equal(household.Members.Single(m => m.ExternalId == files.Person(2)).Id, household.FocalPointId);
        var line = await app.Db(db => db.AuditEntries.SingleAsync(e => e.SubjectId == household.Id && e.Action == Data.Audit.AuditAction.Create));
        Assert.Equal(assistant.Id, line.ActorUserId);
        Assert.All(household.Members, m => Assert.Contains(m.RegistrationNumber, line.Summary));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_typo_in_one_name_is_found_among_more_people_of_the_other_name_and_year_than_are_compared(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        // Three times as many strangers as a registration is compared with: same given name and year, family names unlike.
        const string consonants = "bdfgklmnprstvz";
        string Made() => new(Enumerable.Range(0, 9).Select(i => i % 2 == 1 ? "aeiou"[Random.Shared.Next(5)] : consonants[Random.Shared.Next(consonants.Length)]).ToArray());
        var given = char.ToUpperInvariant(files.LatinFamily[0]) + files.LatinFamily[1..8] + "ullo";
        var rows = Enumerable.Range(1, 300).Select(n => (string[])[files.Person(n), files.Household(n), "FocalPoint", given, char.ToUpperInvariant('k') + Made(), "M",
            "1979-05-05", "AFG", "AFG", "KZ-75", "", "", "ASY", "", "", "", "", "yes"]).ToList();
        rows.Add([files.Person(301), files.Household(301), "FocalPoint", given, "Nazarkhanov", "M", "1979-05-05", "AFG", "AFG", "KZ-75", "", "", "ASY", "", "", "", "", "yes"]);
        Assert.Equal(301, (await Import(api, files.Csv(rows: rows), "strangers.csv")).GetProperty("imported").GetInt32());
        var person = await app.Db(db => db.Persons.Where(p => p.ExternalId == files.Person(301)).Select(p => p.Id).SingleAsync());

        // The family name mistyped: only the given name and the year are shared, as with every stranger.
        Assert.Contains(person, await Candidates(api, given, "Nazarhanov", "1979-05-05", "Exact"));
        Assert.Contains(person, await Candidates(api, given, "Nazrakhanov", "1979-05-05", "Exact"));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_year_off_by_one_is_found_among_more_people_of_both_names_than_are_compared(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        // Twice as many namesakes (the same two names: Muhammad Azizi) as a registration is compared with, born over fifty years.
        var family = files.LatinFamily;
        var rows = Enumerable.Range(1, 200).Select(n => (string[])[files.Person(n), files.Household(n), "FocalPoint", "Muhammad", family, "M",
            $"{1940 + n % 50}-0{1 + n % 9}-1{n % 10}", "AFG", "AFG", "KZ-75", "", "", "ASY", "", "", "", "", "yes"]).ToList();
        Assert.Equal(200, (await Import(api, files.Csv(rows: rows), "namesakes.csv")).GetProperty("imported").GetInt32());
        var born1975 = await app.Db(db => db.Persons.Where(p => p.FamilyName == family && p.BirthDate!.Value.Year == 1975).Select(p => p.Id).ToListAsync());
        Assert.Equal(4, born1975.Count);

        // Written as born in 1976: no key of a name and the year is shared, only the two names, as with every namesake.
        var found = await Candidates(api, "Мухаммад", NameScripts.ToCyrillic(family), "1976-01-01", "Year");
        Assert.Superset(born1975.ToHashSet(), found.ToHashSet());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task What_holds_an_import_back_is_judged_for_the_size_of_the_registry(string database)
    {
        // Names and sex agree, birth date and origin are unknown on one side: probable among a few thousand people, not among 30,000.
        async Task<JsonElement> ImportNamesake(PanaApp app)
        {
            var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
            var files = new ImportFiles();
            await api.Registered(APerson.Named("Bahodir", files.LatinFamily) with { BirthDate = null, BirthDatePrecision = "Unknown", OriginCode = null });
            return await Import(api, files.Csv(rows:
            [
                [files.Person(1), files.Household(1), "FocalPoint", "Баходир", NameScripts.ToCyrillic(files.LatinFamily), "M", "1979-05-05", "AFG", "AFG", "KZ-75", "", "", "ASY", "", "", "", "", ""],
            ]), "namesake.csv");
        }

        var small = await ImportNamesake(apps.For(database));
        Assert.Equal(0, small.GetProperty("imported").GetInt32());
        Assert.Contains("Possible duplicate of", small.GetProperty("rejected")[0].GetProperty("reason").GetString());

        await using var large = apps.Fresh(database);
        Assert.Equal(0, await Commands.RunAsync("generate", large.Services, ["--people", "30000", "--seed", "3"]));
        var imported = await ImportNamesake(large);
        Assert.True(imported.GetProperty("imported").GetInt32() == 1, imported.GetRawText());

        // Registered under another family name (a marriage, another spelling) but holding the row's passport: likely even among 30,000,
        // because a candidate's documents are read whenever a shared number may lift them to the level that holds a row back.
        var api = large.Api(await large.Token(await large.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        var passport = "N" + Random.Shared.Next(10_000_000, 99_999_999);
        await api.Registered(APerson.Named("Bahodir", APerson.Unique("Tursunov")) with { BirthDate = null, BirthDatePrecision = "Unknown", OriginCode = null, DocumentNumber = passport });
        var holder = await Import(api, files.Csv(rows:
        [
            [files.Person(1), files.Household(1), "FocalPoint", "Баходир", NameScripts.ToCyrillic(files.LatinFamily), "M", "1979-05-05", "AFG", "AFG", "KZ-75", "", "", "ASY", "", "", "PASSPORT", passport, ""],
        ]), "holder.csv");
        Assert.True(holder.GetProperty("imported").GetInt32() == 0, holder.GetRawText());
        Assert.Contains("Same document number", holder.GetProperty("rejected")[0].GetProperty("reason").GetString());
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_import_that_forgets_the_people_it_read_keeps_their_keys_and_reads_the_people_again(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var family = APerson.Unique("Rahimov");
        var registered = (await api.Registered(APerson.Named("Farhod", family).Born("1980-04-02")))[0];
        using var scope = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        // Nothing is kept past a batch (a registry so large that its candidates fill the memory set aside for them).
        var duplicates = new ImportDuplicates(scope.ServiceProvider.GetRequiredService<PanaDb>(), second.ServiceProvider.GetRequiredService<PanaDb>(),
            scope.ServiceProvider.GetRequiredService<DuplicateCheck>(), reaching: null, maxKept: 0);
        RegisterHousehold.Member Row(string given, string familyName) => new(new PersonDetails
        {
            GivenName = given,
            FamilyName = familyName,
            Sex = Sex.Male,
            BirthDate = new DateOnly(1980, 4, 2),
            BirthDatePrecision = DatePrecision.Exact,
            OriginCode = "AFG",
        }, Relationship.FocalPoint);

        var first = Row("Farhod", family);
        await duplicates.PrepareAsync([first], CancellationToken.None);
        Assert.Contains(registered, duplicates.Find(first).Candidates.Select(c => c.PersonId));
        var (keyRows, kept) = (duplicates.KeyRowsRead, duplicates.PeopleKept);
        Assert.True(keyRows > 0 && kept > 0, $"{keyRows} key rows read, {kept} people kept");

        // The next batch, another row of the same names: the people are forgotten and read again through the keys kept, which are not read again.
        var next = Row("Farhod", family);
        await duplicates.PrepareAsync([next], CancellationToken.None);
        Assert.Contains(registered, duplicates.Find(next).Candidates.Select(c => c.PersonId));
        Assert.Equal(keyRows, duplicates.KeyRowsRead);
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_person_the_import_added_is_found_by_the_next_batch_before_the_registry_holds_them_and_forgotten_if_their_batch_fails(string database)
    {
        var app = apps.For(database);
        using var scope = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        // Nothing read is kept past a batch, keys included, so the next batch reads the registry again, where the person is not (yet).
        var duplicates = new ImportDuplicates(scope.ServiceProvider.GetRequiredService<PanaDb>(), second.ServiceProvider.GetRequiredService<PanaDb>(),
            scope.ServiceProvider.GetRequiredService<DuplicateCheck>(), reaching: null, maxKept: 0, maxKeyRows: 0);
        var family = APerson.Unique("Nazarov");
        var details = new PersonDetails
        {
            GivenName = "Bahrom",
            FamilyName = family,
            Sex = Sex.Male,
            BirthDate = new DateOnly(1975, 3, 1),
            BirthDatePrecision = DatePrecision.Exact,
            OriginCode = "TJK",
        };
        // The row of the batch being written confirmed it is new: its keys were never read.
        var written = new Person { GivenName = "Bahrom", FamilyName = family, Sex = Sex.Male, BirthDate = new DateOnly(1975, 3, 1), OriginCode = "TJK" };
        await duplicates.PrepareAsync([new RegisterHousehold.Member(details, Relationship.FocalPoint) { ConfirmedNew = true }], CancellationToken.None);
        duplicates.Add(written, [], []);

        var again = new RegisterHousehold.Member(details with { GivenName = "Бахром", FamilyName = NameScripts.ToCyrillic(family) }, Relationship.FocalPoint);
        await duplicates.PrepareAsync([again], CancellationToken.None);
        Assert.Contains(written.Id, duplicates.Find(again).Candidates.Select(c => c.PersonId));

        // Its batch failed to save: the person is not in the registry after all.
        duplicates.Forget();
        await duplicates.PrepareAsync([again], CancellationToken.None);
        Assert.DoesNotContain(written.Id, duplicates.Find(again).Candidates.Select(c => c.PersonId));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_import_holds_back_a_row_that_repeats_a_person_of_the_batch_being_written_and_not_one_of_a_batch_that_failed(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        var family = files.LatinFamily;
        var others = new ImportFiles().LatinFamily;
        string[] Row(int n, string given, string familyName, string sex, string born, string confirmNew) =>
            [files.Person(n), files.Household(n), "FocalPoint", given, familyName, sex, born, "TJK", "TJK", "KZ-75", "", "", "ASY", "", "", "", "", confirmNew];
        // Batches are 250 households: the first holds Bahrom (confirmed new, so his keys are not read) and 249 others,
        // the second Bahrom again in Cyrillic, checked while the first is being written.
        List<string[]> File(params string[][] more) =>
        [
            Row(1, "Bahrom", family, "M", "1975-03-01", "yes"),
            .. Enumerable.Range(2, 249).Select(n => Row(n, "Nodira", others, "F", $"{1950 + (n % 50)}-06-{1 + (n % 28):00}", "yes")),
            Row(251, "Бахром", NameScripts.ToCyrillic(family), "M", "1975", ""),
            .. more,
        ];

        var report = await Import(api, files.Csv(rows: File()), "two-batches.csv");
        Assert.True(report.GetProperty("imported").GetInt32() == 250, report.GetRawText());
        var rejected = report.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal(252, rejected.GetProperty("line").GetInt32());
        Assert.Contains("Possible duplicate of row 2 of this file", rejected.GetProperty("reason").GetString());

        // The same again in a new file, with the database refusing the first batch: Bahrom in the second is nobody's duplicate now,
        // and the second batch is still checked against the registry, where the first file's Bahrom is.
        var registered = family;
        files = new ImportFiles();
        (family, others) = (files.LatinFamily, new ImportFiles().LatinFamily);
        report = await Refusing(app, files.Person(100), files.Suffix,
            () => Import(api, files.Csv(rows: File(Row(252, "Бахром", NameScripts.ToCyrillic(registered), "M", "1975", ""))), "first-batch-refused.csv"));
        Assert.True(report.GetProperty("imported").GetInt32() == 1, report.GetRawText());
        var failed = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal([.. Enumerable.Range(2, 250), 253], failed.Keys);
        Assert.All(Enumerable.Range(2, 250), line => Assert.Contains("could not be saved", failed[line]));
        Assert.Contains("Possible duplicate of KAZ-", failed[253]);
        Assert.Equal([files.Person(251)], await app.Db(db => db.Persons.Where(p => p.ExternalId!.EndsWith(files.Suffix)).Select(p => p.ExternalId!).ToListAsync()));
    }

    [Theory, MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_import_writes_its_batches_in_groups_and_a_group_the_database_refuses_leaves_none_of_its_rows_in_the_registry(string database)
    {
        var app = apps.For(database);
        var api = app.Api(await app.Token(await app.NewUser(Roles.RegistrationAssistant)));
        var files = new ImportFiles();
        var family = files.LatinFamily;
        string[] Row(int n) =>
            [files.Person(n), files.Household(n), "FocalPoint", "Nodira", family, "F", $"{1950 + (n % 50)}-06-{1 + (n % 28):00}", "TJK", "TJK", "KZ-75", "", "", "ASY", "", "", "", "", "yes"];
        var file = files.Csv(rows: [.. Enumerable.Range(1, 300).Select(Row)]);
        // 300 households: two batches of the check (250, then 50) written in one transaction; the database refuses a person of the second.
        var held = ImportRegistry.HoldAtMost;
        ImportRegistry.HoldAtMost = TimeSpan.FromMinutes(10);
        JsonElement report;
        try
        {
            report = await Refusing(app, files.Person(280), files.Suffix, () => Import(api, file, "refused-group.csv"));
        }
        finally
        {
            ImportRegistry.HoldAtMost = held;
        }

        // The first batch was written before the second was refused, but its group never committed: none of the 300 is in.
        Assert.True(report.GetProperty("imported").GetInt32() == 0, report.GetRawText());
        Assert.Equal(0, report.GetProperty("households").GetInt32());
        var failed = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal(Enumerable.Range(2, 300), failed.Keys.Order());
        Assert.All(failed.Values, reason => Assert.Contains("could not be saved", reason));
        Assert.Equal(0, await app.Db(db => db.Persons.CountAsync(p => p.ExternalId!.EndsWith(files.Suffix))));

        // Imported again: all of them, each with the audit line of their creation, sealed into the chain after the commit.
        report = await Import(api, file, "refused-group.csv");
        Assert.True(report.GetProperty("imported").GetInt32() == 300, report.GetRawText());
        var ids = await app.Db(db => db.Persons.Where(p => p.ExternalId!.EndsWith(files.Suffix)).Select(p => p.Id).ToListAsync());
        Assert.Equal(300, ids.Count);
        var sealedLines = 0;
        for (var wait = 0; wait < 100 && sealedLines < 300; wait++)
        {
            await Task.Delay(wait == 0 ? 0 : 200);
            sealedLines = await app.Db(db => db.AuditEntries.CountAsync(e => e.SubjectId != null && ids.Contains(e.SubjectId.Value) && e.EntityType == "Person"
                && e.Action == AuditAction.Create && e.ChainIndex != null));
        }
        Assert.Equal(300, sealedLines);
    }

    // Runs the work while the database refuses to insert the person of that external id (a trigger, dropped afterwards).
    private static async Task<T> Refusing<T>(PanaApp app, string refused, string suffix, Func<Task<T>> work)
    {
        var (persons, externalId) = app.Database == Databases.Postgres ? ("\"Persons\"", "\"ExternalId\"") : ("Persons", "ExternalId");
        var trigger = "refuse_" + suffix;
        await app.Db(db => db.Database.ExecuteSqlRawAsync(app.Database == Databases.Postgres
            ? $"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; "
                + $"CREATE TRIGGER {trigger} BEFORE INSERT ON {persons} FOR EACH ROW WHEN (NEW.{externalId} = '{refused}') EXECUTE FUNCTION {trigger}();"
            : $"CREATE TRIGGER {trigger} BEFORE INSERT ON {persons} WHEN NEW.{externalId} = '{refused}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"));
        try
        {
            return await work();
        }
        finally
        {
            await app.Db(db => db.Database.ExecuteSqlRawAsync(app.Database == Databases.Postgres
                ? $"DROP TRIGGER {trigger} ON {persons}; DROP FUNCTION {trigger}();" : $"DROP TRIGGER {trigger};"));
        }
    }

    private static async Task<JsonElement> Import(HttpClient api, byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await api.PostAsync("/api/v1/persons/import?operation=KAZ", new MultipartFormDataContent { { file, "file", fileName } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Json.Read(response);
    }

    private static int Version(HttpResponseMessage r) => int.Parse(r.Headers.ETag!.Tag.Trim('"'));

    private static Task<List<string>> Keys(PanaApp app, Guid person) =>
        app.Db(db => db.PersonMatchKeys.Where(k => k.PersonId == person).Select(k => k.Key).ToListAsync());

    private static async Task<List<Guid>> Candidates(HttpClient api, string given, string family, string born, string precision)
    {
        var response = await api.PostAsync("/api/v1/persons/duplicates", Json.Of(new
        {
            givenName = given,
            familyName = family,
            sex = "Male",
            birthDate = born,
            birthDatePrecision = precision,
            originCode = "AFG",
        }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var report = await Json.Read(response);
        return report.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("personId").GetGuid()).ToList();
    }
}
