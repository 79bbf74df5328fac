using System.Net;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// The admin's reviews table: searched, downloaded as CSV with the search, and a review deleted from it (the course's rating
/// counted again). Screenshot in TestResults/screenshots.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AdminReviewsJourneyTests(SystemFixture system)
{
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task An_admin_finds_a_review_downloads_the_view_and_deletes_the_review()
    {
        var marker = "adminreview" + Guid.NewGuid().ToString("N")[..8];
        var course = await system.PublishedCourseAsync($"Reviewed {marker}", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "adminreviews");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var review = (await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews",
            new { rating = 2, text = $"Too fast for me ({marker})" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await page.GotoAsync($"{Web}/admin/reviews");
        var button = page.GetByTestId("csv-download");
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Typed once the circuit is up; it has taken when the download's address carries it.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            var search = page.GetByTestId("reviews-search");
            if (await search.InputValueAsync() != marker)
            {
                await search.FillAsync(marker);
            }
            await page.WaitForTimeoutAsync(500);
            return (await button.GetAttributeAsync("href"))?.Contains(marker) == true;
        });
        var rows = page.GetByTestId("admin-review-text");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows).ToContainTextAsync(marker);
        await Assertions.Expect(page.GetByTestId("admin-review-author")).ToHaveTextAsync(student.Email);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("admin-reviews-1280"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Matches(@"^coursehub-reviews-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,", lines[0]);
        Assert.Equal(review.ToString(), Assert.Single(lines.Skip(1)).Split(',')[0]);

        // Delete, confirmed in the dialog: gone from the table, from the course and from its rating.
        await page.GetByTestId("admin-review-delete").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).Last.ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-reviews-message")).ToContainTextAsync("Deleted", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("admin-reviews-empty")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var left = await student.OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Id}/reviews");
        Assert.Equal(0, left.GetProperty("summary").GetProperty("count").GetInt32());
    }
}
