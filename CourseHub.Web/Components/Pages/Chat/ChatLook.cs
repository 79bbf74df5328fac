using System.Globalization;
using CourseHub.Contracts.Chat;

namespace CourseHub.Web.Components.Pages.Chat;

/// <summary>How chat shows people, times and previews: in the user's own time zone (from their profile), else UTC.</summary>
public static class ChatLook
{
    public const int MaxTextLength = 4000;

    public static TimeZoneInfo ZoneOf(string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(timeZoneId))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // An id this machine does not know: UTC, and the times say so.
            }
        }
        return TimeZoneInfo.Utc;
    }

    /// <summary>
    /// How long to wait before asking for a fresh attachment link: a minute before the current one expires, so an open
    /// conversation's images and downloads keep working; never sooner than a few seconds (a link already near its end).
    /// </summary>
    public static TimeSpan LinkRenewalDelay(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var wait = expiresAt - now - TimeSpan.FromMinutes(1);
        return wait > TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(5);
    }

    public static DateTime Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;

    /// <summary>"Today", "Yesterday", or the date, for the separators between days.</summary>
    public static string DayLabel(DateTime day, DateTime today) =>
        day.Date == today.Date ? "Today"
        : day.Date == today.Date.AddDays(-1) ? "Yesterday"
        : day.ToString(day.Year == today.Year ? "dddd, d MMMM" : "d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The list's time: the hour today, the weekday this week, else the date.</summary>
    public static string ListTime(DateTime local, DateTime today) =>
        local.Date == today.Date ? Time(local)
        : local.Date > today.Date.AddDays(-7) ? local.ToString("ddd", CultureInfo.InvariantCulture)
        : local.ToString("d MMM", CultureInfo.InvariantCulture);

    public static string Preview(ChatMessage? message, Guid me)
    {
        if (message is null)
        {
            return "No messages yet";
        }
        var text = message.Text.ReplaceLineEndings(" ").Trim();
        if (text.Length == 0 && message.Attachments.Count > 0)
        {
            text = message.Attachments.Count == 1 ? $"Sent {message.Attachments[0].FileName}" : $"Sent {message.Attachments.Count} files";
        }
        text = text.Length > 80 ? text[..80].TrimEnd() + "…" : text;
        return message.SenderId == me ? "You: " + text : text;
    }

    /// <summary>The Web's own address for an avatar the Api serves (the browser never talks to the Api).</summary>
    public static string? AvatarSrc(ChatUser user) =>
        user.AvatarUrl is { } url ? $"/media/avatars/{user.Id}?{url.Split('?').LastOrDefault()}" : null;

    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => (parts[0][..1] + parts[^1][..1]).ToUpperInvariant(),
        };
    }

    public static string PresenceText(PresenceChanged? presence, DateTimeOffset now)
    {
        if (presence is null)
        {
            return "";
        }
        if (presence.Online)
        {
            return "Online";
        }
        if (presence.LastSeenAt is not { } seen)
        {
            return "Offline";
        }
        var ago = now - seen;
        return ago < TimeSpan.FromMinutes(1) ? "Last seen just now"
            : ago < TimeSpan.FromHours(1) ? $"Last seen {(int)ago.TotalMinutes} min ago"
            : ago < TimeSpan.FromDays(1) ? $"Last seen {(int)ago.TotalHours} h ago"
            : $"Last seen {seen:d MMM}";
    }

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
}
