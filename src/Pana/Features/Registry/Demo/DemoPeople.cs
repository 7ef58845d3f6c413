using Pana.Data.Registry;
using static Pana.Features.Registry.Demo.DemoNames;

namespace Pana.Features.Registry.Demo;

/// <summary>How a people writes its names: patronymics, and the feminine form of family names.</summary>
internal enum NameStyle { None, Russian, Ukrainian, Kazakh, Turkic }

/// <summary>
/// The names of one people as they stand in documents. An entry is "Latin/Cyrillic" when both spellings
/// occur (passport and Russian-language papers), or Cyrillic only. Entries are listed most common first.
/// </summary>
internal sealed record NamePool(string Key, NameStyle Style, double LatinShare, string[] Ethnicities, string[] Languages,
    string[] Male, string[] Female, string[] Family);

/// <summary>Who the demo people are: households, names in their own scripts, places and phones.</summary>
public sealed partial class DemoRegistry
{
    /// <summary>A status step; Country is the nationality held from then on, when it changes.</summary>
    private sealed record Step(DateOnly From, string? Type, string? Sub, string Basis, CessationReason? Ceased = null, string? Country = null);

    private sealed class Unit
    {
        public string Op = "", Org = "", Office = "", Region = "", City = "", Address = "", Ethnicity = "", Languages = "", Number = "";
        public string? Origin, Nationality;
        public NamePool Pool = Russian;
        public DateOnly On;
        public bool Latin;
        public readonly Guid Id = Guid.CreateVersion7();
        public readonly List<Member> Members = [];
    }

    private sealed class Member
    {
        public readonly Guid Id = Guid.CreateVersion7();
        public string Given = "", Family = "", Patronymic = "", Phone = "", Number = "";
        public Sex Sex;
        public DateOnly Born, On;
        public DatePrecision Precision;
        public Relationship Rel;
        public MaritalStatus Marital;
        public List<Step> Steps = [];
        public readonly List<Paper> Papers = [];
        public readonly List<SpecificNeed> Needs = [];
    }

    /// <summary>A document; a current status document (valid for Validity days since its status began) is renewed, others lapse.</summary>
    private sealed class Paper(string type, string number, string issuer, DateOnly? issued, DateOnly? expires, int validity = 0, DateOnly since = default, bool current = false)
    {
        public readonly string Type = type, Number = number, Issuer = issuer;
        public DateOnly? Issued = issued, Expires = expires;
        public readonly DateOnly Since = since;
        public readonly int Validity = validity;
        public readonly bool Current = current;
    }

    /// <summary>A household of the given size: a single, or a focal point (father, or a woman heading it) with spouse, children and maybe an elder.</summary>
    private Unit NewUnit(string op, string org, NamePool pool, DateOnly on, string? origin, string? nationality, int size)
    {
        var region = op switch
        {
            "UZB" => Weighted(UzbRegions),
            "TKM" => Weighted(TkmRegions),
            _ => org switch
            {
                "UNHCR-KAZ-AST" => "KZ-71",
                "UNHCR-KAZ-MCO" => Weighted(("KZ-75", 80), ("KZ-19", 15), ("KZ-79", 5)),
                "SANA-SEZIM" => Weighted(("KZ-79", 60), ("KZ-61", 40)),
                _ when pool.Style == NameStyle.None || (origin is not null && origin == nationality) => Weighted(AlmatyRegions),
                _ => Weighted(KazRegions),
            },
        };
        var towns = Towns[region];
        var u = new Unit
        {
            Op = op,
            Org = org,
            Pool = pool,
            On = on,
            Origin = origin,
            Nationality = nationality,
            Region = region,
            City = Common(towns),
            Office = org switch
            {
                "UNHCR-KAZ-MCO" => "Almaty",
                "UNHCR-KAZ-AST" => "Astana",
                "SANA-SEZIM" => "Shymkent",
                "UNHCR-UZB" => "Tashkent",
                "UNHCR-TKM" => "Ashgabat",
                _ => region == "KZ-19" ? "Almaty" : towns[0],
            },
            Address = $"ул. {Pick(op switch { "UZB" => StreetsUzb, "TKM" => StreetsTkm, _ => StreetsKaz }).Replace('_', ' ')}, д. {R(1, 250)}" + (P(0.6) ? $", кв. {R(1, 140)}" : ""),
            Ethnicity = Pick(pool.Ethnicities),
            Languages = Pick(pool.Languages),
            Latin = P(pool.LatinShare),
        };
        units.Add(u);
        var family = Common(pool.Family);
        if (size == 1)
        {
            var minor = pool == Afghan && P(0.04);
            AddMember(u, Relationship.FocalPoint, P(pool.Style == NameStyle.None ? 0.75 : 0.5) ? Sex.Male : Sex.Female,
                Birth(on, minor ? R(15, 17) : R(18, 45) + (P(0.2) ? R(0, 35) : 0)), on, family, "");
        }
        if (size <= 1)
            return u;
        var femaleHead = P(0.15);
        var elder = size >= 5 && P(0.2);
        var kids = size - (femaleHead ? 1 : 2) - (elder ? 1 : 0);
        var headAge = 24 + 2 * kids + R(0, 14);
        var head = AddMember(u, Relationship.FocalPoint, femaleHead ? Sex.Female : Sex.Male, Birth(on, headAge), on, family, "");
        head.Marital = femaleHead ? Weighted((MaritalStatus.Widowed, 60), (MaritalStatus.Divorced, 30), (MaritalStatus.Separated, 10)) : MaritalStatus.Married;
        var motherAge = femaleHead ? headAge : Math.Max(18 + Math.Max(0, kids - 1), headAge - R(1, 9));
        if (!femaleHead)
            AddMember(u, Relationship.Spouse, Sex.Female, Birth(on, motherAge), on, pool.Style == NameStyle.None && P(0.5) ? Common(pool.Family) : family, "");
        var father = femaleHead ? Name(u, Common(pool.Male)) : head.Given;
        var eldest = Math.Max(kids - 1, Math.Min(motherAge - 18, 2 + 2 * kids + R(0, 6)));
        for (var i = 0; i < kids; i++)
        {
            var age = Math.Max(0, eldest - (int)Math.Round(i * (double)eldest / Math.Max(1, kids - 1)) + (i > 0 && i < kids - 1 ? R(-1, 0) : 0));
            var sex = P(0.5) ? Sex.Male : Sex.Female;
            AddMember(u, sex == Sex.Male ? Relationship.Son : Relationship.Daughter, sex, Birth(on, age), on, family, father);
        }
        if (elder)
        {
            var rel = Weighted((Relationship.Mother, 50), (Relationship.Father, 15), (Relationship.Brother, 15), (Relationship.Nephew, 10), (Relationship.Niece, 10));
            var age = rel is Relationship.Mother or Relationship.Father ? Math.Min(90, headAge + R(20, 30)) : rel == Relationship.Brother ? Math.Max(18, headAge + R(-8, 8)) : R(5, 20);
            AddMember(u, rel, rel is Relationship.Mother or Relationship.Niece ? Sex.Female : Sex.Male, Birth(on, age), on, family, "");
        }
        return u;
    }

