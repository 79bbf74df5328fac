using System.Net;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using CourseHub.Worker.Features.Analytics;
using CourseHub.Worker.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using static CourseHub.Tests.Analytics.AnalyticsHistory;

namespace CourseHub.Tests.Analytics;

/// <summary>
/// Course page view to purchase: views counted through the Api's route (Redis first, then the Worker's roll-up table),
/// purchases as orders paid; conversion = purchases ÷ views, overall with the previous period and per course.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConversionTests(SystemFixture system)
{
    [Fact]
    public async Task Conversion_of_a_known_history_overall_against_the_previous_period_and_per_course()
    {
        var history = await EnsureAsync(system);
        using var admin = await system.AdminAsync();
        // Purchases come from the roll-ups once rebuilt (views are kept by a rebuild: they have no raw rows).
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/analytics/rebuild");

        var summary = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={D0:yyyy-MM-dd}&to={D3:yyyy-MM-dd}");
        // D0..D3: 20 + 10 + 10 views; 3 orders paid (USD on D0, USD on D1 refunded later, EUR on D1): 3 / 40.
        Assert.Equal(40, summary.GetProperty("courseViews").GetInt64());
        Assert.Equal(3, summary.GetProperty("purchases").GetInt32());
        Assert.Equal(0.075, summary.GetProperty("conversion").GetDouble(), 6);
        // The four days before: 8 views, nothing bought.
        var previous = summary.GetProperty("previous");
        Assert.Equal(8, previous.GetProperty("courseViews").GetInt64());
        Assert.Equal(0, previous.GetProperty("purchases").GetInt32());
        Assert.Equal(0.0, previous.GetProperty("conversion").GetDouble(), 6);
        // A period without views has no conversion (nothing to convert from), not a zero.
        var empty = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from=2019-03-06&to=2019-03-06");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("conversion").ValueKind);

        var top = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/top-courses?by=enrollments&from={D0:yyyy-MM-dd}&to={D3:yyyy-MM-dd}&limit=50");
        var a = top.EnumerateArray().Single(c => c.GetProperty("courseId").GetGuid() == history.CourseA.Id);
        Assert.Equal(30, a.GetProperty("views").GetInt64());
        Assert.Equal(3, a.GetProperty("purchases").GetInt32()); // both currencies' orders
        Assert.Equal(0.1, a.GetProperty("conversion").GetDouble(), 6);
        var b = top.EnumerateArray().Single(c => c.GetProperty("courseId").GetGuid() == history.CourseB);
        Assert.Equal(10, b.GetProperty("views").GetInt64());
        Assert.Equal(0, b.GetProperty("purchases").GetInt32()); // enrolled without an order
        Assert.Equal(0.0, b.GetProperty("conversion").GetDouble(), 6);
    }

    [Fact]
    public async Task Views_counted_through_the_route_show_at_once_and_once_after_the_worker_adds_them()
    {
        // A price no other test's course comes near, so the course ranks first by USD revenue today.
        var course = await system.PublishedCourseAsync("Conversion course " + Guid.NewGuid().ToString("N")[..8], 99_900);
        using var anonymous = new IdentityClient(system);
        for (var i = 0; i < 8; i++)
        {
            var viewed = await anonymous.Http.PostAsync($"/api/courses/{course.Slug}/views", null);
            Assert.Equal(HttpStatusCode.NoContent, viewed.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.PostAsync("/api/courses/no-such-course-anywhere/views", null)).StatusCode);
        foreach (var prefix in (string[])["conversion-buyer-a", "conversion-buyer-b"])
        {
            using var buyer = await system.SignUpAsync("Student", prefix);
            var (checkout, paid) = await system.BuyAsync(buyer, course.Id);
            Assert.Equal(HttpStatusCode.OK, paid);
            await buyer.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid");
        }
        using var admin = await system.AdminAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // The views still wait in Redis (or were just added by the Worker's own run): either way they count once.
        var before = await CourseAsync(admin, course.Id, today);
        Assert.Equal(8, before.GetProperty("views").GetInt64());
        Assert.Equal(2, before.GetProperty("purchases").GetInt32());
        Assert.Equal(0.25, before.GetProperty("conversion").GetDouble(), 6);

        // The Worker's roll-up job moves them into the daily table; the answer stays the same (not counted twice).
        var firedAt = DateTimeOffset.UtcNow;
        await TriggerRollupJobAsync();
        await using (var db = system.CreateDbContext())
        {
            await Eventually.TrueAsync(async () => await db.JobRuns.AnyAsync(r => r.JobName == AnalyticsRollupJob.Key.Name && r.StartedAt >= firedAt && r.Succeeded == true),
                TimeSpan.FromSeconds(60), "the roll-up job to run");
            var stored = await db.DailyCourseViews.SingleAsync(v => v.Day == today && v.CourseId == course.Id);
            Assert.Equal(8, stored.Views);
        }
        var after = await CourseAsync(admin, course.Id, today);
        Assert.Equal(8, after.GetProperty("views").GetInt64());
        Assert.Equal(0.25, after.GetProperty("conversion").GetDouble(), 6);

        // A later view goes to Redis again and adds to the stored ones.
        await anonymous.Http.PostAsync($"/api/courses/{course.Slug}/views", null);
        Assert.Equal(9, (await CourseAsync(admin, course.Id, today)).GetProperty("views").GetInt64());
        var summary = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.True(summary.GetProperty("courseViews").GetInt64() >= 9);
        Assert.True(summary.GetProperty("purchases").GetInt32() >= 2);
    }

    private static async Task<JsonElement> CourseAsync(StudioUser admin, Guid courseId, DateOnly today)
    {
        var top = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/top-courses?by=revenue&currency=USD&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&limit=50");
        return top.EnumerateArray().Single(c => c.GetProperty("courseId").GetGuid() == courseId);
    }

    private async Task TriggerRollupJobAsync()
    {
        // Through the same store settings the Worker uses, from a scheduler that never runs jobs itself (as AnalyticsTests).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(quartz => Scheduling.ConfigureJobStore(quartz, system.ConnectionString("coursehub")));
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(AnalyticsRollupJob.Key);
        await scheduler.Shutdown();
    }
}
