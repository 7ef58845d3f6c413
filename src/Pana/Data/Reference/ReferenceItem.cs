namespace Pana.Data.Reference;

/// <summary>A coded entry of a reference list, named in the three languages of the UI.</summary>
public interface IReferenceItem : IVersioned
{
    string Code { get; set; }
    string NameEn { get; set; }
    string NameRu { get; set; }
    string NameKk { get; set; }
    bool IsActive { get; set; }
}

public static class ReferenceNames
{
    /// <summary>The name in the language of the current UI culture, English when that one is missing.</summary>
    public static string Name(this IReferenceItem item) => Pick(item.NameEn, item.NameRu, item.NameKk);

    public static string Pick(string en, string ru, string kk)
    {
        var name = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
        {
            "ru" => ru,
            "kk" => kk,
            _ => en,
        };
        return string.IsNullOrWhiteSpace(name) ? en : name;
    }
}
