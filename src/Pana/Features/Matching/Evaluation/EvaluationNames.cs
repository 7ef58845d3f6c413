namespace Pana.Features.Matching.Evaluation;

/// <summary>How a people writes names: patronymics, and the feminine form of family names.</summary>
public enum NamingStyle { None, Russian, Ukrainian, Kazakh, Turkic }

/// <summary>
/// One name: for peoples who write Arabic-script names, the Latin spellings and the Cyrillic spellings in use
/// ("Mohammad|Muhammad/Мухаммад|Мохаммад"); for Cyrillic-writing peoples, the Cyrillic name alone, its Latin
/// forms coming from <see cref="EvaluationScripts"/>.
/// </summary>
public sealed record EvaluationName(string[] Latin, string[] Cyrillic)
{
    public bool IsCyrillicNative => Latin.Length == 0;

    public static EvaluationName Parse(string entry)
    {
        var (latin, cyrillic) = entry.Split('/') is [var l, var c] ? (l, c) : ("", entry);
        static string[] Spellings(string s) => s.Length == 0 ? [] : [.. s.Split('|').Select(x => x.Replace('_', ' '))];
        return new EvaluationName(Spellings(latin), Spellings(cyrillic));
    }
}

/// <summary>The names of one people, most common first, and how its registrations are written.</summary>
public sealed record EvaluationPool(string Key, NamingStyle Style, string[] Origins, double LatinShare, double YearOnlyShare, int[] HouseholdSizes,
    EvaluationName[] Male, EvaluationName[] Female, EvaluationName[] Family);

/// <summary>
/// Name lists of the region's populations for the evaluation set: the demo registry's lists (copied, not shared,
/// so the demo can change without moving the benchmark), with the spelling variants registries really hold.
/// </summary>
public static class EvaluationNames
{
    private static EvaluationName[] L(string s) => [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(EvaluationName.Parse)];

