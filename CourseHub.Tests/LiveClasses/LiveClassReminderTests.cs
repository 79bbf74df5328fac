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
}
