using System.Collections.Frozen;

namespace Pana.Features.Matching;

/// <summary>
/// What the matcher knows about the region's names beyond transliteration: spellings of one Arabic-origin or
/// East Slavic name that no letter rule joins (Magomed = Muhammad, Ibragim = Ibrahim, Mykola = Nikolai), the
/// words that open compound Afghan names (Mohammad Nasir, Ghulam Haidar), and the names so common that their
/// agreement says little. Entries are written as people write them; their keys are computed once.
/// </summary>
internal static class NameVariants
{
    // Each line is one name; its first spelling gives the canonical key.
    private static readonly string[] Groups =
    [
        "Muhammad Mohammad Mohammed Mohamed Mohamad Muhammed Mukhammed Mukhammad Magomed Mamed Mamad Mehmet Mehmed Mukhammet Muhammet " +
            "Mahammad Magamed Мухаммед Магомед Мамед Мухаммет Махаммад Мохамед Мухамед Мухамад",
        "Ahmad Ahmed Akhmed Ahmet Akhmet Ahmat Ахмет Ахмат",
        "Husain Hussein Gusein Hossein Husayn Huseyn Husein Hüseyin Hussain Гусейн Хусейн Хусаин Хуссейн Hussayn",
        "Hasan Hassan Gasan Гасан Khasan Хасан Hasson",
        "Yusuf Youssef Yousef Jusup Yusup Yousuf Jusuf Yusef Yusif Юсуф Юсуп Юсиф Yosef Yossef",
        "Ibrahim Ibragim Ebrahim Ibrohim Ebrahem Ibraheem Ибрагим Ибрахим Ибрагимжан",
        "Ismail Ismoil Esmail Ismayil Ismael Исмаил Исмоил Исмайыл",
        "Khadija Hadija Khadicha Khadizha Khadidja Khadisha Hatice Хадиджа Хадича Хадижа Хадиша Хатидже",
        "Fatima Fatimah Fatema Fatemeh Fotima Patima Fatma Фатима Фотима Патима Фатма Фатеме",
        "Zainab Zeynab Zaynab Zaineb Зайнаб Зейнаб Зайнап",
        "Usman Osman Othman Uthman Усман Осман Османа",
        "Daud Dawood Dawud Davud Davut Давуд Дауд Давут",
        "Sulaiman Suleiman Suleyman Suleymen Sulaymon Süleyman Сулейман Сулаймон Сулайман",
        "Said Sayed Saeed Sayyid Sayid Seyid Саид Сайед Сеид Саид",
        "Yakub Yaqub Yakup Yaqoob Jakub Якуб Якуп Ёкуб",
        "Musa Mousa Moussa Мусса Муса",
        "Yunus Younis Yunis Younes Юнус Юнис",
        "Hamid Gamid Khamid Hameed Гамид Хамид",
        "Rahim Ragim Rakhim Raheem Рагим Рахим",
        "Karim Kerim Kareem Карим Керим",
        "Zahra Zohra Zahro Захра Захро Зохра",
        "Aisha Aysha Ayesha Oysha Ayşe Айша Айше Ойша",
        "Khalid Khaled Halid Khalid Халид Халед Khaleed",
        "Walid Waleed Valid Валид Уалид",
        "Jamshid Jamshed Джамшид Джамшед Jamsheed",
        "Nasir Naseer Nasser Naser Насир Насер Носир",
        "Tariq Tarek Tarik Tareq Тарик Тарек",
        "Rashid Rasheed Rashed Рашид Рашит",
        "Majid Majeed Madzhid Маджид Мажид Мажит",
        "Qasim Kasym Kasim Qassem Qasem Касым Касим Косим",
        "Iskandar Iskander Iskender Искандер Искандар",
        "Ilyas Ilias Elias Ильяс Илияс",
        "Hamza Hamzah Гамза Хамза",
        "Abbas Abas Аббас",
        "Mustafa Mostafa Mustapha Мустафа Мостафа",
        "Nur Noor Nour Нур",
        "Laila Leila Layla Leyla Lejla Лейла Лайла Лейло",
        "Omid Omed Umid Омид Умид",
        "Frishta Fereshta Fereshteh Freshta ФриштаФерешта",
        "Mahbuba Mahbooba Mahboba Махбуба",
        "Parwana Parvona Парвона",
        "Zarghona Zarghuna Заргуна Заргона",
        "Aleksandr Oleksandr Alexander Aleksander Olexandr Александр Олександр",
        "Aleksei Oleksii Alexey Oleksiy Алексей Олексій",
        "Nikolai Mykola Nikolay Николай Микола",
        "Andrei Andrii Andriy Andrey Андрей Андрій",
        "Sergei Serhii Serhiy Sergiy Сергей Сергій",
        "Dmitrii Dmytro Dmitry Дмитрий Дмитро",
        "Vladimir Volodymyr Владимир Володимир",
        "Vasilii Vasyl Vasiliy Василий Василь",
        "Petr Petro Pyotr Пётр Петро",
        "Elena Olena Yelena Елена Олена",
        "Ekaterina Kateryna Yekaterina Екатерина Катерина",
        "Tatiana Tetiana Tetyana Tatyana Татьяна Тетяна",
        "Natalia Nataliia Nataliya Наталья Наталія Наталия",
        "Iuliia Yuliya Yulia Julia Юлия Юлія",
        "Mariia Maria Mariya Мария Марія",
        "Svetlana Svitlana Светлана Світлана",
        "Ivan Іван Иван",
    ];

