using System.Net;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// Comments and moderation in the browser: a student edits a lesson comment in the player (marked edited), a classmate
/// reports it from the comment's flag, and an admin hides it from the moderation page, which then lists it as resolved.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ModerationJourneyTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // the test accounts' password (IdentityClient)
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_comment_edited_by_its_author_and_reported_by_a_classmate_is_hidden_from_the_moderation_page()
    {
        var course = await system.PublishedCourseAsync("Moderated in the browser", priceMinor: 0);
        using var author = await system.SignUpAsync("Student", "browsercommenter");
        using var classmate = await system.SignUpAsync("Student", "browserreporter");
        await author.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await classmate.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var curriculum = await author.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        var lesson = curriculum.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        var comment = (await author.OkJsonAsync(HttpMethod.Post, $"/api/lessons/{lesson}/comments", new { text = "This lesson is a scam, buy my course instead" },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var lessonUrl = $"{Web}/learn/{course.Slug}/lessons/{lesson}";
        await using var launched = await Browsers.LaunchAsync();

        // The author edits the comment in place: the new words show, marked edited; no flag on one's own comment.
        await using var authorContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var authorPage = await authorContext.NewPageAsync();
        await authorPage.SignInAsync(Web, author.Email, Password);
        await authorPage.GotoAsync(lessonUrl);
        var own = authorPage.Locator($"[data-comment-id='{comment}']");
        await Assertions.Expect(own.GetByTestId("lesson-comment-text")).ToContainTextAsync("scam", new() { Timeout = 30_000 });
        await Assertions.Expect(own.GetByTestId("report-open")).ToHaveCountAsync(0);
        await authorPage.RetryUntilInteractiveAsync(async () =>
        {
            await own.GetByTestId("comment-edit").ClickAsync();
            return await own.GetByTestId("comment-edit-input").AppearsAsync();
        });
        await own.GetByLabel("Edit your comment").FillAsync("This lesson is a scam, visit my site instead");
        await own.GetByTestId("comment-edit-save").ClickAsync();
        await Assertions.Expect(own.GetByTestId("lesson-comment-text")).ToContainTextAsync("visit my site instead", new() { Timeout = 15_000 });
        await Assertions.Expect(own.GetByTestId("comment-edited")).ToBeVisibleAsync();

        // The classmate reports it from its flag; the reason is required.
        await using var classmateContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var classmatePage = await classmateContext.NewPageAsync();
        await classmatePage.SignInAsync(Web, classmate.Email, Password);
        await classmatePage.GotoAsync(lessonUrl);
        var theirs = classmatePage.Locator($"[data-comment-id='{comment}']");
        await Assertions.Expect(theirs.GetByTestId("comment-edited")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(theirs.GetByTestId("comment-edit")).ToHaveCountAsync(0);
        await classmatePage.RetryUntilInteractiveAsync(async () =>
        {
            await theirs.GetByTestId("report-open").ClickAsync();
            return await classmatePage.GetByTestId("report-send").AppearsAsync();
        });
        await classmatePage.GetByLabel("What is wrong with it?").FillAsync("Advertising another site");
        await classmatePage.GetByTestId("report-send").ClickAsync();
        await Assertions.Expect(theirs.GetByTestId("report-done")).ToHaveTextAsync("Reported — thank you", new() { Timeout = 15_000 });

        // The admin finds it on the moderation page with its context and the reason, and hides it (a reason is required).
        using var admin = await system.AdminAsync();
        await using var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var adminPage = await adminContext.NewPageAsync();
        await adminPage.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        var item = await FindOnQueueAsync(adminPage, Web, admin, comment);
        await Assertions.Expect(item.GetByTestId("moderation-content")).ToHaveTextAsync("This lesson is a scam, visit my site instead");
        await Assertions.Expect(item).ToContainTextAsync("Advertising another site");
        await Assertions.Expect(item).ToContainTextAsync("Moderated in the browser");
        // A full-page picture rather than scrolling to the item: the circuit's first render may replace the prerendered row.
        await adminPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("moderation-queue"), FullPage = true });
        await adminPage.RetryUntilInteractiveAsync(async () =>
        {
            await item.GetByTestId("moderation-hide").ClickAsync();
            return await adminPage.GetByTestId("moderation-confirm").AppearsAsync();
        });
        await adminPage.GetByTestId("moderation-confirm").ClickAsync();
        await Assertions.Expect(adminPage.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Say why");
        await adminPage.GetByLabel("Reason, sent to the author").FillAsync("No advertising in lesson comments.");
        await adminPage.GetByTestId("moderation-confirm").ClickAsync();
        await Assertions.Expect(adminPage.GetByTestId("moderation-message")).ToHaveTextAsync("The lesson comment is hidden.", new() { Timeout = 15_000 });
        await Assertions.Expect(adminPage.Locator($"[data-testid='moderation-item'][data-target-id='{comment}']")).ToHaveCountAsync(0);

        // Hidden for the course's people; the author is told why; the resolved tab shows the decision.
        Assert.Equal(0, (await classmate.OkJsonAsync(HttpMethod.Get, $"/api/lessons/{lesson}/comments")).GetProperty("comments").GetProperty("total").GetInt32());
        await Eventually.TrueAsync(async () => (await author.OkJsonAsync(HttpMethod.Get, "/api/me/notifications")).GetProperty("items").EnumerateArray()
            .Any(n => n.GetProperty("kind").GetString() == "moderation" && n.GetRawText().Contains("No advertising")), TimeSpan.FromSeconds(15), "the author told why");
        await adminPage.GetByRole(AriaRole.Tab, new() { Name = "Resolved" }).ClickAsync();
        var resolved = adminPage.Locator($"[data-testid='moderation-item'][data-target-id='{comment}']").First;
        await Assertions.Expect(resolved.GetByTestId("moderation-resolution")).ToContainTextAsync("Hidden", new() { Timeout = 15_000 });
        await Assertions.Expect(resolved.GetByTestId("moderation-resolution")).ToContainTextAsync("No advertising in lesson comments.");
    }

    /// <summary>
    /// The queue is oldest first and shared with other tests: the Api tells which page of the lesson comments' reports
    /// holds this one, and the page's address opens it there — or a page near it, since other tests settle and add reports
    /// meanwhile (an older one settled moves it up).
    /// </summary>
    private static async Task<ILocator> FindOnQueueAsync(IPage page, string web, StudioUser admin, Guid targetId)
    {
        var queue = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/moderation?type=comment&pageSize=100");
        var index = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("targetId").GetGuid()).ToList().IndexOf(targetId);
        Assert.True(index >= 0, "the report is in the Api's queue");
        var item = page.Locator($"[data-testid='moderation-item'][data-target-id='{targetId}']");
        var expected = index / 20 + 1;
        int[] pages = [expected, expected + 1, expected + 2, .. Enumerable.Range(1, expected - 1).Reverse()];
        foreach (var number in pages)
        {
            await page.GotoAsync($"{web}/admin/moderation?type=comment&page={number}");
            await Assertions.Expect(page.GetByTestId("moderation-item").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            // The interactive render may load the page's rows again after the prerendered ones: give it a moment.
            try
            {
                await item.First.WaitForAsync(new() { Timeout = 5_000 });
                return item;
            }
            catch (TimeoutException)
            {
            }
        }
        throw new Xunit.Sdk.XunitException("the report is on no page of the moderation queue");
    }
}
