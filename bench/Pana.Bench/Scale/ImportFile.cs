using System.Globalization;
using System.Text;
using Pana.Data.Registry;

namespace Pana.Bench.Scale;

/// <summary>
/// A CSV in the import template of new households whose names are drawn from the registry's own people (so
/// they are as common as the registry's names), with dates of birth of their own, so most are new people.
/// </summary>
public static class ImportFile
{
    private static readonly string[] Header =
    [
        "household_id", "person_id", "relationship", "given_name", "family_name", "patronymic", "sex", "birth_date", "nationality", "origin",
        "phone", "region", "city", "consent_given", "consent_date", "population_type", "population_sub_type", "status_from",
    ];

    public static byte[] Write(IReadOnlyList<SampledPerson> names, int rows, string runId, int seed)
    {
        var random = new Random(seed);
        var men = names.Where(p => p.Sex == Sex.Male).ToArray();
        var women = names.Where(p => p.Sex == Sex.Female).ToArray();
        var csv = new StringBuilder(rows * 160);
        csv.AppendJoin(',', Header).Append('\n');
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var written = 0;
        for (var household = 1; written < rows; household++)
        {
            var size = Math.Min(rows - written, random.Next(1, 6));
            var head = men[random.Next(men.Length)];
            var born = new DateOnly(random.Next(1955, 2000), random.Next(1, 13), random.Next(1, 29));
            var on = today.AddDays(-random.Next(1, 300));
            for (var member = 0; member < size; member++)
            {
                var (relationship, person, birth) = member switch
                {
                    0 => ("FocalPoint", head, born),
                    1 => ("Spouse", women[random.Next(women.Length)], born.AddYears(random.Next(0, 6)).AddDays(random.Next(-200, 200))),
                    _ => random.Next(2) == 0
                        ? ("Son", men[random.Next(men.Length)], born.AddYears(random.Next(20, 35)).AddDays(random.Next(0, 300)))
                        : ("Daughter", women[random.Next(women.Length)], born.AddYears(random.Next(20, 35)).AddDays(random.Next(0, 300))),
                };
                birth = birth > on ? on.AddDays(-random.Next(1, 200)) : birth;
                // Members bear the focal point's family name, as the registry's own households do (a wife's may differ).
                var family = relationship == "Spouse" ? person.FamilyName : head.FamilyName;
                var sex = relationship is "Spouse" or "Daughter" ? "F" : "M";
                Row(csv,
                    $"SCALE-H-{runId}-{household}", $"SCALE-P-{runId}-{written + 1}", relationship, person.GivenName, family, "", sex,
                    birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), head.NationalityCode ?? "", head.OriginCode ?? "",
                    member == 0 ? $"+7 70{random.Next(0, 9)} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}" : "",
                    "KZ-75", "Almaty", "yes", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "ASY", "ASY-PEND",
                    on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                written++;
            }
        }
        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    private static void Row(StringBuilder csv, params string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            var cell = cells[i];
            csv.Append(cell.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell);
        }
        csv.Append('\n');
    }
}