    public static readonly EvaluationPool Afghan = new("AFG", NamingStyle.None, ["AFG"], 0.5, 0.32, [1, 2, 3, 4, 4, 5, 5, 6, 6, 7],
        L("Mohammad|Muhammad|Mohammed|Mohamad/Мохаммад|Мухаммад|Мухаммед Ahmad|Ahmed/Ахмад|Ахмед Abdul/Абдул Ali/Али Hamid|Hameed/Хамид|Гамид " +
          "Mahmood|Mahmud|Mahmoud/Махмуд Rahim|Raheem/Рахим Karim|Kareem/Карим Nasir|Naseer/Насир Farid|Fareed/Фарид Jawad|Javad/Джавад|Жавад " +
          "Sayed|Said|Sayyed/Сайед|Саид Hussain|Hussein|Husain|Hossein/Хусейн|Хусаин|Гусейн Hassan|Hasan/Хасан|Гасан Najib|Najeeb/Наджиб|Нажиб " +
          "Bashir|Basheer/Башир Omid|Omed/Омид Wahid|Waheed/Вахид Habib|Habeeb/Хабиб Shafiq|Shafik/Шафик Qasim|Kasim|Qassem/Касым|Касим " +
          "Zabihullah|Zabiullah|Zabihulla/Забихулла|Забиулла Rahmatullah|Rahmatulla/Рахматулла|Рахматулло Samiullah|Samiulla/Самиулла " +
          "Mirwais/Мирвайс Fawad|Fawaad/Фавад Tariq|Tarik/Тарик Jamshid|Jamshed/Джамшид|Джамшед Ghulam|Gulam/Гулям|Гулам Nazir|Nazeer/Назир " +
          "Aziz|Azeez/Азиз Sharif|Shareef/Шариф Khalid|Khaled/Халид Mustafa|Mostafa/Мустафа Naweed|Navid|Nawid/Навид Sohrab|Suhrab/Сохраб " +
          "Asad|Assad/Асад Idris|Idrees/Идрис Hamidullah|Hamidulla/Хамидулла Nabi/Наби Daud|Dawood|Dawud/Дауд|Давуд Ismail|Esmail/Исмаил " +
          "Yousuf|Yusuf|Yousef/Юсуф Jalil|Jaleel/Джалиль|Жалил Matin|Mateen/Матин Ibrahim|Ebrahim/Ибрагим|Ибрахим Yaqub|Yakub/Якуб " +
          "Abdul_Rahman|Abdurrahman|Abdulrahman/Абдурахман|Абдул_Рахман Abdullah|Abdulla/Абдулла Abdul_Karim|Abdulkarim/Абдулкарим|Абдул_Карим"),
        L("Zahra|Zohra/Захра|Зохра Fatima|Fatema|Fatimah/Фатима Maryam|Mariam/Марьям|Мариям Zainab|Zeinab|Zaynab/Зайнаб|Зейнаб " +
          "Masooma|Masuma/Масума Fariba/Фариба Shabnam/Шабнам Nargis|Narges/Наргис Parwana|Parvana/Парвана Laila|Leila|Layla/Лайла|Лейла " +
          "Mursal/Мурсаль Nilofar|Nilufar/Нилуфар Sima/Сима Shakila|Shakeela/Шакила Hamida|Hameeda/Хамида Roya/Роя Soraya|Suraya/Сорайя|Сорая " +
          "Gulalai/Гулалай Farzana/Фарзана Habiba/Хабиба Sakina|Sakeena/Сакина Khadija|Khadijah|Hadija/Хадиджа|Хадижа Madina/Мадина " +
          "Nazanin/Назанин Tahmina|Tahmineh/Тахмина Frishta|Fereshta/Фришта Mahbooba|Mahbuba/Махбуба Zarghona|Zarghuna/Заргуна " +
          "Marzia|Marziya/Марзия Sabira/Сабира Aisha|Ayesha/Айша"),
        L("Rahimi/Рахими Ahmadzai/Ахмадзай Hakimi/Хакими Ahmadi/Ахмади Mohammadi|Muhammadi/Мохаммади|Мухаммади Hussaini|Husseini|Hosseini/Хусаини|Хусейни " +
          "Karimi/Карими Noori|Nouri|Nuri/Нури Sultani/Султани Popal/Попал Stanikzai/Станикзай Wardak/Вардак Safi/Сафи Amiri/Амири " +
          "Haidari|Haideri|Heidari/Хайдари Jalali/Джалали Rezaei|Rezai/Резаи Azizi/Азизи Nazari/Назари Sharifi/Шарифи Yusufzai|Yousafzai/Юсуфзай " +
          "Mohmand/Мохманд Qaderi|Qadiri/Кадери|Кадири Habibi/Хабиби Faizi/Файзи Rasuli|Rasooli/Расули Sadat/Садат Naseri/Насери Samadi/Самади " +
          "Barakzai/Баракзай Niazi/Ниязи Sahak/Сахак Hotak/Хотак Sediqi|Siddiqi/Седики|Сиддики Omari/Омари"));