    // Words that open or close a compound name and do not tell people apart on their own.
    private static readonly string[] GenericSpellings =
        ["Muhammad", "Abdul", "Ghulam", "Gulam", "Sayed", "Mir", "Haji", "Shah", "Khan", "Mulla", "Sheikh", "Sultan", "Mohammad"];

    // Names so frequent in the region's registries that sharing one is weak evidence (term-frequency adjustment).
    private static readonly string[] CommonGivenSpellings =
    [
        "Muhammad", "Ahmad", "Ali", "Abdul", "Hasan", "Husain", "Mahmud", "Fatima", "Zahra", "Maryam", "Aleksandr", "Sergei", "Elena", "Natalia",
        "Nurlan", "Rustam", "Timur", "Aigul", "Gulnara", "Dilnoza", "Madina",
    ];

    private static readonly string[] CommonFamilySpellings =
    [
        "Ahmadi", "Muhammadi", "Rahimi", "Karimi", "Husaini", "Hakimi", "Ahmadzai", "Ahmed", "Khan", "Hassan", "Ivanov", "Kim", "Akhmetov",
        "Karimov", "Yusupov", "Rahimov", "Tursunov", "Kovalenko", "Shevchenko",
    ];

    // Affixes after a known name in a family name (Magomedov = Muhammadov, Guseinzade = Husainzada); keys, after folding.
    private static readonly string[] FamilyAffixes = ["i", "uv", "av", "ui", "zai", "zada", "in", "ian", "li", "lu", "iar", "kul"];

    private static readonly FrozenDictionary<string, string> Canonical = BuildCanonical();
    private static readonly string[] PrefixVariants = [.. Canonical.Keys.Where(k => k.Length >= 4).OrderByDescending(k => k.Length)];
    private static readonly FrozenSet<string> Generic = Keys(GenericSpellings);
    private static readonly FrozenSet<string> CommonNames = Keys(CommonGivenSpellings.Concat(CommonFamilySpellings));

    /// <summary>The canonical key of a given-name word: the first spelling of its group, or itself.</summary>
    public static string CanonicalGiven(string key) => Canonical.TryGetValue(key, out var canonical) ? canonical : key;

    /// <summary>The canonical key of a family-name word: a known name with a family affix is rewritten (Magomedov → Muhammaduv).</summary>
    public static string CanonicalFamily(string key)
    {
        if (Canonical.TryGetValue(key, out var whole))
            return whole;
        foreach (var variant in PrefixVariants)
        {
            if (key.Length > variant.Length && key.StartsWith(variant, StringComparison.Ordinal)
                && Array.IndexOf(FamilyAffixes, key[variant.Length..]) >= 0)
            {
                return Canonical[variant] + key[variant.Length..];
            }
        }
        return key;
    }

    public static bool IsGeneric(string key) => Generic.Contains(key);

    /// <summary>One of the region's most frequent names; a swapped registration puts a family name in the given name's place, so both lists count for both.</summary>
    public static bool IsCommon(string key) => CommonNames.Contains(key);

    private static FrozenDictionary<string, string> BuildCanonical()
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var spellings = group.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = NameForms.RawKey(spellings[0])!;
            foreach (var spelling in spellings)
            {
                if (NameForms.RawKey(spelling) is { } key)
                    canonical.TryAdd(key, first);
            }
        }
        return canonical.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenSet<string> Keys(IEnumerable<string> spellings) =>
        spellings.Select(s => NameForms.RawKey(s)).OfType<string>().Select(k => Canonical.GetValueOrDefault(k, k)).ToFrozenSet(StringComparer.Ordinal);
}
