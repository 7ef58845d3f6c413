using System.Globalization;

namespace Pana;

/// <summary>The resource of every UI string (Resources/UiText.*.resx); the English text is the key.</summary>
public sealed class UiText
{
    /// <summary>Marks an English text that is localized later, where it is chosen (role names, list titles).</summary>
    public static string Key(string english) => english;
}

/// <summary>The cultures Pana speaks: formats follow the region, texts the language.</summary>
public static class Cultures
{
    public static readonly string[] Names = ["en-GB", "ru-RU", "kk-KZ"];
    public static CultureInfo[] All => [.. Names.Select(n => new CultureInfo(n))];

    /// <summary>How a language names itself in the language switch.</summary>
    public static string NativeName(string culture) => culture[..2] switch
    {
        "ru" => "Русский",
        "kk" => "Қазақша",
        _ => "English",
    };
}