    public static readonly EvaluationPool Arab = new("ARB", NamingStyle.None, ["SYR", "SYR", "IRQ", "YEM", "PSE"], 0.6, 0.12, [1, 2, 3, 3, 4, 4, 5, 6],
        L("Mohammed|Mohammad|Muhammad|Mohamed/Мохаммед|Мухаммад|Мухаммед Ahmed|Ahmad/Ахмед|Ахмад Khaled|Khalid/Халед|Халид Omar|Umar/Омар|Умар " +
          "Mahmoud|Mahmud/Махмуд Ali/Али Hassan|Hasan/Хасан|Гасан Yousef|Youssef|Yusuf/Юсеф|Юсуф Ibrahim/Ибрагим|Ибрахим Abdullah|Abdallah/Абдулла " +
          "Mustafa|Moustafa/Мустафа Samer/Самер Bassam/Бассам Fadi/Фади Rami/Рами Walid|Waleed/Валид Ammar/Аммар Tarek|Tariq/Тарек|Тарик Anas/Анас " +
          "Karam/Карам Hussein|Hussain|Husain/Хусейн|Гусейн Ziad|Ziyad/Зияд|Зиад Nabil|Nabeel/Набиль Adnan/Аднан " +
          "Abdul_Rahman|Abdulrahman|Abdelrahman|Abd_al-Rahman/Абдуррахман|Абдулрахман"),
        L("Fatima|Fatma/Фатима Aya/Ая Rasha/Раша Lina/Лина Huda|Hoda/Худа Rania/Рания Nour|Noor/Нур Reem|Rim/Рим Dima/Дима Hala/Хала Amal/Амаль|Амал " +
          "Salma/Сальма|Салма Yasmin|Yasmine/Ясмин Maha/Маха Sawsan/Саусан Mariam|Maryam/Мариам|Марьям Layla|Leila/Лейла|Лайла Hiba/Хиба " +
          "Asmaa|Asma/Асма Rawan/Раван Khadija|Khadeeja/Хадиджа|Хадижа"),
        L("Al-Hassan|Alhassan|Al_Hassan/Аль-Хасан|Аль_Хасан Al-Ahmad/Аль-Ахмад Haddad/Хаддад Khalil/Халиль|Халил Darwish/Дарвиш " +
          "Al-Khatib|Al_Khatib/Аль-Хатиб Hamdan/Хамдан Mansour|Mansur/Мансур Al-Masri/Аль-Масри Shami/Шами Kurdi/Курди Sabbagh/Саббах|Саббаг " +
          "Nasser|Naser/Насер|Нассер Al-Halabi/Аль-Халаби Al-Ali/Аль-Али Saleh|Salih/Салех|Салих Othman|Osman/Осман|Усман Al-Najjar/Аль-Наджар " +
          "Hamoud/Хамуд Al-Zoubi|Al-Zubi/Аль-Зуби"));

    public static readonly EvaluationPool Iranian = new("IRN", NamingStyle.None, ["IRN"], 0.6, 0.05, [1, 2, 3, 4],
        L("Reza/Реза Ali/Али Mehdi|Mahdi/Мехди|Махди Hossein|Hosein/Хоссейн|Хосейн Amir/Амир Saeed|Said/Саид Majid|Majeed/Маджид " +
          "Behrouz|Behruz/Бехруз Mohammad/Мохаммад Hamid/Хамид Javad/Джавад Kamran/Камран Mohsen/Мохсен Navid/Навид Omid/Омид Payam/Паям"),
        L("Maryam/Марьям Zahra/Захра Narges/Наргес Leila|Leyla/Лейла Shirin/Ширин Parisa/Париса Fatemeh|Fatima/Фатеме|Фатима Azadeh/Азаде Elham/Эльхам Mahsa/Махса Nasrin/Насрин Roya/Роя Sara/Сара"),
        L("Ahmadi/Ахмади Hosseini/Хоссейни|Хосейни Karimi/Карими Mousavi|Musavi/Мусави Rahimi/Рахими Tehrani/Тегерани|Техрани " +
          "Jafari|Jafary/Джафари|Жафари Ghorbani/Горбани Akbari/Акбари Bagheri/Багери Ebrahimi/Эбрахими Hashemi/Хашеми Kazemi/Каземи Moradi/Моради Sadeghi/Садеги Zamani/Замани"));

