using CourseHub.Domain.LiveClasses;
using Ical.Net;

namespace CourseHub.Tests.LiveClasses;

/// <summary>The slot generator with fixed instants: local windows across daylight saving, notice, horizon, buffer, exceptions.</summary>
public sealed class SlotGeneratorTests
{
    // Europe leaves winter time on 28 March 2027 (the last Sunday), the United States on 14 March 2027.
    private static readonly DateTimeOffset Now = new(2027, 3, 15, 0, 0, 0, TimeSpan.Zero);

    private static TeacherAvailability Berlin(int buffer = 0, int notice = 0, int daysAhead = 60, params AvailabilityException[] exceptions) => new()
    {
        TimeZone = "Europe/Berlin",
        SessionMinutes = [30, 60],
        BufferMinutes = buffer,
        MinNoticeHours = notice,
        MaxDaysAhead = daysAhead,
        Weekly = [new WeeklyWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(11, 0))],
        Exceptions = [.. exceptions],
    };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_nine_oclock_window_stays_nine_oclock_local_across_the_change_to_summer_time()
    {
        var slots = SlotGenerator.Generate(Berlin(), 60, Utc(3, 22, 0), Utc(3, 30, 0), Now, []);

        // Monday 22 March: 09:00 CET is 08:00 UTC; Monday 29 March: 09:00 CEST is 07:00 UTC.
        Assert.Equal([
            new TimeSlot(Utc(3, 22, 8), Utc(3, 22, 9)), new TimeSlot(Utc(3, 22, 9), Utc(3, 22, 10)),
            new TimeSlot(Utc(3, 29, 7), Utc(3, 29, 8)), new TimeSlot(Utc(3, 29, 8), Utc(3, 29, 9)),
        ], slots);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.All(slots.Where((_, i) => i % 2 == 0), slot => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(slot.Start, berlin).DateTime)));
    }

    [Fact]
    public void A_student_in_another_zone_sees_the_same_instants_at_their_own_local_times()
    {
        var slots = SlotGenerator.Generate(Berlin(), 60, Utc(3, 22, 0), Utc(3, 30, 0), Now, []);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = slots.Select(slot => TimeZoneInfo.ConvertTime(slot.Start, newYork)).ToList();

        // New York is already on summer time (UTC-4) on both Mondays; Berlin moves from UTC+1 to UTC+2 in between, so the
        // same 09:00 in Berlin is 04:00 and then 03:00 in New York.
        Assert.Equal(new DateTime(2027, 3, 22, 4, 0, 0), local[0].DateTime);
        Assert.Equal(TimeSpan.FromHours(-4), local[0].Offset);
        Assert.Equal(new DateTime(2027, 3, 29, 3, 0, 0), local[2].DateTime);
    }

    [Fact]
    public void Thirty_minute_sessions_with_a_buffer_step_by_session_plus_buffer()
    {
        var slots = SlotGenerator.Generate(Berlin(buffer: 15), 30, Utc(3, 22, 0), Utc(3, 23, 0), Now, []);
        Assert.Equal([Utc(3, 22, 8), Utc(3, 22, 8, 45), Utc(3, 22, 9, 30)], slots.Select(s => s.Start));
    }

    [Fact]
    public void Busy_times_block_their_slot_and_the_buffer_around_it()
    {
        var busy = new[] { new TimeSlot(Utc(3, 22, 8), Utc(3, 22, 9)) };
        Assert.Equal([Utc(3, 22, 9)], SlotGenerator.Generate(Berlin(), 60, Utc(3, 22, 0), Utc(3, 23, 0), Now, busy).Select(s => s.Start));
        // With a buffer of 15 minutes the window steps by 75 minutes: 09:00 (busy) and 10:15, which would end past 11:00.
        Assert.Empty(SlotGenerator.Generate(Berlin(buffer: 15), 60, Utc(3, 22, 0), Utc(3, 23, 0), Now, busy));
    }

    [Fact]
    public void Notice_and_horizon_cut_the_range()
    {
        // Now is Monday 22 March 08:30 UTC with two hours' notice: nothing that day; 29 March is within 8 days but 5 April is not.
        var now = Utc(3, 22, 8, 30);
        var slots = SlotGenerator.Generate(Berlin(notice: 2, daysAhead: 8), 60, Utc(3, 22, 0), Utc(4, 10, 0), now, []);
        Assert.Equal([Utc(3, 29, 7), Utc(3, 29, 8)], slots.Select(s => s.Start));
    }

    [Fact]
    public void A_day_off_removes_the_weekly_windows_and_an_extra_window_adds_slots()
    {
        var slots = SlotGenerator.Generate(Berlin(0, 0, 60,
                new AvailabilityException(new DateOnly(2027, 3, 22), false, null, null),
                new AvailabilityException(new DateOnly(2027, 3, 24), true, new TimeOnly(18, 0), new TimeOnly(19, 0))),
            60, Utc(3, 22, 0), Utc(3, 25, 0), Now, []);
        Assert.Equal([new TimeSlot(Utc(3, 24, 17), Utc(3, 24, 18))], slots);
        Assert.True(SlotGenerator.Offers(Berlin(), 60, Utc(3, 22, 8), Now));
        Assert.False(SlotGenerator.Offers(Berlin(), 60, Utc(3, 22, 8, 30), Now));
    }

    [Fact]
    public void An_invitation_names_organizer_attendees_and_utc_times_and_a_cancel_keeps_the_uid()
    {
        var session = new LiveClassEvent("uid-1@coursehub", 0, Utc(3, 22, 8), Utc(3, 22, 9), "Ada Teacher", "ada@example.test", "Sam Student",
            "sam@example.test", "https://meet.example/CourseHub-abc", Cancelled: false);
        var invite = Calendar.Load(LiveClassCalendar.Invitation(session, Now))!;
        Assert.Equal("REQUEST", invite.Method);
        var item = Assert.Single(invite.Events);
        Assert.Equal("uid-1@coursehub", item.Uid);
        Assert.True(item.DtStart!.IsUtc);
        Assert.Equal(Utc(3, 22, 8).UtcDateTime, item.DtStart.Value);
        Assert.Equal("mailto:ada@example.test", item.Organizer!.Value!.ToString());
        Assert.Equal(["mailto:ada@example.test", "mailto:sam@example.test"], item.Attendees.Select(a => a.Value!.ToString()));

        var cancel = Calendar.Load(LiveClassCalendar.Invitation(session with { Sequence = 2, Cancelled = true }, Now))!;
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal("uid-1@coursehub", Assert.Single(cancel.Events).Uid);
        Assert.Equal(2, cancel.Events.Single().Sequence);
    }
}