    private Member AddMember(Unit u, Relationship rel, Sex sex, DateOnly born, DateOnly on, string familyEntry, string father)
    {
        var pool = u.Pool;
        var given = Name(u, Common(sex == Sex.Male ? pool.Male : pool.Female));
        if (pool == Afghan && sex == Sex.Male && P(0.12) && !new[] { "Moh", "Мох", "Мух" }.Any(m => given.StartsWith(m, StringComparison.Ordinal)))
            given = Name(u, pool.Male[0]) + " " + given;
        var family = Name(u, familyEntry);
        var age = Age(born, on);
        var yearOnly = (pool == Afghan ? 0.32 : 0.16) * (age < 10 ? 0.6 : 1);
        var p = U();
        var m = new Member
        {
            Rel = rel,
            Sex = sex,
            Born = born,
            On = on,
            Given = given,
            Family = sex == Sex.Female ? Feminine(pool, family) : family,
            Patronymic = Patronymic(pool, father.Length > 0 ? father : Name(u, Common(pool.Male)), sex == Sex.Female, rng),
            Precision = p < yearOnly ? DatePrecision.Year : p < yearOnly + 0.05 ? DatePrecision.Month : p < yearOnly + 0.07 ? DatePrecision.Unknown : DatePrecision.Exact,
            Marital = age < 18 ? MaritalStatus.Single : rel == Relationship.Spouse ? MaritalStatus.Married
                : age >= 60 ? Weighted((MaritalStatus.Widowed, 60), (MaritalStatus.Married, 20), (MaritalStatus.Divorced, 20))
                : Weighted((MaritalStatus.Single, 75), (MaritalStatus.Divorced, 12), (MaritalStatus.Widowed, 8), (MaritalStatus.Married, 5)),
            Phone = age >= 16 && P(rel == Relationship.FocalPoint ? 0.9 : rel == Relationship.Spouse ? 0.45 : 0.35) ? Phone(u.Op) : "",
        };
        u.Members.Add(m);
        return m;
    }

    private void NeedsOf(Unit u, Member m)
    {
        var age = Age(m.Born, m.On);
        var alone = u.Members.Count == 1;
        var refugee = m.Steps.Any(s => s.Type is "REF" or "ASY");
        var mother = m.Rel == Relationship.FocalPoint && m.Sex == Sex.Female && u.Members.Any(x => x.Rel is Relationship.Son or Relationship.Daughter && Age(x.Born, u.On) < 18);
        var chances = new (string Code, double Chance)[]
        {
            ("SP", mother ? 0.8 : 0), ("WR", mother ? 0.5 : m.Sex == Sex.Female && age >= 18 && alone ? 0.2 : 0), ("ER", age >= 60 ? (alone ? 0.6 : 0.25) : 0),
            ("SC", age < 18 && alone ? 1 : 0), ("CR", age < 18 ? 0.03 : 0), ("SM", 0.05), ("DS", 0.025),
            ("TR", refugee && age >= 18 ? (u.Pool == Afghan || u.Pool == Arab ? 0.05 : 0.02) : 0), ("FU", refugee && age >= 18 ? 0.03 : 0),
            ("LP", m.Steps[^1].Type == "ASY" ? 0.08 : m.Steps.Any(s => s.Sub == "STA-UND") ? 0.05 : 0.01),
        };
        foreach (var (code, _) in chances.Where(c => P(c.Chance)).ToList())
        {
            var identified = Between(m.On, Min(m.On.AddYears(3), today));
            var resolved = identified.AddDays(R(60, 900));
            m.Needs.Add(new SpecificNeed
            {
                PersonId = m.Id,
                CategoryCode = code,
                IdentifiedOn = identified,
                ResolvedOn = P(0.25) && resolved <= today ? resolved : null,
                Notes = Pick(NeedNotes[code]),
            });
        }
    }

