using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Registry.Names;

namespace Pana.Features.Registry;

/// <summary>
/// Finds people by any name in any script or transliteration, registration number, document number,
/// phone, date or year of birth; filters by operation, region, current population type, origin, open
/// need and age band; pages and sorts. Shared by the search page, the API and the export.
/// </summary>
public sealed partial class SearchPersons(PanaDb db, PersonScope scope, TimeProvider clock)
{
    public sealed record Filter(string? Q = null, string? Operation = null, string? Region = null, string? PopulationType = null,
        string? Origin = null, string? Need = null, AgeBand? AgeBand = null, PersonSort Sort = PersonSort.Name, bool Descending = false,
        int Page = 1, int PageSize = 25);

    public sealed record Row(Guid Id, string RegistrationNumber, string GivenName, string FamilyName, string Patronymic, string LatinName,
        string CyrillicName, Sex Sex, DateOnly? BirthDate, DatePrecision BirthDatePrecision, string? OriginCode, string OperationCode,
        string? RegionCode, string? PopulationTypeCode, string? HouseholdNumber);

    public sealed record Result(List<Row> Items, int Total, int Page, int PageSize)
    {
        public int Pages => (Total + PageSize - 1) / PageSize;
    }

    public async Task<Result> HandleAsync(Filter f, CancellationToken ct = default)
    {
        var query = Query(f);
        var size = Math.Clamp(f.PageSize, 1, 200);
        var page = Math.Max(1, f.Page);
        var total = await query.CountAsync(ct);
        var items = await Project(Sort(query, f)).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Result(items, total, page, size);
    }

    /// <summary>Every match in order, streamed, for the export.</summary>
    public IAsyncEnumerable<Row> StreamAsync(Filter f) => Project(Sort(Query(f), f)).AsAsyncEnumerable();

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<Person> Query(Filter f)
    {
        var q = scope.Persons.AsNoTracking();
        foreach (var term in Terms(f.Q))
        {
            q = Match(q, term);
        }
        if (!string.IsNullOrWhiteSpace(f.Operation))
        {
            q = q.Where(p => p.OperationCode == f.Operation);
        }
        if (!string.IsNullOrWhiteSpace(f.Region))
        {
            q = q.Where(p => p.RegionCode == f.Region);
        }
        if (!string.IsNullOrWhiteSpace(f.Origin))
        {
            q = q.Where(p => p.OriginCode == f.Origin);
        }
        if (!string.IsNullOrWhiteSpace(f.Need))
        {
            q = q.Where(p => db.SpecificNeeds.Any(n => n.PersonId == p.Id && n.CategoryCode == f.Need && n.ResolvedOn == null));
        }
        if (!string.IsNullOrWhiteSpace(f.PopulationType))
        {
            var today = Today;
            q = q.Where(p => db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= today)
                .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.RecordedAt).Select(s => s.PopulationTypeCode).FirstOrDefault() == f.PopulationType);
        }
        if (f.AgeBand is { } band)
        {
            var (youngest, oldest) = AgeBands.Range(band);
            var bornAfter = Today.AddYears(-(oldest + 1));
            q = q.Where(p => p.BirthDate > bornAfter);
            if (youngest > 0)
            {
                var bornBy = Today.AddYears(-youngest);
                q = q.Where(p => p.BirthDate <= bornBy);
            }
        }
        return q;
    }

    private IQueryable<Person> Match(IQueryable<Person> q, string term)
    {
        if (RegistrationNumberPattern().IsMatch(term))
        {
            var number = term.ToUpperInvariant();
            return q.Where(p => p.RegistrationNumber == number || db.Households.Any(h => h.Id == p.HouseholdId && h.RegistrationNumber == number));
        }
        if (DateOnly.TryParseExact(term, ["dd.MM.yyyy", "yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return q.Where(p => p.BirthDate == date);
        }
        if (term.Length == 4 && int.TryParse(term, out var year) && year is > 1900 and < 2100)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            return q.Where(p => p.BirthDate >= from && p.BirthDate <= to);
        }
        if (term.Any(char.IsDigit))
        {
            // Digits are a phone or a document number.
            var digits = PersonRules.Digits(term);
            var doc = PersonRules.DocumentKey(term);
            return q.Where(p => (digits.Length >= 6 && p.PhoneDigits.Contains(digits)) || db.PersonDocuments.Any(d => d.PersonId == p.Id && d.NumberKey == doc));
        }
        if (NameScripts.KeyOf(term) is not { } key)
        {
            return q;
        }
        // A name word matches a key of any of the person's names, as typed so far.
        return q.Where(p => db.PersonNameKeys.Any(k => k.PersonId == p.Id && k.Key.StartsWith(key)));
    }

    private static IEnumerable<string> Terms(string? q) =>
        string.IsNullOrWhiteSpace(q) ? [] : q.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6);

    private static IQueryable<Person> Sort(IQueryable<Person> q, Filter f) => (f.Sort, f.Descending) switch
    {
        (PersonSort.RegistrationNumber, false) => q.OrderBy(p => p.RegistrationNumber),
        (PersonSort.RegistrationNumber, true) => q.OrderByDescending(p => p.RegistrationNumber),
        (PersonSort.BirthDate, false) => q.OrderBy(p => p.BirthDate).ThenBy(p => p.Id),
        (PersonSort.BirthDate, true) => q.OrderByDescending(p => p.BirthDate).ThenBy(p => p.Id),
        (PersonSort.RegisteredOn, false) => q.OrderBy(p => p.RegisteredOn).ThenBy(p => p.RegistrationNumber),
        (PersonSort.RegisteredOn, true) => q.OrderByDescending(p => p.RegisteredOn).ThenByDescending(p => p.RegistrationNumber),
        (_, false) => q.OrderBy(p => p.LatinName).ThenBy(p => p.Id),
        (_, true) => q.OrderByDescending(p => p.LatinName).ThenBy(p => p.Id),
    };

    private IQueryable<Row> Project(IQueryable<Person> q)
    {
        var today = Today;
        return q.Select(p => new Row(p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.Patronymic, p.LatinName, p.CyrillicName, p.Sex,
            p.BirthDate, p.BirthDatePrecision, p.OriginCode, p.OperationCode, p.RegionCode,
            db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= today).OrderByDescending(s => s.EffectiveFrom)
                .ThenByDescending(s => s.RecordedAt).Select(s => s.PopulationTypeCode).FirstOrDefault(),
            db.Households.Where(h => h.Id == p.HouseholdId).Select(h => h.RegistrationNumber).FirstOrDefault()));
    }

    [GeneratedRegex("^[A-Za-z]{3}-\\d{2}-H?\\d+$")]
    private static partial Regex RegistrationNumberPattern();
}

public enum PersonSort { Name, RegistrationNumber, BirthDate, RegisteredOn }

/// <summary>The age bands of UNHCR's population statistics.</summary>
public enum AgeBand { From0To4, From5To11, From12To17, From18To59, From60 }

public static class AgeBands
{
    public static (int Youngest, int Oldest) Range(AgeBand band) => band switch
    {
        AgeBand.From0To4 => (0, 4),
        AgeBand.From5To11 => (5, 11),
        AgeBand.From12To17 => (12, 17),
        AgeBand.From18To59 => (18, 59),
        _ => (60, 150),
    };

    public static string Name(AgeBand band) => band switch
    {
        AgeBand.From0To4 => "0-4",
        AgeBand.From5To11 => "5-11",
        AgeBand.From12To17 => "12-17",
        AgeBand.From18To59 => "18-59",
        _ => "60+",
    };
}
