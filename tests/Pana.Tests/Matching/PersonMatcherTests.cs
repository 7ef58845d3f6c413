using Pana.Data.Registry;
using Pana.Features.Matching;
using Pana.Features.Matching.Evaluation;

namespace Pana.Tests.Matching;

public class PersonMatcherTests
{
    [Theory]
    [InlineData("Мухаммад", "Mohammad", "Muhammad", "Mohammed", "Mukhammed", "Magomed", "Mamed", "Мухаммед", "Магомед", "Mehmet")]
    [InlineData("Хусейн", "Hussein", "Husain", "Hossein", "Gusein", "Гусейн", "Husayn")]
    [InlineData("Юсуф", "Yusuf", "Youssef", "Yousef", "Jusup", "Юсуп")]
    [InlineData("Ибрагим", "Ibrahim", "Ibragim", "Ebrahim", "İbrahim")]
    [InlineData("Хадиджа", "Khadija", "Hadija", "Khadicha", "Хадича", "Khadizha")]
    [InlineData("Абдурахман", "Abdul Rahman", "Abdurrahman", "Abd al-Rahman", "Abdelrahman", "Abdirahman")]
    [InlineData("Рахматулла", "Rahmatullah", "Rahmatulla", "Rahmatullo")]
    [InlineData("Навид", "Naweed", "Nawid", "Navid")]
    [InlineData("Рахим", "Rahim", "Raxim", "Rakhim", "Raheem")]
    [InlineData("Жанна", "Zhanna", "Janna", "ЖАННА")]
    [InlineData("Қайрат", "Qairat", "Kairat", "Kayrat", "Кайрат")]
    [InlineData("Әлия", "Äliya", "Aliya", "Алия")]
    [InlineData("Шынар", "Şynar", "Shynar")]
    [InlineData("Фёдор", "Fyodor", "Fedor", "Федор")]
    [InlineData("Олександр", "Александр", "Oleksandr", "Aleksandr", "Alexander")]
    public void Spellings_of_one_given_name_agree_exactly_in_any_script(params string[] spellings)
    {
        foreach (var spelling in spellings)
            Assert.True(NameForms.Compare(NameForms.Given(spellings[0]), NameForms.Given(spelling)) == NameAgreement.Exact, $"{spellings[0]} ≠ {spelling}");
    }

    [Theory]
    [InlineData("Юсупов", "Юсупова", "Yusupov", "Iusupova", "Jusupov")]
    [InlineData("Сейтқалиев", "Seitkalieva", "Seitkaliyev", "Сейткалиева")]
    [InlineData("Al-Hassan", "Alhassan", "Al Hassan", "Аль-Хасан", "Hassan")]
    [InlineData("Фёдоров", "Fedorov", "Fyodorov", "Федорова")]
    [InlineData("Магомедов", "Muhammadov", "Mamedov", "Мухаммедов")]
    [InlineData("Нұрланұлы", "Nūrlanūly", "Nurlanuly", "NŪRLANŪLY")]
    [InlineData("Ковалёв", "Kovalev", "Kovalyov", "Ковалева")]
    public void Spellings_of_one_family_name_agree_exactly_in_any_script_and_either_sex(params string[] spellings)
    {
        foreach (var spelling in spellings)
            Assert.True(NameForms.Compare(NameForms.Family(spellings[0]), NameForms.Family(spelling)) == NameAgreement.Exact, $"{spellings[0]} ≠ {spelling}");
    }

    [Theory]
    [InlineData("Hasan", "Husan")]
    [InlineData("Karim", "Rahim")]
    [InlineData("Mohammad Nasir", "Mohammad Karim")]
    [InlineData("Ghulam", "Rahim")]
    [InlineData("Elena", "Alena")]
    public void Different_given_names_do_not_agree(string one, string other) =>
        Assert.True(NameForms.Compare(NameForms.Given(one), NameForms.Given(other)) < NameAgreement.Fuzzy);

    [Theory]
    [InlineData("Ahmadi", "Ahmadzai")]
    [InlineData("Osmonova", "Usenova")]
    [InlineData("Hakimi", "Rahimi")]
    public void Family_names_of_one_stem_are_not_a_typo_apart(string one, string other) =>
        Assert.True(NameForms.Compare(NameForms.Family(one), NameForms.Family(other)) < NameAgreement.Fuzzy);

