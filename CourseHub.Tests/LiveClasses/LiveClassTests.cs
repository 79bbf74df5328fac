using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CourseHub.Domain.LiveClasses;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.LiveClasses;

/// <summary>Live classes on the running system: availability, slots, holds under concurrency, approval emails with .ics, the feed.</summary>
[Collection(SystemCollection.Name)]
public sealed class LiveClassTests(SystemFixture system)
{
    private sealed record Class(StudioUser Teacher, Guid TeacherId, Guid CourseId) : IDisposable
    {
        public void Dispose() => Teacher.Dispose();
    }

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>Every day 06:00–22:00 in <paramref name="zone"/>, 30 and 60 minutes, no notice to speak of.</summary>
    private static object Availability(string zone = "Europe/Lisbon", int buffer = 0, int maxDaysAhead = 60, object[]? weekly = null) => new
    {
        timeZone = zone,
        sessionMinutes = new[] { 30, 60 },
        bufferMinutes = buffer,
        minNoticeHours = 1,
        maxDaysAhead,
        weekly = weekly ?? Days.Select(day => (object)new { day, start = "06:00", end = "22:00" }).ToArray(),
        exceptions = Array.Empty<object>(),
    };

    /// <summary>A teacher with a free published course and the availability given.</summary>
    private async Task<Class> TeacherAsync(string title, object? availability = null)
    {
        var course = await system.PublishedCourseAsync(title, priceMinor: 0);
        await course.Teacher.OkJsonAsync(HttpMethod.Put, "/api/teach/availability", availability ?? Availability());
        return new Class(course.Teacher, course.Teacher.Id, course.Id);
    }