    public static readonly EvaluationPool Pakistani = new("PAK", NamingStyle.None, ["PAK"], 0.9, 0.1, [1, 1, 2, 3, 4],
        L("Muhammad|Mohammad/Мухаммад Imran/Имран Bilal/Билал Asif/Асиф Usman|Osman/Усман Kamran/Камран Faisal|Faysal/Фейсал|Файсал Waqas/Вакас " +
          "Zeeshan|Zishan/Зишан Adeel/Адиль Ahsan/Ахсан Danish/Даниш Farhan/Фархан Hamza/Хамза Junaid/Джунаид Nadeem/Надим Rizwan/Ризван Shahid/Шахид Tahir/Тахир"),
        L("Ayesha|Aisha/Айша Sana/Сана Fatima/Фатима Hina/Хина Saima/Сайма Nadia/Надия Amna/Амна Bushra/Бушра Iqra/Икра Mehwish/Мехвиш Rabia/Рабия Sadia/Садия"),
        L("Khan/Хан Ahmed/Ахмед Shah/Шах Iqbal/Икбал Hussain/Хусейн Malik/Малик Butt/Батт Qureshi/Куреши Chaudhry/Чаудхри Javed/Джавед Mirza/Мирза Rana/Рана Siddiqui/Сиддики Yousaf/Юсаф"));

    public static readonly EvaluationPool Somali = new("SOM", NamingStyle.None, ["SOM"], 0.9, 0.3, [1, 1, 2, 3, 4, 5],
        L("Abdi/Абди Mohamed/Мохамед Ahmed/Ахмед Hassan/Хасан Abdirahman/Абдирахман Farah/Фарах Yusuf/Юсуф Omar/Омар Ali/Али Abdullahi/Абдуллахи Abdiaziz/Абдиазиз Abdikarim/Абдикарим Bashir/Башир Hussein/Хуссейн Ismail/Исмаил Mahad/Махад Mustafe/Мустафе Said/Саид Liban/Либан"),
        L("Hodan/Ходан Amina/Амина Fadumo/Фадумо Hawa/Хава Sahra/Сахра Ayan/Аян Halima/Халима Asha/Аша Deeqa/Дика Faadumo/Фаадумо Idil/Идиль Khadra/Хадра Maryan/Марьян Nasra/Насра Ubah/Убах"),
        L("Warsame/Варсаме Farah/Фарах Hassan/Хасан Abdullahi/Абдуллахи Osman/Осман Jama/Джама Egal/Эгал Mohamud/Мохамуд Aden/Аден Dahir/Дахир Elmi/Элми Guled/Гулед Hersi/Херси Ismail/Исмаил Nur/Нур Samatar/Саматар Yusuf/Юсуф"));

    public static readonly EvaluationPool Uzbek = new("UZB", NamingStyle.Turkic, ["UZB"], 0.2, 0.08, [1, 2, 3, 3, 4, 4, 5],
        L("Рустам Бахтиёр Шухрат Улугбек Фарход Жахонгир Азиз Шерзод Отабек Санжар Дилшод Алишер Ильхом Равшан Тимур Нодир Абдулла Ботир Жасур Бобур " +
          "Хуршид Акмал Зафар Мурод Анвар Баходир Ўткир Ғайрат Қодир Ҳусан Ҳасан Рахим Иброҳим Азамат Бекзод Достон Исломжон Комил Ойбек Сардор Тохир Фаррух Шахзод Элёр Юсуф Ҳамид"),
        L("Дилноза Гулнора Мафтуна Нилуфар Шахноза Зарина Мадина Феруза Дилфуза Муниса Гульчехра Малика Севара Нодира Лола Мохира Наргиза Умида Юлдуз " +
          "Камола Ҳилола Шоҳида Гўзал Дилдора Зулфия Маржона Мавлуда Нигора Озода Ситора Хуршида Шаҳло"),
        L("Юсупов Каримов Рахимов Алимов Усманов Турсунов Абдуллаев Исмаилов Мирзаев Хасанов Расулов Нуриддинов Эргашев Саидов Холматов Юлдашев Азимов " +
          "Махмудов Ибрагимов Содиков Тошматов Қодиров Ғуломов Ахмедов Бобоев Валиев Ғаниев Зокиров Қурбонов Муродов Назаров Олимов Рашидов Тургунов Умаров Шарипов"));

