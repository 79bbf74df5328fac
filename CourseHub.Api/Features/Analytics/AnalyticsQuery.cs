using System.Globalization;

namespace CourseHub.Api.Features.Analytics;

/// <summary>Reads and checks the analytics routes' query parameters, collecting a message per bad field.</summary>
public sealed class AnalyticsQuery
{
    /// <summary>Ten years: longer ranges are not what a dashboard asks and would only cost.</summary>
    public const int MaxDays = 3660;

    public Dictionary<string, List<string>> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    /// <summary>A <c>from</c>/<c>to</c> pair of UTC dates (both included); missing ends default to <paramref name="defaultDays"/> days ending today.</summary>
    public (DateOnly From, DateOnly To) Range(string? from, string? to, DateOnly today, int defaultDays)
    {
        var end = Date(to, "to") ?? today;
        var start = Date(from, "from") ?? end.AddDays(1 - defaultDays);
        if (IsValid && start > end)
        {
            Fail("to", "Must be on or after from.");
        }
        else if (IsValid && end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            Fail("from", $"The range may span at most {MaxDays} days.");
        }
        return (start, end);
    }

    public DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Fail(field, "Use a date like 2026-01-31.");
        return null;
    }

    public string Choice(string? text, string field, string fallback, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Fail(field, $"One of: {string.Join(", ", allowed)}.");
            return fallback;
        }
        return match;
    }

    /// <summary>A whole number from the query (taken as text, so a non-number is named like any other bad value).</summary>
    public int Number(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Fail(field, $"A whole number from {min} to {max}.");
            return fallback;
        }
        return value;
    }

    public void Fail(string field, string message) => Errors[field] = [message];
}
