using CourseHub.Domain.Analytics;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace CourseHub.Tests.Analytics;

/// <summary>The course landing page counts one view per page shown in a browser (not one more for its prerender).</summary>
[Collection(SystemCollection.Name)]
public sealed class CourseViewBrowserTests(SystemFixture system)
{
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task Each_course_page_shown_counts_one_view()
    {
        var course = await system.PublishedCourseAsync("Viewed course " + Guid.NewGuid().ToString("N")[..8], 1500);
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{Web}/courses/{course.Slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Viewed course", new() { Timeout = 30_000 });
        await Eventually.TrueAsync(async () => await ViewsAsync(course.Id) == 1, TimeSpan.FromSeconds(30), "the first view to be counted");
        // The prerendered page and its interactive render are one view; a reload is another.
        await page.WaitForTimeoutAsync(2_000);
        Assert.Equal(1, await ViewsAsync(course.Id));
        await page.ReloadAsync();
        await Eventually.TrueAsync(async () => await ViewsAsync(course.Id) == 2, TimeSpan.FromSeconds(30), "the reload to be counted");
    }

    /// <summary>Views of the course today: waiting in Redis plus those the Worker has added to the table.</summary>
    private async Task<long> ViewsAsync(Guid courseId)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        long waiting = 0;
        foreach (var key in (string[])[CourseViewCounts.PendingKey, CourseViewCounts.FlushingKey])
        {
            waiting += (long?)await redis.GetDatabase().HashGetAsync(key, CourseViewCounts.Field(today, courseId)) ?? 0;
        }
        await using var db = system.CreateDbContext();
        var stored = await db.DailyCourseViews.Where(v => v.Day == today && v.CourseId == courseId).SumAsync(v => (long?)v.Views) ?? 0;
        return waiting + stored;
    }
}