    public static readonly EvaluationPool Tajik = new("TJK", NamingStyle.Turkic, ["TJK"], 0.15, 0.08, [1, 2, 3, 4, 5],
        L("Фаридун Шамсиддин Сухроб Фирдавс Джамшед Рахмон Бахтовар Далер Манучехр Исмоил Зафар Фаррух Рустам Хуршед Рахматулло Абдулло Сайфулло Бехруз Умед Фируз Шерали Мирзо Нурали Зоир Комрон Парвиз Сиёвуш Шахром Хусрав"),
        L("Мехрангиз Тахмина Манижа Зарина Гулрухсор Мадина Нигина Парвина Шахло Фарзона Дилором Зебо Мастона Мунира Рухшона Сабохат Фируза Шабнам Ситора Нилуфар"),
        L("Рахмонов Назаров Шарипов Саидов Каримов Қурбонов Мирзоев Давлатов Холов Сафаров Рахимзода Шарифзода Сангинов Юсуфов Абдуллоев Олимов Исмоилов Файзуллоев Хасанов Зоиров Амонов Бобоев Насруллоев Курбонзода Одинаев"));

    public static readonly EvaluationPool Uighur = new("UIG", NamingStyle.Turkic, ["CHN"], 0.1, 0.1, [1, 2, 3, 4, 5],
        L("Ильхам Абдурахман Алимжан Турсун Кадыр Адил Эркин Мурат Нурмухаммед Абдукерим Ахмет Махмут Рахман Шахмардан Ахмаджан Исмаил Абдулла Касым Махмуджан Нурмамат Рахимджан Тохти Ясин"),
        L("Гульнара Патигуль Мухаббат Зульфия Айгуль Рейхангуль Мейрамгуль Гульмира Захида Назугум Айнур Гульбахрам Маликам Рахиля Сайрагуль Хатиджа Шахида"),
        L("Турсунов Кадыров Абдурахманов Исаков Мамутов Ниязов Хашимов Розиев Масимов Юнусов Аблаев Бекиров Садыков Тохтиев Хамраев Мусаев"));

    public static readonly EvaluationPool Kazakh = new("KAZ", NamingStyle.Kazakh, ["KAZ", "UZB", "CHN", "MNG"], 0.25, 0.06, [1, 2, 3, 3, 4, 5],
        L("Нұрлан Қайрат Ерлан Серік Бауыржан Асқар Ержан Дәурен Мұрат Ғалым Сейткали Жандос Бекзат Талғат Арман Әділ Ернар Қанат Мақсат Айдос Болат " +
          "Жанболат Ербол Нұржан Марат Самат Темірлан Абай Азамат Айбек Алмас Бақытжан Дархан Ерболат Жасұлан Қуаныш Мейрам Нұрсұлтан Рустем Сұлтан Ұлан Әлібек"),
        L("Айгүл Әлия Гүлнар Жанар Сәуле Динара Ақмарал Гүлмира Айжан Меруерт Жұлдыз Назерке Әсем Балжан Ботагөз Алтынай Гүлжан Салтанат Қарлығаш Айнұр " +
          "Жанна Шынар Айғерім Ақбота Аружан Гүлсім Дана Жазира Камила Ләззат Нұргүл Самал Томирис Ұлжан"),
        L("Ахметов Омаров Серікбаев Тұрсынов Сейтқалиев Қасымов Сүлейменов Исаев Оспанов Мұқанов Байжанов Ермеков Жұмабаев Құдайбергенов Әбдірахманов " +
          "Бекмұхамбетов Нұрғалиев Жақсылықов Сапаров Тоқтаров Әлімжанов Бейсенов Жанібеков Иманбаев Қожахметов Мамыров Нұрпейісов Сыздықов Төлеуов Шәріпов Ысқақов Есенов"));

