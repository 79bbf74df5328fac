using System.Text.RegularExpressions;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Aspire.Hosting.ApplicationModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// Live chat in two browsers: a student enrolled in a teacher's course messages the teacher from the course page; the
/// teacher's app-bar badge counts it, the teacher reads it and the student sees the read tick; typing shows on the other
/// side; Shift+Enter makes a new line; a URL becomes a safe link while markup stays text; a PNG arrives as a preview;
/// a second tab of the student sees the teacher's answer too; an admin reviews the conversation read-only.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class ChatJourneyTests(SystemFixture system)
{
    // SignUpAsync's accounts use IdentityClient's default password.
    private const string Password = "correct-horse-battery";

    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_student_and_a_teacher_chat_live_with_badges_read_ticks_typing_links_and_an_image()
    {
        var course = await system.PublishedCourseAsync($"Chat journey {Guid.NewGuid():N}"[..21], priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "chatjourney");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");

        await using var launched = await Browsers.LaunchAsync();
        await using var studentContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var studentPage = await studentContext.NewPageAsync();
        var teacherPage = await teacherContext.NewPageAsync();
        await studentPage.SignInAsync(Web, student.Email, Password);
        await teacherPage.SignInAsync(Web, course.Teacher.Email, Password);

        // The teacher waits on the home page: nothing unread yet.
        await teacherPage.GotoAsync(Web);
        var badge = teacherPage.GetByTestId("chat-badge");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-unread", "0", new() { Timeout = 30_000 });

        // The student opens the course page and messages the teacher.
        await studentPage.GotoAsync($"{Web}/courses/{course.Slug}");
        var messageTeacher = studentPage.GetByTestId("message-teacher");
        await studentPage.RetryUntilInteractiveAsync(async () =>
        {
            if (!studentPage.Url.Contains("/messages/"))
            {
                await messageTeacher.ClickAsync(new() { Timeout = 5_000 });
            }
            return await studentPage.GetByTestId("chat-thread").AppearsAsync();
        });
        await studentPage.WaitForURLAsync(ThreadUrl(), new() { Timeout = 30_000 });
        var conversationId = ThreadUrl().Match(studentPage.Url).Groups[1].Value;
        await Assertions.Expect(studentPage.GetByTestId("chat-thread-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(studentPage.GetByTestId("chat-safety-note")).ToContainTextAsync("reviewed");
        var studentInput = await ReadyInputAsync(studentPage);
        await studentInput.FillAsync("Hello, teacher!");
        await studentInput.PressAsync("Enter");
        var mine = studentPage.Locator("[data-testid=chat-message][data-mine=true]");
        await Assertions.Expect(mine).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(mine.GetByTestId("chat-message-text")).ToHaveTextAsync("Hello, teacher!");
        await Assertions.Expect(mine.GetByTestId("chat-read-state")).ToHaveAttributeAsync("data-read", "false");
        await Assertions.Expect(studentInput).ToHaveValueAsync("");

        // The teacher's badge counts it live; the list shows it unread; opening it reads it, and the student sees the tick.
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = 30_000 });
        await teacherPage.GetByTestId("chat-badge-link").ClickAsync();
        await teacherPage.WaitForURLAsync(new Regex("/messages$"), new() { Timeout = 30_000 });
        var conversation = teacherPage.GetByTestId("chat-conversation");
        await Assertions.Expect(conversation).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(conversation.GetByTestId("chat-conversation-preview")).ToHaveTextAsync("Hello, teacher!");
        await Assertions.Expect(conversation.GetByTestId("chat-unread")).ToHaveTextAsync("1");
        await Browsers.ScreenshotsAsync(launched.Browser, teacherContext, teacherPage.Url, "chat-1-list-unread", p => p.GetByTestId("chat-conversation"));
        await conversation.ClickAsync();
        await teacherPage.WaitForURLAsync(new Regex($"/messages/{conversationId}$"), new() { Timeout = 30_000 });
        var theirs = teacherPage.Locator("[data-testid=chat-message][data-mine=false]");
        await Assertions.Expect(theirs.GetByTestId("chat-message-text")).ToHaveTextAsync("Hello, teacher!", new() { Timeout = 30_000 });
        await Assertions.Expect(mine.GetByTestId("chat-read-state")).ToHaveAttributeAsync("data-read", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-unread", "0", new() { Timeout = 30_000 });
        await Assertions.Expect(teacherPage.GetByTestId("chat-presence")).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 30_000 });

        // A second tab of the student's: both see what the teacher writes.
        var secondTab = await studentContext.NewPageAsync();
        await secondTab.GotoAsync($"{Web}/messages/{conversationId}");
        await ReadyInputAsync(secondTab);

        // Typing shows on the other side; Shift+Enter is a new line, Enter sends.
        var teacherInput = await ReadyInputAsync(teacherPage);
        await teacherInput.PressSequentiallyAsync("Line one", new() { Delay = 30 });
        await Assertions.Expect(studentPage.GetByTestId("chat-typing")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await teacherInput.PressAsync("Shift+Enter");
        await teacherInput.PressSequentiallyAsync("Line two");
        await teacherInput.PressAsync("Enter");
        foreach (var page in new[] { studentPage, secondTab })
        {
            var answer = page.Locator("[data-testid=chat-message][data-mine=false]").Last.GetByTestId("chat-message-text");
            await Assertions.Expect(answer).ToContainTextAsync("Line two", new() { Timeout = 30_000 });
            // innerText keeps the line break (ToHaveText would fold white space and pass for one line too).
            Assert.Equal("Line one\nLine two", await answer.InnerTextAsync());
        }
        await Assertions.Expect(studentPage.GetByTestId("chat-typing")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await secondTab.CloseAsync();

        // A URL is a link that opens safely; markup is shown as text, never run.
        await studentInput.FillAsync("Docs: https://example.com/docs <script>window.chatInjected = 1</script>");
        await studentInput.PressAsync("Enter");
        var linked = teacherPage.Locator("[data-testid=chat-message][data-mine=false]").Last.GetByTestId("chat-message-text");
        await Assertions.Expect(linked).ToContainTextAsync("<script>window.chatInjected = 1</script>", new() { Timeout = 30_000 });
        var link = linked.Locator("a");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://example.com/docs");
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        Assert.Equal(0, await linked.Locator("script").CountAsync());
        Assert.True(await teacherPage.EvaluateAsync<bool>("() => window.chatInjected === undefined"));

        // A PNG: uploaded, sent with Enter and no text, and previewed as an image on the other side.
        await studentPage.GetByTestId("chat-attach").SetInputFilesAsync(new FilePayload { Name = "diagram.png", MimeType = "image/png", Buffer = MediaTestFiles.Png(160, 90) });
        await Assertions.Expect(studentPage.GetByTestId("chat-staged-file")).ToContainTextAsync("diagram.png", new() { Timeout = 30_000 });
        await studentInput.PressAsync("Enter");
        var image = teacherPage.GetByTestId("chat-attachment-image");
        await Assertions.Expect(image).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", "diagram.png");
        await Eventually.TrueAsync(() => image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 160"), TimeSpan.FromSeconds(30),
            "the image to load from its short-lived link");
        await Assertions.Expect(studentPage.GetByTestId("chat-attachment-image")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // Over 4,000 characters: the count says so, Send is off, and Enter explains instead of sending.
        await studentInput.FillAsync(new string('a', 4001));
        await Assertions.Expect(studentPage.GetByTestId("chat-count")).ToHaveTextAsync("1 character over the 4,000 limit");
        await Assertions.Expect(studentPage.GetByTestId("chat-send")).ToBeDisabledAsync();
        await studentInput.PressAsync("Enter");
        await Assertions.Expect(studentPage.GetByTestId("chat-send-error")).ToContainTextAsync("at most 4,000 characters", new() { Timeout = 15_000 });
        await studentInput.FillAsync("");
        await Assertions.Expect(studentPage.GetByTestId("chat-count")).ToHaveTextAsync("0 / 4,000");

        await Browsers.ScreenshotsAsync(launched.Browser, teacherContext, teacherPage.Url, "chat-2-thread-teacher", p => p.GetByTestId("chat-attachment-image"));
        await Browsers.ScreenshotsAsync(launched.Browser, studentContext, studentPage.Url, "chat-3-thread-student", p => p.GetByTestId("chat-attachment-image"));

        // The teacher reports the student's first message: a reason is required, then the report is in the admins' queue.
        var first = teacherPage.Locator("[data-testid=chat-message][data-mine=false]").First;
        await first.GetByTestId("report-open").ClickAsync();
        await teacherPage.GetByTestId("report-send").ClickAsync();
        await Assertions.Expect(teacherPage.GetByText("Say what is wrong with it.")).ToBeVisibleAsync();
        await teacherPage.GetByLabel("What is wrong with it?").FillAsync("Testing the report button");
        await teacherPage.GetByTestId("report-send").ClickAsync();
        await Assertions.Expect(first.GetByTestId("report-done")).ToHaveTextAsync("Reported — thank you", new() { Timeout = 15_000 });
        using (var admin = await system.AdminAsync())
        {
            var queue = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/moderation?status=open&pageSize=100");
            Assert.Contains(queue.GetProperty("items").EnumerateArray(), report => report.GetRawText().Contains("Testing the report button"));
        }

        // An admin reviews it read-only: both names, the messages, no composer.
        await using var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var adminPage = await adminContext.NewPageAsync();
        await adminPage.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await adminPage.GotoAsync($"{Web}/admin/conversations/{conversationId}");
        await Assertions.Expect(adminPage.GetByTestId("admin-conversation-title")).ToContainTextAsync(" and ", new() { Timeout = 30_000 });
        await Assertions.Expect(adminPage.GetByTestId("chat-message")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Assertions.Expect(adminPage.GetByTestId("chat-read-state")).ToHaveCountAsync(0);
        await Assertions.Expect(adminPage.GetByTestId("chat-message-text").First).ToHaveTextAsync("Hello, teacher!");
        await Assertions.Expect(adminPage.GetByTestId("chat-input")).ToHaveCountAsync(0);
        await Browsers.ScreenshotsAsync(launched.Browser, adminContext, adminPage.Url, "chat-4-admin-review", p => p.GetByTestId("chat-attachment-image"));
        await adminPage.GotoAsync($"{Web}/admin/conversations");
        await Assertions.Expect(adminPage.GetByTestId("admin-conversation-open").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await adminPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("chat-5-admin-list-1280"), FullPage = true });

        // The learning player's button opens the same conversation.
        await studentPage.GotoAsync($"{Web}/learn/{course.Slug}");
        await studentPage.RetryUntilInteractiveAsync(async () =>
        {
            if (!studentPage.Url.Contains("/messages/"))
            {
                await studentPage.GetByTestId("message-teacher").ClickAsync(new() { Timeout = 5_000 });
            }
            return await studentPage.GetByTestId("chat-thread").AppearsAsync();
        });
        Assert.EndsWith($"/messages/{conversationId}", studentPage.Url);
        await Assertions.Expect(studentPage.GetByTestId("chat-message")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_message_sent_while_realtime_is_down_goes_out_after_the_reconnect_once_and_the_other_side_catches_up()
    {
        var course = await system.PublishedCourseAsync($"Chat outage {Guid.NewGuid():N}"[..20], priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "chatoutage");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await using var launched = await Browsers.LaunchAsync();
        await using var studentContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var studentPage = await studentContext.NewPageAsync();
        var teacherPage = await teacherContext.NewPageAsync();
        await studentPage.SignInAsync(Web, student.Email, Password);
        await teacherPage.SignInAsync(Web, course.Teacher.Email, Password);
        await studentPage.GotoAsync($"{Web}/courses/{course.Slug}");
        await studentPage.RetryUntilInteractiveAsync(async () =>
        {
            if (!studentPage.Url.Contains("/messages/"))
            {
                await studentPage.GetByTestId("message-teacher").ClickAsync(new() { Timeout = 5_000 });
            }
            return await studentPage.GetByTestId("chat-thread").AppearsAsync();
        });
        await studentPage.WaitForURLAsync(ThreadUrl(), new() { Timeout = 30_000 });
        var conversationId = ThreadUrl().Match(studentPage.Url).Groups[1].Value;
        var studentInput = await ReadyInputAsync(studentPage);
        await studentInput.FillAsync("Before the break");
        await studentInput.PressAsync("Enter");
        await teacherPage.GotoAsync($"{Web}/messages/{conversationId}");
        await ReadyInputAsync(teacherPage);
        var teacherTexts = teacherPage.GetByTestId("chat-message-text");
        await Assertions.Expect(teacherTexts).ToHaveTextAsync(["Before the break"], new() { Timeout = 30_000 });

        var realtime = system.Resources.Single(resource => resource.Name == "realtime");
        await system.App.ResourceCommands.ExecuteCommandAsync(realtime, KnownResourceCommands.StopCommand);
        try
        {
            // The page says it is reconnecting; a message sent now waits, visibly, instead of failing.
            await Assertions.Expect(studentPage.GetByTestId("chat-reconnecting")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await studentInput.FillAsync("Sent while offline");
            await studentInput.PressAsync("Enter");
            await Assertions.Expect(studentPage.GetByTestId("chat-pending")).ToContainTextAsync("Not sent yet", new() { Timeout = 15_000 });
        }
        finally
        {
            await system.App.ResourceCommands.ExecuteCommandAsync(realtime, KnownResourceCommands.StartCommand);
            await system.WaitForHealthyAsync("realtime", TimeSpan.FromMinutes(3));
        }

        // Both circuits reconnect: the waiting message goes out (once), and the teacher's thread catches up by sequence.
        await Assertions.Expect(teacherTexts).ToHaveTextAsync(["Before the break", "Sent while offline"], new() { Timeout = 120_000 });
        var studentTexts = studentPage.Locator("[data-testid=chat-message][data-mine=true]").GetByTestId("chat-message-text");
        await Assertions.Expect(studentTexts).ToHaveTextAsync(["Before the break", "Sent while offline"], new() { Timeout = 60_000 });
        await Assertions.Expect(studentPage.GetByTestId("chat-pending")).ToHaveCountAsync(0);
        await Assertions.Expect(studentPage.GetByTestId("chat-reconnecting")).ToHaveCountAsync(0);
        await using var db = system.CreateDbContext();
        Assert.Equal(2, await db.ConversationMessages.CountAsync(m => m.ConversationId == Guid.Parse(conversationId)));
    }

    [Fact]
    public async Task A_user_without_conversations_sees_the_empty_state()
    {
        using var student = await system.SignUpAsync("Student", "chatempty");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, student.Email, Password);
        await page.GotoAsync($"{Web}/messages");
        await Assertions.Expect(page.GetByTestId("chat-empty")).ToContainTextAsync("No conversations yet", new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "chat-0-empty", p => p.GetByTestId("chat-empty"));
    }

    /// <summary>The composer once its keyboard handling is attached (Enter typed before that would be a new line).</summary>
    private static async Task<ILocator> ReadyInputAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("[data-testid=chat-thread][data-ready=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return page.GetByTestId("chat-input");
    }

    [GeneratedRegex("/messages/([0-9a-f-]{36})$")]
    private static partial Regex ThreadUrl();
}
