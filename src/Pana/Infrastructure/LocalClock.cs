using System.Globalization;

namespace Pana.Infrastructure;

/// <summary>Shows UTC instants in the operation's time zone (Pana:TimeZone, Asia/Almaty by default) and the user's culture.</summary>
public sealed class LocalClock(IConfiguration config, TimeProvider time)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(config["Pana:TimeZone"] ?? "Asia/Almaty");

    public string ZoneName => zone.Id;
    public DateTime Today => TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, zone).Date;
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    public string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString("d", CultureInfo.CurrentCulture);
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
}