    public static readonly EvaluationPool Kyrgyz = new("KGZ", NamingStyle.Turkic, ["KGZ"], 0.2, 0.05, [1, 2, 3, 4],
        L("Айбек Бакыт Нурлан Эрмек Азамат Талант Улан Кубанычбек Медер Эрлан Жоомарт Нурбек Алмаз Бектур Данияр Жыргалбек Канат Максат Нурсултан Руслан Темирлан Тилек Урмат Чынгыз"),
        L("Айжан Гулзат Бермет Чолпон Айпери Жылдыз Нургуль Акылай Асель Бактыгуль Айгерим Динара Жаркын Калыйча Мээрим Нуриза Толгонай Элнура"),
        L("Асанов Токтогулов Сыдыков Осмонов Жумабаев Мамытов Абдыкеримов Бакиев Исаков Турдубаев Алиев Бейшеналиев Дуйшеев Кадыров Мамбетов Назаров Сатыбалдиев Токтосунов Усенов Эсенов"));

    public static readonly EvaluationPool Russian = new("RUS", NamingStyle.Russian, ["RUS", "RUS", "UKR"], 0.2, 0.03, [1, 2, 2, 3, 3, 4],
        L("Александр Сергей Владимир Николай Андрей Виктор Юрий Дмитрий Игорь Евгений Олег Геннадий Анатолий Валерий Михаил Павел Алексей Иван Василий " +
          "Виталий Константин Фёдор Пётр Семён Антон Артём Борис Вадим Григорий Денис Илья Леонид Роман Станислав"),
        L("Елена Наталья Ольга Татьяна Светлана Ирина Людмила Галина Валентина Надежда Любовь Нина Марина Анна Екатерина Оксана Юлия Лариса Вера Тамара " +
          "Алёна Алла Валерия Дарья Зинаида Ксения Полина Раиса Софья"),
        L("Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов Волков Лебедев Козлов Шевцов Гончаров Степанов Никитин " +
          "Ковалёв Белов Романов Захаров Зайцев Соловьёв Лукин Медведев Кравцов Шульц Миллер Вебер Андреев Алексеев Сергеев Матвеев Егоров Орлов Киселёв Макаров Баранов"));

    public static readonly EvaluationPool Ukrainian = new("UKR", NamingStyle.Ukrainian, ["UKR"], 0.35, 0.02, [1, 2, 3, 3, 4],
        L("Олександр Іван Андрій Сергій Дмитро Микола Віталій Юрій Богдан Тарас Петро Василь Володимир Олег Максим Ярослав Степан Григорій Остап Роман"),
        L("Іванна Олена Оксана Наталія Тетяна Ірина Юлія Галина Марія Світлана Людмила Катерина Анна Вікторія Леся Софія Ярослава Зоряна"),
        L("Коваленко Шевченко Бондаренко Ткаченко Кравченко Мельник Бойко Коваль Олійник Поліщук Савченко Лисенко Руденко Шевчук Марченко Кравчук Мороз " +
          "Павленко Гончаренко Литвиненко Петренко Кузьменко Зінченко Юрченко"));

    public static readonly EvaluationPool Tatar = new("TAT", NamingStyle.Turkic, ["RUS"], 0.1, 0.03, [1, 2, 3, 4],
        L("Рустем Ринат Ильдар Марат Рамиль Айдар Радик Ильнур Фарид Азат Альберт Булат Дамир Ильгиз Ирек Марсель Нияз Раиль Тимур Фанис Эмиль"),
        L("Гульнара Альфия Резеда Лилия Эльмира Венера Гузель Зульфия Алсу Динара Гульшат Диляра Ильмира Ляйсан Наиля Рамиля Фарида Чулпан Эндже"),
        L("Хабибуллин Галиев Сафин Закиров Мухаметзянов Гарипов Валиев Шакиров Ахмадуллин Зарипов Валеев Гайнуллин Камалов Латыпов Мингазов Нуриев Файзуллин Юсупов"));

    public static readonly EvaluationPool Korean = new("KOR", NamingStyle.Russian, ["UZB", "RUS"], 0.15, 0.03, [1, 2, 3, 4],
        Russian.Male, Russian.Female, L("Ким Пак Ли Цой Хан Тен Шин Югай Пегай Тян Когай Огай"));