    private static Unit Assign(Unit u, List<Step> steps)
    {
        u.Members.ForEach(m => m.Steps = [.. steps]);
        return u;
    }

    private int FamilySize(NamePool pool, double singles) => P(singles) ? 1
        : pool == Afghan ? Weighted((2, 6), (3, 10), (4, 22), (5, 26), (6, 20), (7, 16))
        : pool == Arab ? Weighted((2, 10), (3, 25), (4, 30), (5, 20), (6, 15))
        : Weighted((2, 35), (3, 35), (4, 20), (5, 10));

    private DateOnly Birth(DateOnly on, int age) => Min(on.AddYears(-age).AddDays(-R(0, 364)), on);

    private static string Name(Unit u, string entry) => entry.Split('/') is [var latin, var cyrillic] ? (u.Latin ? latin : cyrillic) : entry;

    private string Phone(string op) => op switch
    {
        "UZB" => $"+998 {Pick(UzbMobile)} {R(100, 999)} {R(10, 99)} {R(10, 99)}",
        "TKM" => $"+993 6{R(1, 5)} {R(10, 99)} {R(10, 99)} {R(10, 99)}",
        _ => $"+7 7{Pick(KazMobile)} {R(100, 999)} {R(10, 99)} {R(10, 99)}",
    };
}

