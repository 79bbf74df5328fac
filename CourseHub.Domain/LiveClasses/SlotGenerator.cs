using NodaTime;

namespace CourseHub.Domain.LiveClasses;

/// <summary>A bookable time, as UTC instants.</summary>
public readonly record struct TimeSlot(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The free slots of a teacher: laid out in the teacher's zone from the weekly windows and the date exceptions, so a 09:00
/// window is 09:00 local on both sides of a daylight-saving change (and a different UTC instant), then filtered by the
/// notice period, how far ahead bookings may be made, and the sessions already held or booked (with the buffer around
/// them). Pure: the caller brings now, the busy times and the range.
/// </summary>
public static class SlotGenerator
{
    public static IReadOnlyList<TimeSlot> Generate(TeacherAvailability availability, int minutes, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset now, IReadOnlyCollection<TimeSlot> busy)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(availability.TimeZone);
        if (zone is null || minutes <= 0 || to <= from)
        {
            return [];
        }
        var buffer = TimeSpan.FromMinutes(Math.Max(0, availability.BufferMinutes));
        var earliest = Max(from, now + TimeSpan.FromHours(Math.Max(0, availability.MinNoticeHours)));
        var latest = Min(to, now + TimeSpan.FromDays(Math.Max(0, availability.MaxDaysAhead)));
        if (latest <= earliest)
        {
            return [];
        }
        var step = Period.FromMinutes(minutes + (long)buffer.TotalMinutes);
        var length = Duration.FromMinutes(minutes);
        var slots = new List<TimeSlot>();
        // One day either side: a window of the local date before or after may still fall inside the range in UTC.
        var firstDay = Instant.FromDateTimeOffset(earliest).InZone(zone).Date.PlusDays(-1);
        var lastDay = Instant.FromDateTimeOffset(latest).InZone(zone).Date.PlusDays(1);
        for (var day = firstDay; day <= lastDay; day = day.PlusDays(1))
        {
            foreach (var (windowStart, windowEnd) in WindowsOn(availability, day))
            {
                var windowEndInstant = ToInstant(zone, day + windowEnd);
                for (var local = day + windowStart; ; local = local.Plus(step))
                {
                    var start = ToInstant(zone, local);
                    var end = start + length;
                    if (end > windowEndInstant || local.Date != day)
                    {
                        break;
                    }
                    var slot = new TimeSlot(start.ToDateTimeOffset(), end.ToDateTimeOffset());
                    if (slot.Start >= earliest && slot.End <= to && slot.Start <= latest && !Collides(slot, busy, buffer)
                        && !slots.Contains(slot))
                    {
                        slots.Add(slot);
                    }
                }
            }
        }
        slots.Sort((a, b) => a.Start.CompareTo(b.Start));
        return slots;
    }

    /// <summary>Whether <paramref name="slot"/> is one the availability offers at all (ignoring what is booked).</summary>
    public static bool Offers(TeacherAvailability availability, int minutes, DateTimeOffset start, DateTimeOffset now) =>
        Generate(availability, minutes, start, start.AddMinutes(minutes), now, []).Any(s => s.Start == start);

    /// <summary>
    /// Whether [start, end) lies inside one of the teacher's windows on its local day, whatever the slot grid, notice and
    /// horizon: false for a session the teacher's availability no longer covers (changed after it was approved).
    /// </summary>
    public static bool WithinHours(TeacherAvailability availability, DateTimeOffset start, DateTimeOffset end)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(availability.TimeZone);
        if (zone is null)
        {
            return false;
        }
        var day = Instant.FromDateTimeOffset(start).InZone(zone).Date;
        return WindowsOn(availability, day).Any(w =>
            ToInstant(zone, day + w.Start).ToDateTimeOffset() <= start && end <= ToInstant(zone, day + w.End).ToDateTimeOffset());
    }

    /// <summary>Too close to a busy time: overlapping it, or inside the buffer before or after it.</summary>
    public static bool Collides(TimeSlot slot, IEnumerable<TimeSlot> busy, TimeSpan buffer) =>
        busy.Any(b => slot.Start < b.End + buffer && b.Start - buffer < slot.End);

    private static IEnumerable<(LocalTime Start, LocalTime End)> WindowsOn(TeacherAvailability availability, LocalDate day)
    {
        var date = new DateOnly(day.Year, day.Month, day.Day);
        var exceptions = availability.Exceptions.Where(e => e.Date == date).ToList();
        if (exceptions.Any(e => !e.Available))
        {
            yield break;
        }
        var weekday = (DayOfWeek)((int)day.DayOfWeek % 7);
        foreach (var window in availability.Weekly.Where(w => w.Day == weekday))
        {
            yield return (LocalTime.FromTimeOnly(window.Start), LocalTime.FromTimeOnly(window.End));
        }
        foreach (var extra in exceptions.Where(e => e is { Start: not null, End: not null }))
        {
            yield return (LocalTime.FromTimeOnly(extra.Start!.Value), LocalTime.FromTimeOnly(extra.End!.Value));
        }
    }

    /// <summary>
    /// A local time as an instant. In a spring-forward gap the time moves on by the gap (02:30 → 03:30); in an autumn
    /// overlap the earlier of the two instants is taken — NodaTime's lenient resolver.
    /// </summary>
    private static Instant ToInstant(DateTimeZone zone, LocalDateTime local) => zone.AtLeniently(local).ToInstant();

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public static bool IsKnownZone(string? zone) => zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;
}
