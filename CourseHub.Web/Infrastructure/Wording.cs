using System.Globalization;

namespace CourseHub.Web.Infrastructure;

/// <summary>
/// How counts, durations and ratings read, in one place: the catalog, the course page and the studio show a course
/// the same way ("1 section · 3 lessons · 25 min"), so a teacher sees what a buyer will see.
/// </summary>
public static class Wording
{
    /// <summary>"1 lesson", "2 lessons", "1,200 students"; <paramref name="plural"/> for words that do not just add an s.</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>
    /// A lesson's (or a section's, or a course's) length: "45 s", "12 min", "1 h 5 min", "2 h"; empty when no duration was
    /// given (a quiz, a download, a lesson whose teacher typed none) — shown nowhere rather than guessed as "1 min".
    /// </summary>
    public static string Duration(int seconds) => seconds switch
    {
        <= 0 => "",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds} s"),
        // Rounded to the nearest minute: 4:29 is "4 min", 4:30 "5 min".
        < 3600 - 30 => string.Create(CultureInfo.InvariantCulture, $"{(seconds + 30) / 60} min"),
        _ => Hours((seconds + 30) / 60),
    };

    private static string Hours(int minutes) => minutes % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h")
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60} min");

    /// <summary>"4.6 (1,234 ratings)", or "No ratings yet" for a course nobody has rated (never "0.0 (0 ratings)").</summary>
    public static string Rating(decimal average, int count) => count == 0
        ? "No ratings yet"
        : string.Create(CultureInfo.InvariantCulture, $"{average:0.0} ({Count(count, "rating")})");

    /// <summary>Up to two initials of a name, for an avatar without a photo ("Ada Lovelace" → "AL").</summary>
    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));

    /// <summary>The non-empty parts joined with " · " — so a missing duration leaves no dangling separator.</summary>
    public static string Facts(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>"just now", "5 min ago", "3 h ago", then the date: how long ago something happened, for lists of events.</summary>
    public static string Ago(DateTimeOffset at)
    {
        var age = DateTimeOffset.UtcNow - at;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
            : at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }
}