    [Theory]
    [InlineData("Олексондр", "Олександр")]
    [InlineData("Ail", "Ali")]
    [InlineData("Ahmud", "Ahmad")]
    [InlineData("Nurlam", "Нурлан")]
    public void A_typo_leaves_a_spelling_difference(string typo, string name) =>
        Assert.Equal(NameAgreement.Fuzzy, NameForms.Compare(NameForms.Given(typo), NameForms.Given(name)));

    [Fact]
    public void Mohammad_opening_a_compound_name_may_be_dropped() =>
        Assert.True(NameForms.Compare(NameForms.Given("Mohammad Nasir"), NameForms.Given("Насир")) >= NameAgreement.Contained);

    [Theory]
    [InlineData("Нұрланұлы")]
    [InlineData("Нурланович")]
    [InlineData("Nurlanovna")]
    [InlineData("Nūrlanqyzy")]
    [InlineData("Нұрланқызы")]
    public void Patronymics_in_every_form_give_the_fathers_name(string patronymic) =>
        Assert.Equal("nurlan", NameForms.PatronymicRoot(patronymic));

    [Fact]
    public void The_one_pass_edit_check_agrees_with_the_edit_distance()
    {
        var rng = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var a = new string([.. Enumerable.Range(0, rng.Next(0, 7)).Select(_ => "abc"[rng.Next(3)])]);
            var b = new string([.. Enumerable.Range(0, rng.Next(0, 7)).Select(_ => "abc"[rng.Next(3)])]);
            Assert.True(NameSimilarity.WithinOneEdit(a, b) == NameSimilarity.Distance(a, b, 1) <= 1, $"{a} / {b}");
        }
    }

    [Fact]
    public void Mukhammad_Rakhimi_born_1986_is_Mohammad_Rahimi_born_1_January_1986()
    {
        var result = PersonMatcher.Compare(
            A.Person("Мухаммад", "Рахими").BornIn(1986).From("AFG"),
            A.Person("Mohammad", "Rahimi").Born("1986-01-01").From("AFG"));

        Assert.True(result.Level >= MatchLevel.Probable, Explain(result));
        Assert.Contains(result.Reasons, r => r is { Text: "Given and family names agree (in any script or order)", Agrees: true });
        Assert.Contains(result.Reasons, r => r is { Text: "Same year of birth, one date guessed", Agrees: true });
    }

    [Fact]
    public void Zhanna_Seitkali_is_one_woman_in_Cyrillic_passport_Latin_and_popular_Latin()
    {
        string[][] names = [["Жанна", "Сейткали"], ["Zhanna", "Seitkali"], ["Janna", "Seytkali"]];
        foreach (var one in names)
        {
            foreach (var other in names)
            {
                var result = PersonMatcher.Compare(A.Person(one[0], one[1]).Female().Born("1987-09-21"), A.Person(other[0], other[1]).Female().Born("1987-09-21"));
                Assert.True(result.Level == MatchLevel.Certain, $"{string.Join(' ', one)} / {string.Join(' ', other)}: {Explain(result)}");
            }
        }
    }

    [Fact]
    public void Given_and_family_names_written_in_swapped_order_still_agree()
    {
        var result = PersonMatcher.Compare(A.Person("Seitkali", "Zhanna").Female().Born("1987-09-21"), A.Person("Жанна", "Сейткали").Female().Born("1987-09-21"));

        Assert.True(result.Level >= MatchLevel.Probable, Explain(result));
        Assert.Contains(result.Reasons, r => r.Text == "Given and family names agree, written in swapped order");
    }

    [Fact]
    public void A_date_of_birth_with_day_and_month_swapped_still_agrees()
    {
        var result = PersonMatcher.Compare(A.Person("Zhanna", "Seitkali").Female().Born("1990-05-04").From("KAZ"),
            A.Person("Жанна", "Сейткали").Female().Born("1990-04-05").From("KAZ"));

        Assert.True(result.Level >= MatchLevel.Probable, Explain(result));
        Assert.Contains(result.Reasons, r => r is { Text: "Date of birth with day and month swapped", Agrees: true });
    }

    [Fact]
    public void The_2021_Kazakh_Latin_alphabet_meets_Cyrillic()
    {
        var result = PersonMatcher.Compare(A.Person("Qairat", "Nūrlanūly").Born("1979-03-15"), A.Person("Қайрат", "Нұрланұлы").Born("1979-03-15"));

        Assert.Equal(MatchLevel.Certain, result.Level);
    }

    [Fact]
    public void Twins_are_kept_apart()
    {
        var hasan = A.Person("Ҳасан", "Каримов").Born("2012-06-01").WithPhone("998901234567").LivingWith("Рустам", "Дилноза", "Ҳусан");
        var husan = A.Person("Husan", "Karimov").Born("2012-06-01").WithPhone("998901234567").LivingWith("Rustam", "Dilnoza", "Hasan");
        var zahra = A.Person("Захра", "Рахими").Female().Born("2015-02-10").LivingWith("Мохаммад", "Фатима", "Али");
        var ali = A.Person("Ali", "Rahimi").Born("2015-02-10").LivingWith("Mohammad", "Fatima", "Zahra");

        Assert.True(PersonMatcher.Compare(hasan, husan).Level < MatchLevel.Probable, Explain(PersonMatcher.Compare(hasan, husan)));
        Assert.Equal(MatchLevel.None, PersonMatcher.Compare(zahra, ali).Level);
    }

    [Fact]
    public void Siblings_are_kept_apart()
    {
        var ahmad = A.Person("Ахмад", "Рахими").Born("2010-03-14").WithPhone("77011112233").LivingWith("Мохаммад", "Фатима", "Махмуд");
        var mahmud = A.Person("Mahmood", "Rahimi").BornIn(2012).WithPhone("77011112233").LivingWith("Mohammad", "Fatima", "Ahmad");

        Assert.Equal(MatchLevel.None, PersonMatcher.Compare(ahmad, mahmud).Level);
    }

    [Fact]
    public void A_father_and_the_son_named_after_him_are_kept_apart_by_patronymic_and_birth_year()
    {
        var father = A.Person("Ахмед", "Каримов", "Рахимович").Born("1965-04-02").WithPhone("77011112233").LivingWith("Гульнара", "Ахмед");
        var son = A.Person("Akhmed", "Karimov", "Akhmedovich").Born("1990-11-20").WithPhone("77011112233").LivingWith("Gulnara", "Akhmed");

        var result = PersonMatcher.Compare(father, son);

        Assert.True(result.Level < MatchLevel.Probable, Explain(result));
        Assert.Contains(result.Reasons, r => r is { Text: "One's patronymic is the other's given name (father and son?)", Agrees: false });
        Assert.Contains(result.Reasons, r => r is { Text: "Dates of birth differ", Agrees: false });
    }

    [Theory]
    [InlineData("1980-03-12", "1992-07-01")]
    [InlineData("1990-03-12", "1990-07-01")]
    [InlineData("1990-03-12", "1994-01-01")]
    public void Strangers_with_a_very_common_name_are_not_taken_for_one_person(string born, string otherBorn)
    {
        var result = PersonMatcher.Compare(A.Person("Mohammad", "Ahmadi").Born(born).From("AFG"), A.Person("Мохаммад", "Ахмади").Born(otherBorn).From("AFG"));

        Assert.True(result.Level < MatchLevel.Probable, Explain(result));
    }

    [Fact]
    public void The_same_document_number_makes_a_match_certain()
    {
        var result = PersonMatcher.Compare(A.Person("Mohammad", "Rahimi").Born("1986-03-07").WithDocument("P1234567"),
            A.Person("Мухаммад", "Рахими").BornIn(1986).WithDocument("p 1234567"));

        Assert.Equal(MatchLevel.Certain, result.Level);
        Assert.Contains(result.Reasons, r => r is { Text: "Same document number", Agrees: true });
    }

    [Fact]
    public void The_explanation_says_what_agreed_and_what_did_not()
    {
        var result = PersonMatcher.Compare(A.Person("Zhanna", "Seitkali").Female().Born("1990-05-04").From("KAZ").WithPhone("77011112233"),
            A.Person("Жанна", "Сейткали").Born("1990-05-04").From("UZB").WithPhone("77019998877"));

        Assert.Contains(result.Reasons, r => r is { Text: "Same date of birth", Agrees: true });
        Assert.Contains(result.Reasons, r => r is { Text: "Sex differs", Agrees: false });
        Assert.Contains(result.Reasons, r => r is { Text: "Countries of origin differ", Agrees: false });
        Assert.Contains(result.Reasons, r => r is { Text: "Phone numbers differ", Agrees: false });
        Assert.Equal(result.Score, PersonMatcher.Score(A.Person("Zhanna", "Seitkali").Female().Born("1990-05-04").From("KAZ").WithPhone("77011112233"),
            A.Person("Жанна", "Сейткали").Born("1990-05-04").From("UZB").WithPhone("77019998877")), 2);
    }

    [Theory]
    [InlineData("Жанна", "Сейткали", "1990-05-04", "Seitkali", "Zhanna", "1990-05-04")]
    [InlineData("Жанна", "Сейткали", "1990-05-04", "Zhanna", "Seitkali", "1991-05-04")]
    [InlineData("Жанна", "Сейткали", "1990-05-04", "Zhana", "Seitkali", "1990-01-01")]
    [InlineData("Жанна", "Сейткали", "1990-05-04", "Zhanna", "Seitkaly", "1991-01-01")]
    [InlineData("Мохаммад Насир", "Рахими", "1990-05-04", "Nasir", "Rahimi", "1990-01-01")]
    [InlineData("Raxim", "Yusupov", "1990-05-04", "Рахим", "Юсупов", "1990-01-01")]
    public void Registrations_of_one_person_share_a_blocking_key(string given, string family, string born, string otherGiven, string otherFamily, string otherBorn)
    {
        var keys = PersonMatcher.BlockingKeys(A.Person(given, family).Born(born));
        var other = PersonMatcher.BlockingKeys(A.Person(otherGiven, otherFamily).Born(otherBorn));

        Assert.NotEmpty(keys.Intersect(other));
    }

    [Fact]
    public void Thresholds_rise_with_the_registry_and_never_fall_below_the_calibrated_ones()
    {
        Assert.Equal(MatchThresholds.Default, MatchThresholds.ForRegistryOf(100));
        var million = MatchThresholds.ForRegistryOf(1_000_000);
        Assert.Equal(MatchThresholds.Default.Probable + Math.Log2(1_000_000.0 / MatchThresholds.CalibratedRecords), million.Probable, 6);
        Assert.True(million.Certain > million.Probable && million.Probable > million.Possible);
    }

    [Fact]
    public void Comparing_from_many_threads_gives_the_same_scores()
    {
        var set = EvaluationSet.Generate(300, seed: 11);
        var records = set.Records;
        var expected = Enumerable.Range(0, records.Count - 1).Select(i => PersonMatcher.Score(records[i], records[i + 1])).ToArray();
        var fresh = EvaluationSet.Generate(300, seed: 11).Records;
        var actual = new double[expected.Length];
        Parallel.For(0, expected.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = PersonMatcher.Score(fresh[i], fresh[i + 1]));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void No_pair_that_reaches_the_possible_level_is_passed_over_before_its_documents_and_households_are_read()
    {
        var records = EvaluationSet.Generate(300, seed: 5).Records.Take(400).ToList();
        var (checkedPairs, possible) = (0, 0);
        for (var i = 0; i < records.Count; i++)
        {
            var withoutHousehold = records[i] with { HouseholdGivenNames = [] };
            for (var j = 0; j < records.Count; j++)
            {
                if (i == j || PersonMatcher.Compare(records[i], records[j]).Level == MatchLevel.None)
                {
                    continue;
                }
                possible++;
                var bare = records[j] with { DocumentKeys = [], HouseholdGivenNames = [] };
                var share = records[i].DocumentKeys.Intersect(records[j].DocumentKeys).Any();
                Assert.True(PersonMatcher.MayBePossible(withoutHousehold, bare, share), $"{records[i]} / {records[j]}");
                checkedPairs++;
            }
        }
        Assert.True(possible > 100, $"only {possible} pairs at the possible level or above");
        Assert.Equal(possible, checkedPairs);
    }

    [Fact]
    public void The_bounds_that_pass_strangers_over_are_never_below_the_score()
    {
        var forms = EvaluationSet.Generate(300, seed: 7).Records.Take(500).Select(r => r.Form).ToList();
        var passedOver = 0;
        for (var i = 0; i < forms.Count; i++)
        {
            for (var j = 0; j < forms.Count; j++)
            {
                var score = PersonMatcher.Score(forms[i], forms[j]);
                Assert.True(PersonMatcher.MayReach(forms[i], forms[j], score), $"pair {i}, {j}: score {score}");
                // Stopped short of a floor, the score stays below it; otherwise it is the score.
                foreach (var floor in new[] { 3, 8.5, 15.8 })
                {
                    var cut = PersonMatcher.Score(forms[i], forms[j], floor);
                    Assert.True(score >= floor ? cut == score : cut < floor, $"pair {i}, {j}: score {score}, {cut} with floor {floor}");
                }
                passedOver += PersonMatcher.MayReach(forms[i], forms[j], 15) ? 0 : 1;
            }
        }
        // Knowing only the years, people who share no document are never passed over below their score.
        var records = EvaluationSet.Generate(300, seed: 7).Records.Take(500).ToList();
        foreach (var a in records.Where(r => r.BirthDate is not null && r.BirthDatePrecision != DatePrecision.Unknown))
        {
            foreach (var b in records.Where(r => r.BirthDate is not null && r.BirthDatePrecision != DatePrecision.Unknown && !r.DocumentKeys.Intersect(a.DocumentKeys).Any()))
            {
                var score = PersonMatcher.Score(a, b);
                Assert.True(PersonMatcher.MayReach(a.BirthDate!.Value.Year, b.BirthDate!.Value.Year, score), $"{a} / {b}: score {score}");
            }
        }
        // The bound is of use: at the probable level of a million-person registry, most strangers are passed over.
        Assert.True(passedOver > forms.Count * forms.Count / 2, $"{passedOver} pairs passed over");
    }

    [Fact]
    public void The_evaluation_set_is_the_same_for_the_same_seed()
    {
        var one = EvaluationSet.Generate(200, seed: 3);
        var other = EvaluationSet.Generate(200, seed: 3);

        Assert.Equal(one.Records.Count, other.Records.Count);
        Assert.Equal(one.Records.Select(r => $"{r.GivenName} {r.FamilyName} {r.BirthDate}"), other.Records.Select(r => $"{r.GivenName} {r.FamilyName} {r.BirthDate}"));
        Assert.True(one.TruePairs > 0);
    }

    [Fact]
    public void On_the_evaluation_set_the_matcher_reaches_F1_095_with_precision_097_and_beats_Jaro_Winkler()
    {
        var set = EvaluationSet.Generate(1000);
        var report = QualityRun.Run(set, 1000);

        Assert.True(report.Probable.Precision >= 0.97, $"precision {report.Probable.Precision:0.0000}");
        Assert.True(report.Probable.F1 >= 0.95, $"F1 {report.Probable.F1:0.0000} (recall {report.Probable.Recall:0.0000})");
        Assert.True(report.Probable.F1 > report.Baseline.F1, $"F1 {report.Probable.F1:0.0000}, baseline {report.Baseline.F1:0.0000}");
        Assert.True(report.Probable.BlockingRecall >= 0.98, $"blocking recall {report.Probable.BlockingRecall:0.0000}");
    }

    private static string Explain(MatchResult result) =>
        $"{result.Score} {result.Level}: " + string.Join("; ", result.Reasons.Select(r => (r.Agrees ? "+ " : "- ") + r.Text));
}

/// <summary>Registrations as the matcher sees them, with readable defaults: a man, date unknown, nothing else recorded.</summary>
file static class A
{
    public static MatchRecord Person(string given, string family, string? patronymic = null) =>
        new(Guid.NewGuid(), given, family, patronymic, Sex.Male, null, DatePrecision.Unknown, null, [], null, []);

    public static MatchRecord Born(this MatchRecord r, string date) => r with { BirthDate = DateOnly.Parse(date), BirthDatePrecision = DatePrecision.Exact };

    public static MatchRecord BornIn(this MatchRecord r, int year) => r with { BirthDate = new DateOnly(year, 1, 1), BirthDatePrecision = DatePrecision.Year };

    public static MatchRecord Female(this MatchRecord r) => r with { Sex = Sex.Female };

    public static MatchRecord From(this MatchRecord r, string origin) => r with { OriginCode = origin };

    public static MatchRecord WithDocument(this MatchRecord r, string number) => r with { DocumentKeys = [number] };

    public static MatchRecord WithPhone(this MatchRecord r, string digits) => r with { PhoneDigits = digits };

    public static MatchRecord LivingWith(this MatchRecord r, params string[] givenNames) => r with { HouseholdGivenNames = givenNames };
}