    private async Task<StudioUser> StudentOfAsync(params Class[] classes)
    {
        var student = await system.SignUpAsync("Student", "livestudent");
        foreach (var c in classes)
        {
            await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{c.CourseId}/enroll");
        }
        return student;
    }

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));

    private static async Task<List<(DateTimeOffset Start, DateTimeOffset End)>> SlotsAsync(StudioUser viewer, Guid teacherId, DateTimeOffset from,
        DateTimeOffset to, int minutes = 60)
    {
        var slots = await viewer.OkJsonAsync(HttpMethod.Get, $"/api/teachers/{teacherId}/slots?from={Iso(from)}&to={Iso(to)}&minutes={minutes}");
        return [.. slots.EnumerateArray().Select(s => (s.GetProperty("start").GetDateTimeOffset(), s.GetProperty("end").GetDateTimeOffset()))];
    }

    /// <summary>A slot two to four days from now (whole hours in the teacher's zone, so every test's slots are in the future).</summary>
    private static async Task<DateTimeOffset> SomeSlotAsync(StudioUser viewer, Guid teacherId, int index = 0) =>
        (await SlotsAsync(viewer, teacherId, DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(4)))[index].Start;

    private static object Booking(Guid teacherId, DateTimeOffset start, int minutes = 60, string? note = "Looking forward to it") =>
        new { teacherId, start, minutes, note };

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await IdentityClient.ProblemAsync(response)).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task Availability_is_validated_field_by_field_and_read_back_as_saved()
    {
        using var teacher = await system.SignUpAsync("Teacher", "liveavail", onboardPayouts: false);
        var bad = await teacher.SendAsync(HttpMethod.Put, "/api/teach/availability", new
        {
            timeZone = "Mars/Olympus_Mons",
            sessionMinutes = Array.Empty<int>(),
            bufferMinutes = -5,
            minNoticeHours = 2,
            maxDaysAhead = 30,
            weekly = new object[] { new { day = "Funday", start = "9:00", end = "12:00" }, new { day = "Monday", start = "12:00", end = "09:00" } },
            exceptions = new object[] { new { date = "2027-02-30", available = false } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await IdentityClient.ProblemAsync(bad)).GetProperty("errors");
        Assert.Equal(["bufferMinutes", "exceptions[0].date", "sessionMinutes", "timeZone", "weekly[0].day", "weekly[0].start", "weekly[1].end"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("IANA", errors.GetProperty("timeZone")[0].GetString());

        var saved = await teacher.OkJsonAsync(HttpMethod.Put, "/api/teach/availability", new
        {
            timeZone = "America/New_York",
            sessionMinutes = new[] { 60, 30 },
            bufferMinutes = 10,
            minNoticeHours = 12,
            maxDaysAhead = 45,
            weekly = new object[] { new { day = "Tuesday", start = "13:00", end = "17:00" }, new { day = "Monday", start = "09:00", end = "12:00" } },
            exceptions = new object[] { new { date = "2027-01-04", available = false }, new { date = "2027-01-09", start = "10:00", end = "11:30" } },
        });
        var read = await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/availability");
        Assert.Equal(saved.ToString(), read.ToString());
        Assert.Equal("America/New_York", read.GetProperty("timeZone").GetString());
        Assert.Equal([30, 60], read.GetProperty("sessionMinutes").EnumerateArray().Select(m => m.GetInt32()));
        Assert.Equal("Monday", read.GetProperty("weekly")[0].GetProperty("day").GetString());
        Assert.Equal("09:00", read.GetProperty("weekly")[0].GetProperty("start").GetString());
        Assert.False(read.GetProperty("exceptions")[0].GetProperty("available").GetBoolean());
        Assert.Equal("11:30", read.GetProperty("exceptions")[1].GetProperty("end").GetString());

        // Students do not set availability.
        using var student = await system.SignUpAsync("Student", "liveavailstudent");
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/teach/availability")).StatusCode);
    }

    [Fact]
    public async Task Slots_stay_at_local_time_across_daylight_saving_and_a_student_elsewhere_gets_utc_instants()
    {
        // New York leaves winter time on Sunday 14 March 2027: 09:00 there is 14:00 UTC on the Monday before, 13:00 after.
        using var c = await TeacherAsync("Live DST course", Availability("America/New_York", maxDaysAhead: 365,
            weekly: [new { day = "Monday", start = "09:00", end = "10:00" }]));
        using var student = await StudentOfAsync(c);
        var slots = await SlotsAsync(student, c.TeacherId, new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 16, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal([
            (new DateTimeOffset(2027, 3, 8, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 8, 15, 0, 0, TimeSpan.Zero)),
            (new DateTimeOffset(2027, 3, 15, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 15, 14, 0, 0, TimeSpan.Zero)),
        ], slots);
        Assert.All(slots, s => Assert.Equal(TimeSpan.Zero, s.Start.Offset));
        // A student in Tokyo (no daylight saving) sees the same lesson an hour earlier on the second Monday: 23:00, then 22:00.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Assert.Equal([23, 22], slots.Select(s => TimeZoneInfo.ConvertTime(s.Start, tokyo).Hour));

        // 30 minutes is offered too; 45 is not, and a range the wrong way round is refused by field.
        Assert.Equal(2, (await SlotsAsync(student, c.TeacherId, new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 9, 0, 0, 0, TimeSpan.Zero), 30)).Count);
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await student.SendAsync(HttpMethod.Get, $"/api/teachers/{c.TeacherId}/slots?minutes=45"), "minutes"));
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await student.SendAsync(HttpMethod.Get,
            $"/api/teachers/{c.TeacherId}/slots?from={Iso(DateTimeOffset.UtcNow.AddDays(3))}&to={Iso(DateTimeOffset.UtcNow.AddDays(2))}"), "to"));
    }

    [Fact]
    public async Task A_student_not_enrolled_with_the_teacher_is_refused_slots_and_bookings()
    {
        using var c = await TeacherAsync("Live closed course");
        using var enrolled = await StudentOfAsync(c);
        using var stranger = await system.SignUpAsync("Student", "livestranger");
        var start = await SomeSlotAsync(enrolled, c.TeacherId);

        var slots = await stranger.SendAsync(HttpMethod.Get, $"/api/teachers/{c.TeacherId}/slots");
        Assert.Equal(HttpStatusCode.Forbidden, slots.StatusCode);
        Assert.Equal("not-enrolled", await CodeAsync(slots));
        var booking = await stranger.SendAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start));
        Assert.Equal(HttpStatusCode.Forbidden, booking.StatusCode);
        Assert.Equal("not-enrolled", await CodeAsync(booking));

        // The enrolled student's own mistakes are 400s naming the field.
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await enrolled.SendAsync(HttpMethod.Post, "/api/bookings", new { teacherId = c.TeacherId, minutes = 60 }), "start"));
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await enrolled.SendAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start, minutes: 45)), "minutes"));
        var offSlot = await enrolled.SendAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start.AddMinutes(7)));
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(offSlot, "start"));
        Assert.Equal(0, (await enrolled.OkJsonAsync(HttpMethod.Get, "/api/me/bookings")).GetArrayLength());
    }

    [Fact]
    public async Task Twenty_students_asking_for_one_slot_at_once_end_with_one_hold_and_nineteen_conflicts()
    {
        using var c = await TeacherAsync("Live popular course");
        var students = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StudentOfAsync(c)));
        try
        {
            var start = await SomeSlotAsync(students[0], c.TeacherId);
            using var gate = new SemaphoreSlim(0);
            var requests = students.Select(async s =>
            {
                await gate.WaitAsync();
                return await s.SendAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start));
            }).ToList();
            gate.Release(students.Length);
            var answers = await Task.WhenAll(requests);

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
            Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
            {
                Assert.Equal("slot-taken", await CodeAsync(conflict));
            }
            var winner = students[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.Created)];
            var held = await answers.Single(a => a.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("pending", held.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, held.GetProperty("meetingUrl").ValueKind);

            // The held slot is offered to nobody; once the teacher rejects, it is free again.
            Assert.DoesNotContain(start, (await SlotsAsync(students[1], c.TeacherId, start.AddHours(-1), start.AddHours(2))).Select(s => s.Start));
            var id = held.GetProperty("id").GetGuid();
            Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await c.Teacher.SendAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/reject", new { }), "reason"));
            // Students do not answer requests (the teaching routes are for teachers).
            Assert.Equal(HttpStatusCode.Forbidden, (await winner.SendAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/approve")).StatusCode);
            var rejected = await c.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/reject", new { reason = "I am away that week." });
            Assert.Equal("rejected", rejected.GetProperty("status").GetString());
            Assert.Contains(start, (await SlotsAsync(students[1], c.TeacherId, start.AddHours(-1), start.AddHours(2))).Select(s => s.Start));
            await students[1].OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start), HttpStatusCode.Created);
        }
        finally
        {
            foreach (var s in students)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task One_student_cannot_hold_overlapping_sessions_with_two_teachers()
    {
        using var first = await TeacherAsync("Live first teacher course");
        using var second = await TeacherAsync("Live second teacher course");
        using var student = await StudentOfAsync(first, second);
        // A slot with another right after it (both teachers keep the same hours), so the test's last booking, an hour after
        // the start, is inside the day's window whatever the time of day the test runs.
        var slots = await SlotsAsync(student, first.TeacherId, DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(4));
        var start = slots.Skip(3).First(slot => slots.Any(next => next.Start == slot.Start.AddHours(1))).Start;
        await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(first.TeacherId, start), HttpStatusCode.Created);

        // Half an hour into the first session, with the other teacher (whose own calendar is free then).
        var overlapping = await student.SendAsync(HttpMethod.Post, "/api/bookings", Booking(second.TeacherId, start.AddMinutes(30), minutes: 30));
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("student-busy", await CodeAsync(overlapping));
        // The student's own slots view leaves that time out; right after the first session is fine.
        Assert.DoesNotContain(start.AddMinutes(30), (await SlotsAsync(student, second.TeacherId, start, start.AddHours(3), 30)).Select(s => s.Start));
        await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(second.TeacherId, start.AddMinutes(60), minutes: 30), HttpStatusCode.Created);
        Assert.Equal(2, (await student.OkJsonAsync(HttpMethod.Get, "/api/me/bookings")).GetArrayLength());
    }

    private static async Task<Calendar> InvitationAsync(MailDevClient mail, MailDevClient.Mail message)
    {
        var attachment = Assert.Single(message.Attachments ?? []);
        Assert.StartsWith("text/calendar", attachment.ContentType);
        return Calendar.Load(Encoding.UTF8.GetString(await mail.AttachmentAsync(message, attachment)))!;
    }

    private static async Task<MailDevClient.Mail> MailAsync(MailDevClient mail, string to, string subjectStart, int count = 1)
    {
        IReadOnlyList<MailDevClient.Mail> found = [];
        await Eventually.TrueAsync(async () =>
        {
            found = [.. (await mail.ToAsync(to)).Where(m => m.Subject.StartsWith(subjectStart, StringComparison.Ordinal))];
            return found.Count >= count;
        }, TimeSpan.FromSeconds(60), $"'{subjectStart}' mail to {to}");
        Assert.Equal(count, found.Count);
        return found[^1];
    }

    [Fact]
    public async Task Approval_reschedule_and_cancel_send_invitations_with_one_uid_and_a_rising_sequence()
    {
        using var c = await TeacherAsync("Live invitation course");
        using var student = await StudentOfAsync(c);
        var start = await SomeSlotAsync(student, c.TeacherId, index: 1);
        var booked = await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start, note: "Chapter 3, please"), HttpStatusCode.Created);
        var id = booked.GetProperty("id").GetGuid();

        var approved = await c.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/approve");
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var meetingUrl = approved.GetProperty("meetingUrl").GetString()!;
        Assert.Matches("^https://meet\\.jit\\.si/CourseHub-[0-9a-f]{30}$", meetingUrl);
        Assert.Equal(HttpStatusCode.Conflict, (await c.Teacher.SendAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/approve")).StatusCode);
        var mine = (await student.OkJsonAsync(HttpMethod.Get, "/api/me/bookings")).EnumerateArray().Single();
        Assert.Equal(meetingUrl, mine.GetProperty("meetingUrl").GetString());
        Assert.Equal(student.Id, mine.GetProperty("studentId").GetGuid());

        var mail = system.Mail;
        string? uid = null;
        foreach (var who in new[] { student.Email, c.Teacher.Email })
        {
            var message = await MailAsync(mail, who, "Live class confirmed");
            Assert.Contains(message.Cc ?? [], cc => cc.Email == SystemFixture.AdminEmail);
            Assert.Contains(meetingUrl, message.Text);
            var invitation = await InvitationAsync(mail, message);
            Assert.Equal("REQUEST", invitation.Method);
            var item = Assert.Single(invitation.Events);
            uid ??= item.Uid;
            Assert.Equal(uid, item.Uid);
            Assert.Equal(0, item.Sequence);
            Assert.True(item.DtStart!.IsUtc);
            Assert.Equal(start.UtcDateTime, item.DtStart.Value);
            Assert.Equal(start.AddHours(1).UtcDateTime, item.DtEnd!.Value);
            Assert.Equal($"mailto:{c.Teacher.Email}", item.Organizer!.Value!.ToString(), ignoreCase: true);
            Assert.Equal(new[] { $"mailto:{c.Teacher.Email}", $"mailto:{student.Email}" },
                item.Attendees.Select(a => a.Value!.ToString().ToLowerInvariant()));
        }

        // The teacher moves it: it stays approved, and both get an update of the same event.
        var later = await SomeSlotAsync(student, c.TeacherId, index: 4);
        var moved = await c.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/bookings/{id}/reschedule", new { start = later });
        Assert.Equal("approved", moved.GetProperty("status").GetString());
        Assert.Equal(later, moved.GetProperty("start").GetDateTimeOffset());
        var update = Assert.Single((await InvitationAsync(mail, await MailAsync(mail, student.Email, "Live class moved"))).Events);
        Assert.Equal(uid, update.Uid);
        Assert.Equal(1, update.Sequence);
        Assert.Equal(later.UtcDateTime, update.DtStart!.Value);
        // The old time is offered again.
        Assert.Contains(start, (await SlotsAsync(student, c.TeacherId, start.AddHours(-1), start.AddHours(2))).Select(s => s.Start));

        // The student cancels: METHOD:CANCEL for the same UID, a higher SEQUENCE.
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await student.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "" }), "reason"));
        var cancelled = await student.OkJsonAsync(HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "Something came up." });
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        foreach (var who in new[] { student.Email, c.Teacher.Email })
        {
            var cancel = await InvitationAsync(mail, await MailAsync(mail, who, "Live class cancelled"));
            Assert.Equal("CANCEL", cancel.Method);
            var item = Assert.Single(cancel.Events);
            Assert.Equal(uid, item.Uid);
            Assert.Equal(2, item.Sequence);
        }
        var again = await student.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/cancel", new { reason = "Twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("wrong-status", await CodeAsync(again));

        // Admins see it among the cancelled ones.
        using var admin = await system.AdminAsync();
        var list = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/bookings?status=cancelled&from={Iso(later.AddMinutes(-1))}&to={Iso(later.AddHours(2))}");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await admin.SendAsync(HttpMethod.Get, "/api/admin/bookings?status=lost"), "status"));
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/admin/bookings")).StatusCode);
    }

    [Fact]
    public async Task The_private_calendar_feed_lists_confirmed_sessions_and_a_regenerated_address_replaces_the_old_one()
    {
        using var c = await TeacherAsync("Live feed course");
        using var student = await StudentOfAsync(c);
        var start = await SomeSlotAsync(student, c.TeacherId, index: 2);
        var id = (await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var url = (await student.OkJsonAsync(HttpMethod.Get, "/api/me/calendar-feed")).GetProperty("url").GetString()!;
        Assert.Equal(url, (await student.OkJsonAsync(HttpMethod.Get, "/api/me/calendar-feed")).GetProperty("url").GetString());
        using var anonymous = new HttpClient();
        async Task<List<CalendarEvent>> EventsAsync(string address)
        {
            var response = await anonymous.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            return [.. Calendar.Load(await response.Content.ReadAsStringAsync())!.Events];
        }
        Assert.Empty(await EventsAsync(url)); // Pending requests are not in calendars yet.
        await c.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/approve");
        var listed = Assert.Single(await EventsAsync(url));
        Assert.Equal($"{id}@coursehub", listed.Uid);
        Assert.Equal(start.UtcDateTime, listed.DtStart!.Value);
        // The teacher's own feed lists it too.
        var teacherUrl = (await c.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/calendar-feed")).GetProperty("url").GetString()!;
        Assert.NotEqual(url, teacherUrl);
        Assert.Equal(listed.Uid, Assert.Single(await EventsAsync(teacherUrl)).Uid);

        var renewed = (await student.OkJsonAsync(HttpMethod.Post, "/api/me/calendar-feed")).GetProperty("url").GetString()!;
        Assert.NotEqual(url, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Single(await EventsAsync(renewed));
        Assert.Equal(renewed, (await student.OkJsonAsync(HttpMethod.Get, "/api/me/calendar-feed")).GetProperty("url").GetString());
    }

    [Fact]
    public async Task Group_sessions_and_one_to_one_classes_never_overlap_for_a_teacher_or_a_student_and_the_database_holds_it()
    {
        using var c = await TeacherAsync("Live calendar course");
        using var other = await TeacherAsync("Live calendar other course");
        var students = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StudentOfAsync(c, other)));
        try
        {
            // A race at one slot: the teacher schedules a group session while six students request it. Only one wins.
            var start = await SomeSlotAsync(students[0], c.TeacherId, index: 3);
            using var gate = new SemaphoreSlim(0);
            var group = Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await c.Teacher.SendAsync(HttpMethod.Post, "/api/teach/sessions", new { courseId = c.CourseId, title = "Race", start, minutes = 60, capacity = 5 });
            });
            var bookings = students.Select(student => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await student.SendAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, start));
            })).ToList();
            gate.Release(students.Length + 1);
            var answers = await Task.WhenAll([group, .. bookings]);
            Assert.Equal(1, answers.Count(a => a.IsSuccessStatusCode));
            Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            await using (var db = system.CreateDbContext())
            {
                var teacherId = c.TeacherId;
                var live = await db.LiveBookings.CountAsync(b => b.TeacherId == teacherId && b.StartsAt == start && b.Status == "pending");
                var groups = await db.GroupSessions.CountAsync(g => g.TeacherId == teacherId && g.StartsAt == start);
                Assert.Equal(1, live + groups);
            }

            // Written past the Api, straight into the table, an overlapping group session is refused by the database itself.
            var later = await SomeSlotAsync(students[0], c.TeacherId, index: 8);
            await students[0].OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, later), HttpStatusCode.Created);
            await using (var db = system.CreateDbContext())
            {
                var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlAsync($"""
                    INSERT INTO group_sessions (id, teacher_id, course_id, title, starts_at, ends_at, capacity, registered_count, meeting_room, created_at)
                    VALUES ({Guid.NewGuid()}, {c.TeacherId}, {c.CourseId}, 'Past the Api', {later.AddMinutes(30)}, {later.AddMinutes(90)}, 5, 0, 'room', now())
                    """));
                Assert.Equal(Npgsql.PostgresErrorCodes.ExclusionViolation, refused.SqlState);
                Assert.Equal(LiveCalendarSql.TeacherOverlap, refused.ConstraintName);
            }
            Assert.Equal("teacher-busy", await CodeAsync(await c.Teacher.SendAsync(HttpMethod.Post, "/api/teach/sessions",
                new { courseId = c.CourseId, title = "Clash", start = later.AddMinutes(30), minutes = 60, capacity = 5 })));

            // The student's side: a place in a group session keeps their one-to-one class with another teacher off that
            // time, and a held class keeps them out of an overlapping group session.
            var groupStart = await SomeSlotAsync(students[1], c.TeacherId, index: 12);
            var session = (await c.Teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/sessions",
                new { courseId = c.CourseId, title = "Office hours", start = groupStart, minutes = 60, capacity = 5 }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await students[1].OkJsonAsync(HttpMethod.Post, $"/api/sessions/{session}/register");
            Assert.Equal("student-busy", await CodeAsync(await students[1].SendAsync(HttpMethod.Post, "/api/bookings", Booking(other.TeacherId, groupStart))));
            await students[2].OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(other.TeacherId, groupStart), HttpStatusCode.Created);
            var busy = await students[2].SendAsync(HttpMethod.Post, $"/api/sessions/{session}/register");
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Equal("student-busy", await CodeAsync(busy));
            Assert.Equal(1, (await c.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/sessions/{session}")).GetProperty("registeredCount").GetInt32());
        }
        finally
        {
            foreach (var student in students)
            {
                student.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_group_session_fills_to_its_capacity_under_concurrent_registrations_and_a_place_given_back_is_taken_again()
    {
        using var c = await TeacherAsync("Live group course");
        var students = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StudentOfAsync(c)));
        using var stranger = await system.SignUpAsync("Student", "livegroupstranger");
        try
        {
            var start = await SomeSlotAsync(students[0], c.TeacherId, index: 5);
            Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await c.Teacher.SendAsync(HttpMethod.Post, "/api/teach/sessions",
                new { courseId = c.CourseId, title = "Office hours", start, minutes = 60, capacity = 0 }), "capacity"));
            var session = await c.Teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/sessions",
                new { courseId = c.CourseId, title = "Office hours", start, minutes = 60, capacity = 3 }, HttpStatusCode.Created);
            var id = session.GetProperty("id").GetGuid();
            Assert.StartsWith("https://meet.jit.si/CourseHub-", session.GetProperty("meetingUrl").GetString());
            // The session takes the teacher's time: that slot is no longer offered for one-to-one classes.
            Assert.DoesNotContain(start, (await SlotsAsync(students[0], c.TeacherId, start.AddHours(-1), start.AddHours(2))).Select(s => s.Start));

            using var gate = new SemaphoreSlim(0);
            var requests = students.Select(async s =>
            {
                await gate.WaitAsync();
                return await s.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/register");
            }).ToList();
            gate.Release(students.Length);
            var answers = await Task.WhenAll(requests);
            Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            foreach (var full in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
            {
                Assert.Equal("session-full", await CodeAsync(full));
            }
            Assert.Equal(3, (await c.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/sessions/{id}")).GetProperty("registeredCount").GetInt32());

            var stranded = await stranger.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/register");
            Assert.Equal(HttpStatusCode.Forbidden, stranded.StatusCode);
            Assert.Equal("not-enrolled", await CodeAsync(stranded));

            // One registered student leaves; one of those turned away gets the place; registering twice changes nothing.
            var inIndex = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK);
            var outIndex = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.Conflict);
            var again = await students[inIndex].OkJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/register");
            Assert.Equal(3, again.GetProperty("registeredCount").GetInt32());
            Assert.True(again.GetProperty("registered").GetBoolean());
            Assert.Equal(HttpStatusCode.NoContent, (await students[inIndex].SendAsync(HttpMethod.Post, $"/api/sessions/{id}/leave")).StatusCode);
            var late = await students[outIndex].OkJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/register");
            Assert.True(late.GetProperty("registered").GetBoolean());
            Assert.Equal(3, late.GetProperty("registeredCount").GetInt32());
            var left = await students[inIndex].OkJsonAsync(HttpMethod.Get, $"/api/sessions/{id}");
            Assert.False(left.GetProperty("registered").GetBoolean());
            Assert.Equal(JsonValueKind.Null, left.GetProperty("meetingUrl").ValueKind);

            // Each place comes with an invitation for the student's calendar, and giving it back with its cancellation: one
            // UID, a rising SEQUENCE, the teacher as organizer and the student as the only attendee.
            var booked = await InvitationAsync(system.Mail, await MailAsync(system.Mail, students[inIndex].Email, "Group session booked"));
            var givenBack = await InvitationAsync(system.Mail, await MailAsync(system.Mail, students[inIndex].Email, "Group session place given back"));
            Assert.Equal(("REQUEST", "CANCEL"), (booked.Method, givenBack.Method));
            var (invited, cancelled) = (Assert.Single(booked.Events), Assert.Single(givenBack.Events));
            Assert.Equal($"group-session-{id:N}@coursehub", invited.Uid);
            Assert.Equal(invited.Uid, cancelled.Uid);
            Assert.True(cancelled.Sequence >= invited.Sequence);
            Assert.True(invited.DtStart!.IsUtc);
            Assert.Equal(start.UtcDateTime, invited.DtStart.Value);
            Assert.Equal($"mailto:{c.Teacher.Email}", invited.Organizer!.Value!.ToString(), ignoreCase: true);
            Assert.Equal(new[] { $"mailto:{c.Teacher.Email}", $"mailto:{students[inIndex].Email}" },
                invited.Attendees.Select(a => a.Value!.ToString().ToLowerInvariant()));
            Assert.Equal("CANCELLED", cancelled.Status);
            var lateInvitation = await InvitationAsync(system.Mail, await MailAsync(system.Mail, students[outIndex].Email, "Group session booked"));
            Assert.Equal(invited.Uid, Assert.Single(lateInvitation.Events).Uid);

            // The calendar feeds of the teacher and the registered students carry it (naming no other student); not the one who left.
            using var anonymous = new HttpClient();
            async Task<List<CalendarEvent>> FeedOfAsync(StudioUser user) =>
                [.. Calendar.Load(await anonymous.GetStringAsync((await user.OkJsonAsync(HttpMethod.Get, "/api/me/calendar-feed")).GetProperty("url").GetString()))!.Events];
            foreach (var user in new[] { c.Teacher, students[outIndex] })
            {
                var listed = Assert.Single(await FeedOfAsync(user), e => e.Uid == $"group-session-{id:N}@coursehub");
                Assert.Equal("Group session: Office hours", listed.Summary);
                Assert.Equal(start.UtcDateTime, listed.DtStart!.Value);
                Assert.Single(listed.Attendees);
            }
            Assert.DoesNotContain(await FeedOfAsync(students[inIndex]), e => e.Uid == $"group-session-{id:N}@coursehub");
        }
        finally
        {
            foreach (var s in students)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task An_unanswered_request_past_its_hold_stops_blocking_at_once_and_the_worker_marks_it_expired()
    {
        using var c = await TeacherAsync("Live expiring course");
        using var first = await StudentOfAsync(c);
        using var second = await StudentOfAsync(c);
        var slot = await SomeSlotAsync(first, c.TeacherId, index: 6);
        var other = await SomeSlotAsync(first, c.TeacherId, index: 9);
        var taken = (await first.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, slot), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var idle = (await first.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, other), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await second.SendAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, slot))).StatusCode);

        // Both holds run out (moved into the past rather than waiting a day).
        await using (var db = system.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE live_bookings SET hold_expires_at = now() - interval '1 second' WHERE id IN ({taken}, {idle})");
        }
        Assert.All((await first.OkJsonAsync(HttpMethod.Get, "/api/me/bookings")).EnumerateArray(), b => Assert.Equal("expired", b.GetProperty("status").GetString()));
        var late = await c.Teacher.SendAsync(HttpMethod.Post, $"/api/teach/bookings/{idle}/approve");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("hold-expired", await CodeAsync(late));
        // Another student gets the first slot straight away: the write expires the stale hold in its own transaction.
        Assert.Contains(slot, (await SlotsAsync(second, c.TeacherId, slot.AddHours(-1), slot.AddHours(2))).Select(s => s.Start));
        await second.OkJsonAsync(HttpMethod.Post, "/api/bookings", Booking(c.TeacherId, slot), HttpStatusCode.Created);

        // The other, which nothing was written over, is marked by the Worker's sweep (every minute).
        await Eventually.TrueAsync(async () =>
        {
            await using var db = system.CreateDbContext();
            return await db.LiveBookings.CountAsync(b => (b.Id == taken || b.Id == idle) && b.Status == "expired") == 2;
        }, TimeSpan.FromSeconds(90), "both expired holds stored as expired");
    }
}
