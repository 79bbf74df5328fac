using System.Globalization;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain.LiveClasses;

namespace CourseHub.Api.Features.LiveClasses;

/// <summary>Reads a teacher's availability from the wire, naming every field that is wrong, and writes it back.</summary>
public static class AvailabilityRules
{
    public const int MaxWindows = 100;
    public const int MaxExceptions = 366;

    public static TeacherAvailability? Read(AvailabilityDto request, Guid teacherId, DateTimeOffset now, Problems.Errors errors)
    {
        if (string.IsNullOrWhiteSpace(request.TimeZone))
        {
            errors.Add("timeZone", "Give your time zone as an IANA name, such as Europe/Berlin.");
        }
        else if (!SlotGenerator.IsKnownZone(request.TimeZone))
        {
            errors.Add("timeZone", $"“{request.TimeZone}” is not an IANA time zone (such as Europe/Berlin or America/New_York).");
        }
        var minutes = request.SessionMinutes ?? [];
        if (minutes.Count == 0)
        {
            errors.Add("sessionMinutes", "Offer at least one session length in minutes, such as 30 or 60.");
        }
        else if (minutes.Any(m => m is < 15 or > 240))
        {
            errors.Add("sessionMinutes", "Session lengths are between 15 and 240 minutes.");
        }
        else if (minutes.Distinct().Count() != minutes.Count)
        {
            errors.Add("sessionMinutes", "List each session length once.");
        }
        Range(errors, "bufferMinutes", request.BufferMinutes, 0, 240, "The buffer between sessions is 0 to 240 minutes.");
        Range(errors, "minNoticeHours", request.MinNoticeHours, 0, 24 * 30, "The minimum notice is 0 to 720 hours.");
        Range(errors, "maxDaysAhead", request.MaxDaysAhead, 1, 365, "Students may book 1 to 365 days ahead.");

        var weekly = new List<WeeklyWindow>();
        var windows = request.Weekly ?? [];
        if (windows.Count > MaxWindows)
        {
            errors.Add("weekly", $"At most {MaxWindows} weekly windows.");
        }
        for (var i = 0; i < windows.Count && i < MaxWindows; i++)
        {
            var window = windows[i];
            var field = $"weekly[{i}]";
            var day = Enum.TryParse<DayOfWeek>(window.Day, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(window.Day, out _)
                ? parsed : (DayOfWeek?)null;
            if (day is null)
            {
                errors.Add($"{field}.day", "Name the weekday in English: Monday … Sunday.");
            }
            if (Times(errors, field, window.Start, window.End) is { } times && day is { } d)
            {
                weekly.Add(new WeeklyWindow(d, times.Start, times.End));
            }
        }
        Overlaps(errors, "weekly", weekly.Select(w => ((int)w.Day, w.Start, w.End)));

        var exceptions = new List<AvailabilityException>();
        var dates = request.Exceptions ?? [];
        if (dates.Count > MaxExceptions)
        {
            errors.Add("exceptions", $"At most {MaxExceptions} exceptions.");
        }
        for (var i = 0; i < dates.Count && i < MaxExceptions; i++)
        {
            var exception = dates[i];
            var field = $"exceptions[{i}]";
            if (!DateOnly.TryParseExact(exception.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{field}.date", "Give the date as yyyy-MM-dd.");
                continue;
            }
            var dayOff = exception.Available == false;
            if (dayOff)
            {
                if (exception.Start is not null || exception.End is not null)
                {
                    errors.Add($"{field}.available", "A day off has no start or end; an extra window has a start and an end.");
                }
                else
                {
                    exceptions.Add(new AvailabilityException(date, false, null, null));
                }
            }
            else if (Times(errors, field, exception.Start, exception.End) is { } times)
            {
                exceptions.Add(new AvailabilityException(date, true, times.Start, times.End));
            }
        }
        if (errors.Any)
        {
            return null;
        }
        return new TeacherAvailability
        {
            TeacherId = teacherId,
            TimeZone = request.TimeZone!,
            SessionMinutes = [.. minutes.Order()],
            BufferMinutes = request.BufferMinutes!.Value,
            MinNoticeHours = request.MinNoticeHours!.Value,
            MaxDaysAhead = request.MaxDaysAhead!.Value,
            Weekly = [.. weekly.OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.Start)],
            Exceptions = [.. exceptions.OrderBy(e => e.Date).ThenBy(e => e.Start)],
            UpdatedAt = now,
        };
    }

    public static AvailabilityDto ToDto(TeacherAvailability availability) => new(
        availability.TimeZone,
        availability.SessionMinutes,
        availability.BufferMinutes,
        availability.MinNoticeHours,
        availability.MaxDaysAhead,
        [.. availability.Weekly.Select(w => new WeeklyWindowDto(w.Day.ToString(), Time(w.Start), Time(w.End)))],
        [.. availability.Exceptions.Select(e => new AvailabilityExceptionDto(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.Available, e.Start is { } s ? Time(s) : null, e.End is { } t ? Time(t) : null))]);

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static void Range(Problems.Errors errors, string field, int? value, int min, int max, string message)
    {
        if (value is not { } v || v < min || v > max)
        {
            errors.Add(field, message);
        }
    }

    private static (TimeOnly Start, TimeOnly End)? Times(Problems.Errors errors, string field, string? start, string? end)
    {
        var okStart = TryTime(start, out var from);
        var okEnd = TryTime(end, out var to);
        if (!okStart)
        {
            errors.Add($"{field}.start", "Give the start as HH:mm (24-hour), such as 09:00.");
        }
        if (!okEnd)
        {
            errors.Add($"{field}.end", "Give the end as HH:mm (24-hour), such as 17:30.");
        }
        if (okStart && okEnd && from >= to)
        {
            errors.Add($"{field}.end", "The end must be after the start (windows do not run past midnight).");
            return null;
        }
        return okStart && okEnd ? (from, to) : null;
    }

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static void Overlaps(Problems.Errors errors, string field, IEnumerable<(int Key, TimeOnly Start, TimeOnly End)> windows)
    {
        foreach (var group in windows.GroupBy(w => w.Key))
        {
            var ordered = group.OrderBy(w => w.Start).ToList();
            if (ordered.Zip(ordered.Skip(1)).Any(pair => pair.Second.Start < pair.First.End))
            {
                errors.Add(field, $"Windows on {(DayOfWeek)group.Key} overlap; join them into one.");
            }
        }
    }
}