/// <summary>Name lists, addresses and note texts of the demo registry.</summary>
internal static class DemoNames
{
    private static string[] L(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static readonly NamePool Afghan = new("AFG", NameStyle.None, 0.5, L("Tajik Pashtun Hazara Uzbek Tajik"), ["Dari, Russian", "Pashto, Dari", "Dari", "Dari, Uzbek, Russian", "Dari, English"],
        L("Mohammad/Мохаммад Ahmad/Ахмад Mohammad/Мухаммад Abdul/Абдул Ali/Али Hamid/Хамид Mahmood/Махмуд Rahim/Рахим Karim/Карим Nasir/Насир Farid/Фарид " +
          "Jawad/Джавад Sayed/Сайед Hussain/Хусейн Hassan/Хасан Najib/Наджиб Bashir/Башир Omid/Омид Wahid/Вахид Habib/Хабиб Shafiq/Шафик Qasim/Касым " +
          "Zabihullah/Забихулла Rahmatullah/Рахматулла Samiullah/Самиулла Mirwais/Мирвайс Fawad/Фавад Tariq/Тарик Jamshid/Джамшид Ghulam/Гулям Nazir/Назир " +
          "Aziz/Азиз Sharif/Шариф Khalid/Халид Mustafa/Мустафа Naweed/Навид Sohrab/Сохраб Asad/Асад Idris/Идрис Hamidullah/Хамидулла Nabi/Наби Daud/Дауд " +
          "Ismail/Исмаил Yousuf/Юсуф Jalil/Джалиль Matin/Матин"),
        L("Zahra/Захра Fatima/Фатима Maryam/Марьям Zainab/Зайнаб Masooma/Масума Fariba/Фариба Shabnam/Шабнам Nargis/Наргис Parwana/Парвана Laila/Лайла " +
          "Mursal/Мурсаль Nilofar/Нилуфар Sima/Сима Shakila/Шакила Hamida/Хамида Roya/Роя Soraya/Сорайя Gulalai/Гулалай Farzana/Фарзана Habiba/Хабиба Sakina/Сакина " +
          "Khadija/Хадиджа Madina/Мадина Nazanin/Назанин Tahmina/Тахмина Frishta/Фришта Mahbooba/Махбуба Zarghona/Заргуна Marzia/Марзия Sabira/Сабира"),
        L("Rahimi/Рахими Ahmadzai/Ахмадзай Hakimi/Хакими Ahmadi/Ахмади Mohammadi/Мохаммади Hussaini/Хусаини Karimi/Карими Noori/Нури Sultani/Султани Popal/Попал " +
          "Stanikzai/Станикзай Wardak/Вардак Safi/Сафи Amiri/Амири Haidari/Хайдари Jalali/Джалали Rezaei/Резаи Azizi/Азизи Nazari/Назари Sharifi/Шарифи " +
          "Yusufzai/Юсуфзай Mohmand/Мохманд Qaderi/Кадери Habibi/Хабиби Faizi/Файзи Rasuli/Расули Sadat/Садат Naseri/Насери Samadi/Самади Barakzai/Баракзай " +
          "Niazi/Ниязи Sahak/Сахак Hotak/Хотак Sediqi/Седики Omari/Омари"));

    public static readonly NamePool Arab = new("ARB", NameStyle.None, 0.6, L("Arab Arab Arab Kurd"), ["Arabic", "Arabic, English", "Arabic, Russian"],
        L("Mohammed/Мохаммед Ahmed/Ахмед Mohammad/Мухаммад Khaled/Халед Omar/Омар Mahmoud/Махмуд Ali/Али Hassan/Хасан Yousef/Юсеф Ibrahim/Ибрагим Abdullah/Абдулла " +
          "Mustafa/Мустафа Samer/Самер Bassam/Бассам Fadi/Фади Rami/Рами Walid/Валид Ammar/Аммар Tarek/Тарек Anas/Анас Karam/Карам Hussein/Хусейн Ziad/Зияд " +
          "Nabil/Набиль Adnan/Аднан"),
        L("Fatima/Фатима Aya/Ая Rasha/Раша Lina/Лина Huda/Худа Rania/Рания Nour/Нур Reem/Рим Dima/Дима Hala/Хала Amal/Амаль Salma/Сальма Yasmin/Ясмин Maha/Маха " +
          "Sawsan/Саусан Mariam/Мариам Layla/Лейла Hiba/Хиба Asmaa/Асма Rawan/Раван"),
        L("Al-Hassan/Аль-Хасан Al-Ahmad/Аль-Ахмад Haddad/Хаддад Khalil/Халиль Darwish/Дарвиш Al-Khatib/Аль-Хатиб Hamdan/Хамдан Mansour/Мансур Al-Masri/Аль-Масри " +
          "Shami/Шами Kurdi/Курди Sabbagh/Саббах Nasser/Насер Al-Halabi/Аль-Халаби Al-Ali/Аль-Али Saleh/Салех Othman/Осман Al-Najjar/Аль-Наджар Hamoud/Хамуд " +
          "Al-Zoubi/Аль-Зуби"));

    public static readonly NamePool Uzbek = new("UZB", NameStyle.Turkic, 0, ["Uzbek"], ["Uzbek, Russian", "Uzbek", "Uzbek, Tajik, Russian"],
        L("Рустам Бахтиёр Шухрат Улугбек Фарход Жахонгир Азиз Шерзод Отабек Санжар Дилшод Алишер Ильхом Равшан Тимур Нодир Абдулла Ботир Жасур Бобур Хуршид Акмал " +
          "Зафар Мурод Анвар Баходир Ўткир Ғайрат Қодир Ҳусан"),
        L("Дилноза Гулнора Мафтуна Нилуфар Шахноза Зарина Мадина Феруза Дилфуза Муниса Гульчехра Малика Севара Нодира Лола Мохира Наргиза Умида Юлдуз Камола Ҳилола " +
          "Шоҳида Гўзал"),
        L("Юсупов Каримов Рахимов Алимов Усманов Турсунов Абдуллаев Исмаилов Мирзаев Хасанов Расулов Нуриддинов Эргашев Саидов Холматов Юлдашев Азимов Махмудов " +
          "Ибрагимов Содиков Тошматов Қодиров Ғуломов"));

    public static readonly NamePool Tajik = new("TJK", NameStyle.Turkic, 0, ["Tajik"], ["Tajik, Russian", "Tajik, Uzbek"],
        L("Фаридун Шамсиддин Сухроб Фирдавс Джамшед Рахмон Бахтовар Далер Манучехр Исмоил Зафар Фаррух Рустам Хуршед"),
        L("Мехрангиз Тахмина Манижа Зарина Гулрухсор Мадина Нигина Парвина Шахло Фарзона"),
        L("Рахмонов Назаров Шарипов Саидов Каримов Қурбонов Мирзоев Давлатов Холов Сафаров Рахимзода Шарифзода"));

    public static readonly NamePool Uighur = new("UIG", NameStyle.Turkic, 0, L("Uighur Uighur Kazakh"), ["Uighur, Chinese, Russian", "Kazakh, Chinese", "Uighur, Kazakh"],
        L("Ильхам Абдурахман Алимжан Турсун Кадыр Адил Эркин Мурат Нурмухаммед Абдукерим Ахмет Махмут Рахман Шахмардан"),
        L("Гульнара Патигуль Мухаббат Зульфия Айгуль Рейхангуль Мейрамгуль Гульмира Захида Назугум"),
        L("Турсунов Кадыров Абдурахманов Исаков Мамутов Ниязов Хашимов Розиев Масимов Юнусов"));

    public static readonly NamePool Kazakh = new("KAZ", NameStyle.Kazakh, 0, ["Kazakh"], ["Kazakh, Russian", "Kazakh", "Kazakh, Uzbek", "Russian, Kazakh"],
        L("Нұрлан Қайрат Ерлан Серік Бауыржан Асқар Ержан Дәурен Мұрат Ғалым Сейткали Жандос Бекзат Талғат Арман Әділ Ернар Қанат Мақсат Айдос Болат Жанболат Ербол " +
          "Нұржан Марат Самат Темірлан"),
        L("Айгүл Әлия Гүлнар Жанар Сәуле Динара Ақмарал Гүлмира Айжан Меруерт Жұлдыз Назерке Әсем Балжан Ботагөз Алтынай Гүлжан Салтанат Қарлығаш Айнұр"),
        L("Ахметов Омаров Серікбаев Тұрсынов Сейтқалиев Қасымов Сүлейменов Исаев Оспанов Мұқанов Байжанов Ермеков Жұмабаев Құдайбергенов Әбдірахманов Бекмұхамбетов " +
          "Нұрғалиев Жақсылықов Сапаров Тоқтаров"));

    public static readonly NamePool Kyrgyz = new("KGZ", NameStyle.Turkic, 0, ["Kyrgyz"], ["Kyrgyz, Russian"],
        L("Айбек Бакыт Нурлан Эрмек Азамат Талант Улан Кубанычбек Медер Эрлан Жоомарт Нурбек Алмаз"),
        L("Айжан Гулзат Бермет Чолпон Айпери Жылдыз Нургуль Акылай Асель Бактыгуль"),
        L("Асанов Токтогулов Сыдыков Осмонов Жумабаев Мамытов Абдыкеримов Бакиев Исаков Турдубаев"));

    public static readonly NamePool Russian = new("RUS", NameStyle.Russian, 0, L("Russian Russian Russian German"), ["Russian"],
        L("Александр Сергей Владимир Николай Андрей Виктор Юрий Дмитрий Игорь Евгений Олег Геннадий Анатолий Валерий Михаил Павел Алексей Иван Василий Виталий " +
          "Константин"),
        L("Елена Наталья Ольга Татьяна Светлана Ирина Людмила Галина Валентина Надежда Любовь Нина Марина Анна Екатерина Оксана Юлия Лариса Вера Тамара"),
        L("Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов Волков Лебедев Козлов Шевцов Гончаров Степанов Никитин Ковалёв " +
          "Белов Романов Захаров Зайцев Соловьёв Лукин Медведев Кравцов Шульц Миллер Вебер"));

    public static readonly NamePool Ukrainian = new("UKR", NameStyle.Ukrainian, 0, ["Ukrainian"], ["Ukrainian, Russian", "Russian, Ukrainian"],
        L("Олександр Іван Андрій Сергій Дмитро Микола Віталій Юрій Богдан Тарас Петро Василь Володимир Олег Максим"),
        L("Іванна Олена Оксана Наталія Тетяна Ірина Юлія Галина Марія Світлана Людмила Катерина Анна Вікторія"),
        L("Коваленко Шевченко Бондаренко Ткаченко Кравченко Мельник Бойко Коваль Олійник Поліщук Савченко Лисенко Руденко Шевчук Марченко Кравчук Мороз Павленко"));

    public static readonly NamePool Tatar = new("TAT", NameStyle.Turkic, 0, ["Tatar"], ["Russian, Tatar", "Russian"],
        L("Рустем Ринат Ильдар Марат Рамиль Айдар Радик Ильнур Фарид Азат"),
        L("Гульнара Альфия Резеда Лилия Эльмира Венера Гузель Зульфия Алсу Динара"),
        L("Хабибуллин Галиев Сафин Закиров Мухаметзянов Гарипов Валиев Шакиров Ахмадуллин Зарипов"));

    public static readonly NamePool Korean = new("KOR", NameStyle.Russian, 0, ["Korean"], ["Russian", "Russian, Korean"],
        Russian.Male,
        Russian.Female,
        L("Ким Пак Ли Цой Хан Тен Шин Югай Пегай Тян Когай Огай"));

    public static readonly NamePool Turkmen = new("TKM", NameStyle.Turkic, 0, ["Turkmen"], ["Turkmen, Russian", "Turkmen"],
        L("Мердан Батыр Довлет Гурбан Мекан Сердар Аман Берды Мурад Ата Ходжа Мухаммет Ровшен Нурмухаммет"),
        L("Огулджан Джерен Майса Айна Гульшат Энеш Бахар Огульбиби Сельби Айгозель Марал"),
        L("Атаев Бердыев Мурадов Ораздурдыев Аннаев Курбанов Нурыев Гельдыев Ходжаев Овезов Чарыев Сапармурадов"));

    public static readonly NamePool Somali = new("SOM", NameStyle.None, 1, ["Somali"], ["Somali, English", "Somali, Arabic"],
        L("Abdi Mohamed Ahmed Hassan Abdirahman Farah Yusuf Omar Ali"),
        L("Hodan Amina Fadumo Hawa Sahra Ayan Halima"),
        L("Warsame Farah Hassan Abdullahi Osman Jama Egal Mohamud"));

    public static readonly NamePool Pakistani = new("PAK", NameStyle.None, 1, L("Pashtun Punjabi"), ["Urdu, English", "Pashto, Urdu"],
        L("Muhammad Imran Bilal Asif Usman Kamran Faisal Waqas Zeeshan"),
        L("Ayesha Sana Fatima Hina Saima Nadia"),
        L("Khan Ahmed Shah Iqbal Hussain Malik Butt Qureshi"));

    public static readonly NamePool Iranian = new("IRN", NameStyle.None, 0.6, L("Persian Persian Azerbaijani"), ["Farsi", "Farsi, English"],
        L("Reza/Реза Ali/Али Mehdi/Мехди Hossein/Хоссейн Amir/Амир Saeed/Саид Majid/Маджид Behrouz/Бехруз"),
        L("Maryam/Марьям Zahra/Захра Narges/Наргес Leila/Лейла Shirin/Ширин Parisa/Париса"),
        L("Ahmadi/Ахмади Hosseini/Хоссейни Karimi/Карими Mousavi/Мусави Rahimi/Рахими Tehrani/Тегерани Jafari/Джафари Ghorbani/Горбани"));

    public static readonly Dictionary<string, NamePool> Pools = new[]
    {
        Afghan, Arab, Uzbek, Tajik, Uighur, Kazakh, Kyrgyz, Russian, Ukrainian, Tatar, Korean, Turkmen, Somali, Pakistani, Iranian,
    }.ToDictionary(p => p.Key);

    /// <summary>The people whose names a refugee or asylum-seeker from a country of origin bears.</summary>
    public static NamePool ForOrigin(string? origin) => origin switch
    {
        "AFG" => Afghan,
        "SYR" or "IRQ" or "PSE" or "YEM" or "EGY" => Arab,
        "UZB" => Uzbek,
        "TJK" => Tajik,
        "CHN" => Uighur,
        "UKR" => Ukrainian,
        "RUS" => Russian,
        "KGZ" => Kyrgyz,
        "SOM" => Somali,
        "PAK" => Pakistani,
        "IRN" => Iranian,
        "TKM" => Turkmen,
        _ => Russian,
    };

    /// <summary>Where stateless people of a people were born or last held papers, when that is recorded.</summary>
    public static readonly Dictionary<string, string[]> StatelessOrigins = new()
    {
        ["KAZ"] = ["UZB", "UZB", "MNG", "CHN", "TKM", "RUS"],
        ["UZB"] = ["UZB"],
        ["TJK"] = ["TJK"],
        ["KGZ"] = ["KGZ"],
        ["UIG"] = ["CHN"],
        ["RUS"] = ["RUS", "RUS", "UKR"],
        ["UKR"] = ["UKR"],
        ["TAT"] = ["RUS"],
        ["KOR"] = ["UZB", "RUS"],
        ["TKM"] = ["TKM"],
    };

    public static string Patronymic(NamePool pool, string father, bool female, Random rng)
    {
        if (pool.Style == NameStyle.None || father.Length < 2 || father.Any(char.IsAsciiLetter))
            return "";
        if (pool.Style == NameStyle.Kazakh && rng.NextDouble() < 0.4)
            return father + (female ? "қызы" : "ұлы");
        if (pool.Style == NameStyle.Ukrainian)
        {
            return father switch
            {
                _ when father.EndsWith('а') => father[..^1] + (female ? "аївна" : "айович"),
                _ when father.EndsWith('о') => father[..^1] + (female ? "івна" : "ович"),
                _ when father.EndsWith('ь') => female ? father[..^1] + "івна" : father + "ович",
                _ when father.EndsWith('й') => female ? father[..^1] + "ївна" : father + "ович",
                _ => father + (female ? "івна" : "ович"),
            };
        }
        var (m, f) = father switch
        {
            "Михаил" => ("Михайлович", "Михайловна"),
            "Павел" => ("Павлович", "Павловна"),
            "Дмитрий" => ("Дмитриевич", "Дмитриевна"),
            _ when father.EndsWith("ий", StringComparison.Ordinal) => (father[..^2] + "ьевич", father[..^2] + "ьевна"),
            _ when father.EndsWith('й') || father.EndsWith('ь') => (father[..^1] + "евич", father[..^1] + "евна"),
            _ when "аеиоуыэюяё".Contains(father[^1]) => (father + "евич", father + "евна"),
            _ => (father + "ович", father + "овна"),
        };
        return female ? f : m;
    }

    /// <summary>The family name a woman of a Cyrillic-writing people bears: Юсупов → Юсупова; Коваленко and Ким stay.</summary>
    public static string Feminine(NamePool pool, string family)
    {
        if (pool.Style == NameStyle.None)
            return family;
        foreach (var (end, to) in new[] { ("ский", "ская"), ("цкий", "цкая"), ("ський", "ська") })
        {
            if (family.EndsWith(end, StringComparison.Ordinal))
                return family[..^end.Length] + to;
        }
        return new[] { "ов", "ев", "ёв", "ин", "ын", "ін" }.Any(e => family.EndsWith(e, StringComparison.Ordinal)) ? family + "а" : family;
    }

    public static string CountryName(string code) => code switch
    {
        "KAZ" => "Kazakhstan",
        "UZB" => "Uzbekistan",
        "TKM" => "Turkmenistan",
        "RUS" => "the Russian Federation",
        "KGZ" => "Kyrgyzstan",
        "TJK" => "Tajikistan",
        "UKR" => "Ukraine",
        "CHN" => "China",
        "MNG" => "Mongolia",
        "AFG" => "Afghanistan",
        "SYR" => "Syria",
        "IRQ" => "Iraq",
        "IRN" => "Iran",
        "PAK" => "Pakistan",
        "YEM" => "Yemen",
        "SOM" => "Somalia",
        "PSE" => "Palestine",
        "EGY" => "Egypt",
        _ => code,
    };

    /// <summary>Where people of concern live, by weight: refugees mostly in Almaty, stateless people all over Kazakhstan.</summary>
    public static readonly (string, double)[] KazRegions = [("KZ-61", 15), ("KZ-79", 8), ("KZ-75", 12), ("KZ-19", 12), ("KZ-31", 8), ("KZ-47", 8),
        ("KZ-27", 5), ("KZ-15", 4), ("KZ-23", 3), ("KZ-43", 4), ("KZ-35", 5), ("KZ-55", 3), ("KZ-59", 3), ("KZ-39", 3), ("KZ-63", 3), ("KZ-11", 2),
        ("KZ-71", 2), ("KZ-10", 1), ("KZ-33", 1)];
    public static readonly (string, double)[] AlmatyRegions = [("KZ-75", 60), ("KZ-79", 20), ("KZ-19", 10), ("KZ-71", 10)];
    public static readonly (string, double)[] UzbRegions = [("UZ-TK", 40), ("UZ-TO", 12), ("UZ-SA", 8), ("UZ-FA", 6), ("UZ-AN", 5), ("UZ-NG", 4),
        ("UZ-BU", 5), ("UZ-QR", 8), ("UZ-XO", 4), ("UZ-SU", 4), ("UZ-QA", 2), ("UZ-JI", 1), ("UZ-SI", 1)];
    public static readonly (string, double)[] TkmRegions = [("TM-S", 35), ("TM-L", 20), ("TM-D", 15), ("TM-M", 12), ("TM-B", 10), ("TM-A", 8)];

    /// <summary>The peoples stateless persons belong to, by operation.</summary>
    public static readonly (NamePool, double)[] StatelessKaz = [(Kazakh, 25), (Russian, 20), (Uzbek, 20), (Kyrgyz, 6), (Tajik, 5), (Tatar, 6),
        (Korean, 4), (Ukrainian, 5), (Uighur, 5), (Turkmen, 2)];
    public static readonly (NamePool, double)[] StatelessUzb = [(Uzbek, 30), (Kazakh, 15), (Tajik, 15), (Russian, 12), (Kyrgyz, 6), (Turkmen, 6),
        (Tatar, 6), (Korean, 6), (Ukrainian, 4)];
    public static readonly (NamePool, double)[] StatelessTkm = [(Turkmen, 30), (Uzbek, 20), (Russian, 18), (Kazakh, 14), (Tatar, 6), (Ukrainian, 5),
        (Korean, 3), (Tajik, 4)];

    public static readonly string[] KazMobile = L("01 02 05 07 08 47 71 75 76 77 78");
    public static readonly string[] UzbMobile = L("90 91 93 94 97 99 88 33");

    public static readonly string[] ResettlementCountries = ["Canada", "the United States", "Germany", "Sweden", "Norway", "Finland", "Australia", "the Netherlands"];

    public static readonly string[] StreetsKaz = L("Абая Толе_би Райымбека Сейфуллина Жибек_Жолы Байтурсынова Гагарина Пушкина Богенбай_батыра Кунаева " +
        "Сатпаева Жандосова Момышулы Ауэзова Шевченко Рыскулова Тауке_хана Байзакова Курмангазы Айтеке_би");
    public static readonly string[] StreetsUzb = L("Амира_Темура Навои Мустакиллик Бабура Мукими Фурката Чиланзарская Катартал Беруни Шота_Руставели");
    public static readonly string[] StreetsTkm = L("Махтумкули Гёроглы Атамурата_Ниязова Битарап_Туркменистан Андалиба Кемине Туркменбаши Азади");

    /// <summary>Regions and their towns; the first town is where a partner's regional office sits.</summary>
    public static readonly Dictionary<string, string[]> Towns = new()
    {
        ["KZ-75"] = ["Almaty"],
        ["KZ-71"] = ["Astana"],
        ["KZ-79"] = ["Shymkent"],
        ["KZ-19"] = ["Kaskelen", "Konaev", "Talgar", "Esik"],
        ["KZ-61"] = ["Turkistan", "Saryagash", "Kentau", "Zhetysai"],
        ["KZ-31"] = ["Taraz", "Shu"],
        ["KZ-47"] = ["Aktau", "Zhanaozen"],
        ["KZ-27"] = ["Oral", "Aksai"],
        ["KZ-15"] = ["Aktobe"],
        ["KZ-23"] = ["Atyrau", "Kulsary"],
        ["KZ-43"] = ["Kyzylorda", "Aralsk"],
        ["KZ-35"] = ["Karaganda", "Temirtau"],
        ["KZ-55"] = ["Pavlodar", "Ekibastuz"],
        ["KZ-59"] = ["Petropavl"],
        ["KZ-39"] = ["Kostanay", "Rudny"],
        ["KZ-63"] = ["Oskemen", "Ridder"],
        ["KZ-11"] = ["Kokshetau", "Shchuchinsk"],
        ["KZ-10"] = ["Semey"],
        ["KZ-33"] = ["Taldykorgan"],
        ["UZ-TK"] = ["Tashkent"],
        ["UZ-TO"] = ["Chirchiq", "Angren", "Nurafshon"],
        ["UZ-SA"] = ["Samarkand"],
        ["UZ-FA"] = ["Fergana", "Kokand"],
        ["UZ-AN"] = ["Andijan"],
        ["UZ-NG"] = ["Namangan"],
        ["UZ-BU"] = ["Bukhara"],
        ["UZ-QR"] = ["Nukus"],
        ["UZ-XO"] = ["Urgench"],
        ["UZ-SU"] = ["Termez"],
        ["UZ-QA"] = ["Karshi"],
        ["UZ-JI"] = ["Jizzakh"],
        ["UZ-SI"] = ["Gulistan"],
        ["UZ-NW"] = ["Navoi"],
        ["TM-S"] = ["Ashgabat"],
        ["TM-L"] = ["Turkmenabat"],
        ["TM-M"] = ["Mary"],
        ["TM-D"] = ["Dashoguz"],
        ["TM-B"] = ["Balkanabat", "Turkmenbashi"],
        ["TM-A"] = ["Anau", "Tejen"],
    };

    public static readonly Dictionary<string, string[]> NeedNotes = new()
    {
        ["SM"] = ["Type 2 diabetes, needs insulin", "Chronic kidney disease, dialysis twice a week", "Hepatitis C, treatment not covered by insurance",
            "Heart condition, surgery recommended", "Tuberculosis, under treatment", "Cancer, chemotherapy in Almaty oncology centre", "Epilepsy, regular medication"],
        ["WR"] = ["Widow without income, lives with her children", "Left a violent husband, no documents", "Threatened by former husband's family",
            "Lives alone in rented room, no relatives in the country"],
        ["CR"] = ["Not enrolled in school", "Works at the bazaar instead of attending school", "Child without birth registration", "Child with chronic illness"],
        ["SC"] = ["Arrived alone, uncle lives in Almaty", "Separated from parents at the border", "Lives with a neighbour family"],
        ["DS"] = ["Uses a wheelchair", "Visual impairment", "Hearing impairment", "Intellectual disability, needs care", "Lost a leg, needs prosthesis"],
        ["ER"] = ["Lives alone, needs home care", "Older person with no pension", "Bedridden, cared for by neighbours"],
        ["SP"] = ["Single mother of young children", "Single father caring for children", "Grandmother caring for grandchildren"],
        ["TR"] = ["Survivor of torture in country of origin", "Survivor of violence, psychosocial support", "Detained and ill-treated before flight"],
        ["LP"] = ["Risk of detention for irregular stay", "Risk of deportation", "No identity documents", "Fine for expired registration"],
        ["FU"] = ["Wife and children remain in Afghanistan", "Seeks reunification with parents in Germany", "Brother in Turkey, family tracing"],
    };

    /// <summary>
    /// The same person registered twice, by two organisations, in two scripts, with one date of birth
    /// guessed (1 January): Given|Family|Patronymic each time. Kept for duplicate detection to find.
    /// </summary>
    public static readonly (string Op, string Pool, Sex Sex, string? Origin, string Type, string Sub, string First, string Second, string FirstOrg, string SecondOrg)[] Duplicates =
    [
        ("KAZ", "AFG", Sex.Male, "AFG", "ASY", "ASY-PEND", "Мухаммад|Рахими|", "Mohammad|Rahimi|", "UNHCR-KAZ-MCO", "KRCS"),
        ("KAZ", "AFG", Sex.Female, "AFG", "REF", "REF-CONV", "Zahra|Ahmadi|", "Захра|Ахмади|", "UNHCR-KAZ-MCO", "KRCS"),
        ("KAZ", "AFG", Sex.Male, "AFG", "ASY", "ASY-PEND", "Ahmad Shah|Hakimi|", "Ахмад Шах|Хакими|", "UNHCR-KAZ-AST", "BHR"),
        ("KAZ", "ARB", Sex.Male, "SYR", "REF", "REF-CONV", "Khaled|Al-Hassan|", "Халед|Аль-Хасан|", "UNHCR-KAZ-MCO", "KRCS"),
        ("KAZ", "AFG", Sex.Female, "AFG", "ASY", "ASY-PEND", "Фатима|Хайдари|", "Fatima|Haidari|", "KRCS", "UNHCR-KAZ-MCO"),
        ("KAZ", "UZB", Sex.Male, "UZB", "REF", "REF-CONV", "Рустам|Юсупов|Бахтиёрович", "Rustam|Yusupov|", "UNHCR-KAZ-MCO", "BHR"),
        ("KAZ", "KAZ", Sex.Female, null, "STA", "STA-UND", "Айгүл|Сейтқалиева|Нұрланқызы", "Aigul|Seitkaliyeva|Nurlanovna", "BHR", "KRCS"),
        ("KAZ", "UKR", Sex.Male, "UKR", "ASY", "ASY-PEND", "Олександр|Коваленко|Іванович", "Александр|Коваленко|Иванович", "UNHCR-KAZ-MCO", "BHR"),
        ("KAZ", "AFG", Sex.Male, "AFG", "ASY", "ASY-APP", "Nasir|Ahmadzai|", "Насир|Ахмадзай|", "BHR", "UNHCR-KAZ-MCO"),
        ("KAZ", "RUS", Sex.Male, null, "STA", "STA-UND", "Сергей|Иванов|Николаевич", "Sergey|Ivanov|", "BHR", "SANA-SEZIM"),
        ("UZB", "UZB", Sex.Female, null, "STA", "STA-REC", "Дилноза|Каримова|Рустамовна", "Dilnoza|Karimova|", "UNHCR-UZB", "UNHCR-UZB"),
    ];
}
