using System.Globalization;

namespace Pana.Infrastructure;

/// <summary>Shows UTC instants in the operation's time zone (Pana:TimeZone, Asia/Almaty by default) and the user's culture.</summary>
public sealed class LocalClock(IConfiguration config, TimeProvider time)
{
    private readonly TimeZoneInfo zone = Find(config["Pana:TimeZone"] ?? "Asia/Almaty");

    public string ZoneName => zone.Id;

    // A machine without tzdata still shows Almaty time (UTC+5 since 2024, no daylight saving).
    private static TimeZoneInfo Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)
        ? found
        : TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(5), id, id);

    public DateTime Today => TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, zone).Date;
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    public string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString("d", CultureInfo.CurrentCulture);
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
}
