using System.Text.RegularExpressions;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// A live class in two browsers: a student (in New York) books a slot from the course page; the teacher's navigation badge
/// counts the request, the teacher approves it on the bookings page; both open the live room, see each other present,
/// the student raises a hand, the teacher starts and ends the session, and the dashboards show who came and for how long.
/// Screenshots of every live-class page land in TestResults/screenshots.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class LiveClassJourneyTests(SystemFixture system)
{
    // SignUpAsync's accounts use IdentityClient's default password.
    private const string Password = "correct-horse-battery";
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_student_requests_a_slot_the_teacher_approves_and_both_meet_in_the_live_room()
    {
        var course = await system.PublishedCourseAsync($"Live journey {Guid.NewGuid():N}"[..21], priceMinor: 0);
        await course.Teacher.OkJsonAsync(HttpMethod.Put, "/api/teach/availability", new
        {
            timeZone = "Europe/Lisbon",
            sessionMinutes = new[] { 30, 60 },
            bufferMinutes = 0,
            minNoticeHours = 0,
            maxDaysAhead = 14,
            weekly = Days.Select(day => (object)new { day, start = "00:00", end = "23:59" }).ToArray(),
            exceptions = new object[] { new { date = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"), available = false } },
        });
        using var student = await system.SignUpAsync("Student", "livejourney");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");

        await using var launched = await Browsers.LaunchAsync();
        await using var studentContext = await launched.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 }, TimezoneId = "America/New_York",
        });
        await using var teacherContext = await launched.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 }, TimezoneId = "Europe/Lisbon",
        });
        var studentPage = await studentContext.NewPageAsync();
        var teacherPage = await teacherContext.NewPageAsync();
        await studentPage.SignInAsync(Web, student.Email, Password);
        await teacherPage.SignInAsync(Web, course.Teacher.Email, Password);

        // The teacher's availability editor shows what was saved.
        await teacherPage.GotoAsync($"{Web}/teach/availability");
        await Assertions.Expect(teacherPage.GetByTestId("availability-day")).ToHaveCountAsync(7, new() { Timeout = 30_000 });
        await Assertions.Expect(teacherPage.GetByTestId("availability-exception")).ToHaveCountAsync(1);
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-1-availability-1280"), FullPage = true });

        // The student books from the course page, in their own zone.
        await studentPage.GotoAsync($"{Web}/courses/{course.Slug}");
        await studentPage.RetryUntilInteractiveAsync(async () =>
        {
            if (!studentPage.Url.Contains("/live/book/"))
            {
                await studentPage.GetByTestId("book-live-class").ClickAsync(new() { Timeout = 5_000 });
            }
            return await studentPage.GetByTestId("book-teacher").AppearsAsync();
        });
        await Assertions.Expect(studentPage.GetByTestId("book-zone")).ToHaveTextAsync("America/New_York");
        var slot = studentPage.GetByTestId("book-slot").First;
        await Assertions.Expect(slot).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await slot.ClickAsync();
        await studentPage.GetByTestId("book-note").FillAsync("Could we go over the last module?");
        await studentPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-2-book-1280"), FullPage = true });
        await studentPage.GetByTestId("book-request").ClickAsync();
        await studentPage.WaitForURLAsync(RequestedUrl(), new() { Timeout = 30_000 });
        var bookingId = RequestedUrl().Match(studentPage.Url).Groups[1].Value;
        await Assertions.Expect(studentPage.GetByTestId("live-message")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(studentPage.GetByTestId("live-upcoming").GetByTestId("booking-status")).ToHaveAttributeAsync("data-status", "pending");
        await studentPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-3-student-dashboard-pending-1280"), FullPage = true });

        // The teacher's navigation counts the request; approving it on the bookings page clears the badge.
        await teacherPage.GotoAsync(Web);
        await Assertions.Expect(teacherPage.GetByTestId("live-pending-badge")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 30_000 });
        await teacherPage.GetByTestId("nav-teach-live").ClickAsync();
        var pending = teacherPage.GetByTestId("teach-pending");
        await Assertions.Expect(pending).ToContainTextAsync("Could we go over the last module?", new() { Timeout = 30_000 });
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-4-teacher-pending-1280"), FullPage = true });
        await pending.GetByTestId("teach-approve").ClickAsync();
        await Assertions.Expect(teacherPage.GetByTestId("teach-live-message")).ToContainTextAsync("Confirmed", new() { Timeout = 30_000 });
        await Assertions.Expect(teacherPage.GetByTestId("live-pending-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(teacherPage.GetByTestId("teach-upcoming")).ToBeVisibleAsync();

        // Both in the live room: each sees the other present.
        await teacherPage.GetByTestId("teach-open-room").ClickAsync();
        await teacherPage.WaitForURLAsync(new Regex($"/live/{bookingId}$"), new() { Timeout = 30_000 });
        await studentPage.GotoAsync($"{Web}/live/{bookingId}");
        var studentParticipants = studentPage.GetByTestId("room-participant");
        var teacherParticipants = teacherPage.GetByTestId("room-participant");
        await Assertions.Expect(studentParticipants).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(teacherParticipants).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(teacherPage.Locator($"[data-testid=room-participant][data-user-id='{student.Id}']")).ToBeVisibleAsync();
        await Assertions.Expect(studentPage.Locator($"[data-testid=room-participant][data-user-id='{course.Teacher.Id}']")).ToBeVisibleAsync();
        await Assertions.Expect(studentPage.GetByTestId("room-meeting")).ToHaveAttributeAsync("href", new Regex("^https://meet\\.jit\\.si/CourseHub-"));

        // A raised hand shows on the teacher's side.
        await studentPage.GetByTestId("room-hand").ClickAsync();
        await Assertions.Expect(teacherPage.Locator($"[data-testid=room-participant][data-user-id='{student.Id}']"))
            .ToHaveAttributeAsync("data-hand", "up", new() { Timeout = 30_000 });

        // The teacher starts: both see it live; then ends: both see it over with its duration.
        await teacherPage.GetByTestId("room-start").ClickAsync();
        await Assertions.Expect(teacherPage.GetByTestId("room-live")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(studentPage.GetByTestId("room-live")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-5-room-teacher-live-1280"), FullPage = true });
        await studentPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-6-room-student-live-1280"), FullPage = true });
        await teacherPage.GetByTestId("room-end").ClickAsync();
        await Assertions.Expect(teacherPage.GetByTestId("room-ended")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(studentPage.GetByTestId("room-ended")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(studentPage.GetByTestId("room-duration")).ToContainTextAsync("It ran");
        await Assertions.Expect(teacherPage.GetByTestId("room-attendance")).ToContainTextAsync("joined", new() { Timeout = 30_000 });
        await studentPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-7-room-ended-1280"), FullPage = true });

        // The dashboards: the session is past, with who came and for how long.
        await teacherPage.GotoAsync($"{Web}/teach/live");
        var past = teacherPage.GetByTestId("teach-past");
        await Assertions.Expect(past.GetByTestId("actual-duration")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(past.GetByTestId("attendance")).ToContainTextAsync("Attended:");
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-8-teacher-dashboard-1280"), FullPage = true });
        await studentPage.GotoAsync($"{Web}/live");
        await Assertions.Expect(studentPage.GetByTestId("live-past").GetByTestId("attendance")).ToContainTextAsync("Attended:", new() { Timeout = 30_000 });
        await studentPage.GetByTestId("live-feed-show").ClickAsync();
        await Assertions.Expect(studentPage.GetByTestId("live-feed-url")).ToHaveValueAsync(new Regex("/api/calendar-feeds/[0-9a-f]{64}$"), new() { Timeout = 30_000 });
        await studentPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-9-student-dashboard-1280"), FullPage = true });
        await studentPage.SetViewportSizeAsync(390, 900);
        await studentPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-9-student-dashboard-390"), FullPage = true });

        // The admins' view of all bookings.
        await using var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var adminPage = await adminContext.NewPageAsync();
        await adminPage.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await adminPage.GotoAsync($"{Web}/admin/bookings");
        await Assertions.Expect(adminPage.GetByTestId("admin-bookings")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await adminPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-10-admin-bookings-1280"), FullPage = true });
    }

    [Fact]
    public async Task A_teacher_moves_a_confirmed_class_from_the_bookings_page_in_their_own_time_zone()
    {
        var course = await system.PublishedCourseAsync($"Live move {Guid.NewGuid():N}"[..18], priceMinor: 0);
        await course.Teacher.OkJsonAsync(HttpMethod.Put, "/api/teach/availability", new
        {
            timeZone = "Asia/Tokyo",
            sessionMinutes = new[] { 60 },
            bufferMinutes = 0,
            minNoticeHours = 0,
            maxDaysAhead = 14,
            weekly = Days.Select(day => (object)new { day, start = "00:00", end = "23:59" }).ToArray(),
            exceptions = Array.Empty<object>(),
        });
        using var student = await system.SignUpAsync("Student", "livemoved");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(4).ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var start = (await student.OkJsonAsync(HttpMethod.Get, $"/api/teachers/{course.Teacher.Id}/slots?from={from}&to={to}&minutes=60"))
            .EnumerateArray().First().GetProperty("start").GetDateTimeOffset();
        var booking = (await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", new { teacherId = course.Teacher.Id, start, minutes = 60, note = "Move me" },
            System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/bookings/{booking}/approve");

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, TimezoneId = "Asia/Tokyo" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, course.Teacher.Email, Password);
        await page.GotoAsync($"{Web}/teach/live");
        var form = page.GetByTestId("teach-move-form");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (!await form.AppearsAsync(500))
            {
                await page.GetByTestId("teach-move").ClickAsync(new() { Timeout = 5_000 });
            }
            return await form.AppearsAsync();
        });
        // The form speaks the teacher's zone: it opens on the class's local date and start.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var local = TimeZoneInfo.ConvertTime(start, tokyo);
        await Assertions.Expect(page.GetByTestId("teach-move-date")).ToHaveValueAsync(local.ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.GetByTestId("teach-move-time")).ToHaveValueAsync(local.ToString("HH:mm"));
        var later = local.AddHours(2);
        await page.GetByTestId("teach-move-date").FillAsync(later.ToString("yyyy-MM-dd"));
        await page.GetByTestId("teach-move-time").FillAsync(later.ToString("HH:mm"));
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("live-11-teacher-move-1280"), FullPage = true });
        await page.GetByTestId("teach-move-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("teach-live-message")).ToContainTextAsync("Moved to", new() { Timeout = 30_000 });

        // A teacher's move takes effect at once: still confirmed, two hours later, as the student sees it.
        var moved = (await student.OkJsonAsync(HttpMethod.Get, "/api/me/bookings")).EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == booking);
        Assert.Equal(start.AddHours(2), moved.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("approved", moved.GetProperty("status").GetString());

        // The student cancels it with a reason from their page; the page says so at once.
        await using var studentContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var studentPage = await studentContext.NewPageAsync();
        await studentPage.SignInAsync(Web, student.Email, Password);
        await studentPage.GotoAsync($"{Web}/live");
        var reason = studentPage.GetByTestId("live-cancel-reason");
        await studentPage.RetryUntilInteractiveAsync(async () =>
        {
            if (!await reason.AppearsAsync(500))
            {
                await studentPage.GetByTestId("live-cancel").ClickAsync(new() { Timeout = 5_000 });
            }
            return await reason.AppearsAsync();
        });
        await reason.FillAsync("Something came up");
        await studentPage.GetByTestId("live-cancel-confirm").ClickAsync();
        await Assertions.Expect(studentPage.GetByTestId("live-message")).ToContainTextAsync("Cancelled", new() { Timeout = 30_000 });
        await Assertions.Expect(studentPage.GetByTestId("live-past").GetByTestId("booking-status")).ToHaveAttributeAsync("data-status", "cancelled");
    }

    [GeneratedRegex("/live\\?requested=([0-9a-f-]{36})")]
    private static partial Regex RequestedUrl();
}
