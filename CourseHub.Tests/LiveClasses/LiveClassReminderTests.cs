using System.Globalization;
using System.Net;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.LiveClasses;

/// <summary>
/// Reminders through Quartz on the two Worker replicas: the shared system adds a one-minute lead time
/// (<see cref="SystemFixture.LiveClassReminderLeads"/>), so a session a few minutes ahead gets its reminder within the test.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LiveClassReminderTests(SystemFixture system)
{
    /// <summary>A teacher (UTC) whose only window is an extra one starting at <paramref name="start"/>, with an enrolled student.</summary>
    private async Task<(StudioUser Teacher, StudioUser Student)> PairAsync(string title, DateTimeOffset start)
    {
        var course = await system.PublishedCourseAsync(title, priceMinor: 0);
        await course.Teacher.OkJsonAsync(HttpMethod.Put, "/api/teach/availability", new
        {
            timeZone = "Etc/UTC",
            sessionMinutes = new[] { 15 },
            bufferMinutes = 0,
            minNoticeHours = 0,
            maxDaysAhead = 2,
            weekly = Array.Empty<object>(),
            exceptions = new[]
            {
                new
                {
                    date = start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    start = start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
                    end = start.AddMinutes(15).UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
                },
            },
        });
        var student = await system.SignUpAsync("Student", "livereminder");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        return (course.Teacher, student);
    }

    private async Task<bool> ReminderJobExistsAsync(Guid bookingId)
    {
        await using var db = system.CreateDbContext();
        return await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM qrtz_job_details WHERE job_name = {"booking-" + bookingId}")
            .SingleAsync() > 0;
    }

    [Fact]
    public async Task A_confirmed_session_is_reminded_once_across_two_workers_and_a_cancelled_one_not_at_all()
    {
        // Three to four minutes ahead at a whole minute (the window is HH:mm), clear of midnight so the window is one day's.
        var start = DateTimeOffset.UtcNow.AddMinutes(4);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero);
        if (start.UtcDateTime.TimeOfDay > new TimeSpan(23, 44, 0))
        {
            start = new DateTimeOffset(start.UtcDateTime.Date.AddDays(1).AddMinutes(1), TimeSpan.Zero);
        }
        var (keptTeacher, keptStudent) = await PairAsync("Live reminded course", start);
        var (droppedTeacher, droppedStudent) = await PairAsync("Live cancelled reminder course", start);
        using (keptTeacher) using (keptStudent) using (droppedTeacher) using (droppedStudent)
        {
            using var admin = await system.AdminAsync();
            var ids = new List<Guid>();
            foreach (var (teacher, student) in new[] { (keptTeacher, keptStudent), (droppedTeacher, droppedStudent) })
            {
                var booked = await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", new { teacherId = teacher.Id, start, minutes = 15, note = (string?)null },
                    HttpStatusCode.Created);
                var id = booked.GetProperty("id").GetGuid();
                await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/approve");
                ids.Add(id);
            }
            await Eventually.TrueAsync(async () => await ReminderJobExistsAsync(ids[0]) && await ReminderJobExistsAsync(ids[1]), TimeSpan.FromSeconds(60),
                "both sessions' reminders scheduled");
            // An admin cancels the second (inside the change notice, which binds only students and teachers): its reminders go.
            await admin.OkJsonAsync(HttpMethod.Post, $"/api/bookings/{ids[1]}/cancel", new { reason = "Teacher is ill." });
            await Eventually.TrueAsync(async () => !await ReminderJobExistsAsync(ids[1]), TimeSpan.FromSeconds(60), "the cancelled session's reminders unscheduled");

            // The one-minute reminder of the first fires (the 15-minute and 24-hour ones were already past), and then its job is done.
            var mail = system.Mail;
            const string subject = "Reminder: live class in 1 minute";
            await Eventually.TrueAsync(async () => (await mail.ToAsync(keptStudent.Email)).Any(m => m.Subject == subject)
                    && (await mail.ToAsync(keptTeacher.Email)).Any(m => m.Subject == subject),
                start - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3), "the reminder to student and teacher");
            await Eventually.TrueAsync(async () => !await ReminderJobExistsAsync(ids[0]), TimeSpan.FromSeconds(60), "the fired reminder's job removed");
            Assert.Single(await mail.ToAsync(keptStudent.Email), m => m.Subject == subject);
            Assert.Single(await mail.ToAsync(keptTeacher.Email), m => m.Subject == subject);
            // The cancelled session's trigger would have fired at the same instant.
            Assert.DoesNotContain(await mail.ToAsync(droppedStudent.Email), m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
            Assert.DoesNotContain(await mail.ToAsync(droppedTeacher.Email), m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_group_session_reminds_its_registered_students_and_teacher_once_and_not_a_student_who_left()
    {
        var course = await system.PublishedCourseAsync("Group reminder course", priceMinor: 0);
        using var kept = await system.SignUpAsync("Student", "groupreminded");
        using var left = await system.SignUpAsync("Student", "groupleft");
        var title = $"Office hour {Guid.NewGuid():N}"[..24];
        // Four minutes ahead: the 24-hour and 15-minute lead times have passed, so the next scan gives the 15-minute one
        // (saying how long is really left), and the 24-hour one counts as given.
        var start = DateTimeOffset.UtcNow.AddMinutes(4);
        var session = (await course.Teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/sessions",
            new { courseId = course.Id, title, start, minutes = 30, capacity = 5 }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var student in new[] { kept, left })
        {
            await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
            await student.OkJsonAsync(HttpMethod.Post, $"/api/sessions/{session}/register");
        }
        await left.SendAsync(HttpMethod.Post, $"/api/sessions/{session}/leave");

        async Task<List<JsonElement>> RemindersAsync(StudioUser user) =>
            (await user.OkJsonAsync(HttpMethod.Get, "/api/me/notifications")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "booking-reminder" && n.GetProperty("title").GetString()!.Contains(title)).ToList();

        await Eventually.TrueAsync(async () => (await RemindersAsync(kept)).Count > 0 && (await RemindersAsync(course.Teacher)).Count > 0,
            TimeSpan.FromSeconds(150), "the group session's reminder to the student and the teacher");
        var reminder = Assert.Single(await RemindersAsync(kept));
        Assert.Matches("starts in [1-4] minutes?", reminder.GetProperty("title").GetString());
        Assert.Equal($"/live/{session}", reminder.GetProperty("url").GetString());
        Assert.Single(await RemindersAsync(course.Teacher));
        Assert.Empty(await RemindersAsync(left));
        // The email follows the notification (reminders are emailed by default).
        await Eventually.TrueAsync(async () => (await system.Mail.ToAsync(kept.Email)).Any(m => m.Subject.Contains(title)), TimeSpan.FromSeconds(60),
            "the reminder email");

        await using var db = system.CreateDbContext();
        var rows = await db.GroupSessionReminders.Where(r => r.SessionId == session).ToListAsync();
        // (The one-minute reminder may have come meanwhile too.)
        Assert.Subset(rows.Where(r => r.UserId == kept.Id).Select(r => r.LeadMinutes).ToHashSet(), new HashSet<int> { 1440, 15 });
        Assert.DoesNotContain(rows, r => r.UserId == left.Id);
    }
}
