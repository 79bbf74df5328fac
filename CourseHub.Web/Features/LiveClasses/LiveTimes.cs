using System.Globalization;

namespace CourseHub.Web.Features.LiveClasses;

/// <summary>Instants shown in the viewer's zone (the browser's), in one format across the live-class pages.</summary>
public static class LiveTimes
{
    public static TimeZoneInfo Zone(string? ianaId)
    {
        if (!string.IsNullOrWhiteSpace(ianaId))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // An unknown zone from a browser: UTC, said so on the page.
            }
        }
        return TimeZoneInfo.Utc;
    }

    public static DateTime Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;

    public static string Day(DateTimeOffset at, TimeZoneInfo zone) => Local(at, zone).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at, TimeZoneInfo zone) => Local(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone) =>
        $"{Day(start, zone)}, {Time(start, zone)}–{Time(end, zone)}";

    /// <summary>"42 min" from an actual start and end.</summary>
    public static string Duration(DateTimeOffset startedAt, DateTimeOffset endedAt)
    {
        var span = endedAt - startedAt;
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, (int)Math.Round(span.TotalMinutes))} min";
    }

    /// <summary>"1:05:09" or "04:59" until an instant.</summary>
    public static string Countdown(TimeSpan left) =>
        left.TotalHours >= 1 ? $"{(int)left.TotalHours}:{left.Minutes:00}:{left.Seconds:00}" : $"{left.Minutes:00}:{left.Seconds:00}";
}
