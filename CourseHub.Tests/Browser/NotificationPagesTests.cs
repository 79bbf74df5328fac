using System.Net;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// The notification pages in the browser: the full list (unread filter, mark read, paging) reached from the bell, and the
/// email preferences page whose choices the Api keeps.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class NotificationPagesTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // the test accounts' password (IdentityClient)
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task The_bell_leads_to_every_notification_and_the_preferences_page_keeps_a_choice()
    {
        using var user = await system.SignUpAsync("Student", "notificationpages");
        await using (var db = system.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            // 23 notifications: more than one page of twenty; the two newest unread.
            db.UserNotifications.AddRange(Enumerable.Range(1, 23).Select(i => new Domain.Notifications.UserNotification
            {
                Id = Guid.CreateVersion7(), UserId = user.Id, Kind = i % 2 == 0 ? "question-replied" : "review-replied",
                Title = $"Update number {i}", Body = $"Something happened ({i}).", Url = "/courses",
                CreatedAt = now.AddMinutes(-100 + i), ReadAt = i > 21 ? null : now.AddMinutes(-50),
            }));
            await db.SaveChangesAsync();
        }
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, user.Email, Password);

        await page.GotoAsync($"{Web}/courses");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByTestId("notification-bell").Locator("button").First.ClickAsync();
            return await page.GetByTestId("notifications-see-all").AppearsAsync();
        });
        await page.GetByTestId("notifications-see-all").ClickAsync();
        await page.WaitForURLAsync($"{Web}/notifications");
        var rows = page.GetByTestId("notification-row");
        await Assertions.Expect(rows).ToHaveCountAsync(20, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("Update number 23");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 unread notifications" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("notifications-1-list"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Page 2" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Last).ToContainTextAsync("Update number 1");

        await page.GetByLabel("Unread only").CheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark “Update number 23” read" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByTestId("notifications-page-read-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notifications-page-empty")).ToContainTextAsync("No unread notifications");
        Assert.Equal(0, (await user.OkJsonAsync(HttpMethod.Get, "/api/me/notifications")).GetProperty("unreadCount").GetInt32());

        // The preferences page: "Daily digest" for replies to questions is kept by the Api.
        await page.GotoAsync($"{Web}/account/notifications");
        var row = page.Locator("[data-testid=preference][data-kind=question-replied]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await row.GetByText("Daily digest").ClickAsync();
            return await page.GetByTestId("preferences-saved").AppearsAsync();
        });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("notifications-2-preferences"), FullPage = true });
        var kept = await user.OkJsonAsync(HttpMethod.Get, "/api/me/notification-preferences");
        Assert.Equal("digest", kept.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "question-replied").GetProperty("email").GetString());

        // The unsubscribe page without a token explains itself instead of failing.
        var anonymous = await launched.Browser.NewPageAsync();
        var response = await anonymous.GotoAsync($"{Web}/notifications/unsubscribe");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await Assertions.Expect(anonymous.GetByTestId("unsubscribe-failed")).ToContainTextAsync("incomplete");
    }
}