    public static readonly EvaluationPool Turkmen = new("TKM", NamingStyle.Turkic, ["TKM"], 0.15, 0.06, [1, 2, 3, 4, 5],
        L("Мердан Батыр Довлет Гурбан Мекан Сердар Аман Берды Мурад Ата Ходжа Мухаммет Ровшен Нурмухаммет Агамурат Баймурат Гелди Дурды Иламан Керим Нурберди Овез Перхат Реджеп Чары Якуп"),
        L("Огулджан Джерен Майса Айна Гульшат Энеш Бахар Огульбиби Сельби Айгозель Марал Акджемал Бибигуль Гозель Джемал Лейли Нурджемал Огулгерек Тязегуль Шекер"),
        L("Атаев Бердыев Мурадов Ораздурдыев Аннаев Курбанов Нурыев Гельдыев Ходжаев Овезов Чарыев Сапармурадов Акмурадов Бабаев Велиев Гурбангулыев Дурдыев Иламанов Мамедов Оразов Реджепов Хыдыров Язмурадов"));

    /// <summary>The peoples of the operation's registry and their shares: Afghan refugees first, then the stateless of the region.</summary>
    public static readonly (EvaluationPool Pool, double Weight)[] Mix =
    [
        (Afghan, 30), (Kazakh, 14), (Uzbek, 12), (Russian, 9), (Arab, 6), (Tajik, 5), (Ukrainian, 4), (Kyrgyz, 4), (Uighur, 3), (Tatar, 3),
        (Korean, 2), (Turkmen, 3), (Iranian, 2), (Pakistani, 1.5), (Somali, 1.5),
    ];

    /// <summary>The patronymic of a child of this father, in the people's own form (Нұрланұлы, Нурланович, Іванівна).</summary>
    public static string Patronymic(NamingStyle style, string father, bool female, Random rng)
    {
        if (style == NamingStyle.None || father.Length < 2 || father.Any(char.IsAsciiLetter))
            return "";
        if (style == NamingStyle.Kazakh && rng.NextDouble() < 0.4)
            return father + (female ? "қызы" : "ұлы");
        if (style == NamingStyle.Ukrainian)
        {
            return father switch
            {
                _ when father.EndsWith('о') => father[..^1] + (female ? "івна" : "ович"),
                _ when father.EndsWith('й') => female ? father[..^1] + "ївна" : father + "ович",
                _ when father.EndsWith('ь') => female ? father[..^1] + "івна" : father + "ович",
                _ => father + (female ? "івна" : "ович"),
            };
        }
        var (m, f) = father switch
        {
            "Михаил" => ("Михайлович", "Михайловна"),
            "Павел" => ("Павлович", "Павловна"),
            "Пётр" => ("Петрович", "Петровна"),
            "Семён" => ("Семёнович", "Семёновна"),
            _ when father.EndsWith("ий", StringComparison.Ordinal) => (father[..^2] + "ьевич", father[..^2] + "ьевна"),
            _ when father.EndsWith('й') || father.EndsWith('ь') => (father[..^1] + "евич", father[..^1] + "евна"),
            _ when "аеиоуыэюяё".Contains(father[^1]) => (father + "евич", father + "евна"),
            _ => (father + "ович", father + "овна"),
        };
        return female ? f : m;
    }

    /// <summary>The family name a woman of a Cyrillic-writing people bears: Юсупов → Юсупова; Коваленко and Ким stay.</summary>
    public static string Feminine(NamingStyle style, string family)
    {
        if (style == NamingStyle.None)
            return family;
        foreach (var (end, to) in new[] { ("ский", "ская"), ("цкий", "цкая"), ("ський", "ська") })
        {
            if (family.EndsWith(end, StringComparison.Ordinal))
                return family[..^end.Length] + to;
        }
        return new[] { "ов", "ев", "ёв", "ин", "ын", "ін" }.Any(e => family.EndsWith(e, StringComparison.Ordinal)) ? family + "а" : family;
    }
}
