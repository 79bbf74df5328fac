using System.Net;
using System.Text.Json;
using CourseHub.Domain.Analytics;
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
/// The dashboard's figures on the running system: a known history (<see cref="AnalyticsHistory"/>) against hand-computed
/// expectations, read rolled up and live; the Worker's catch-up after downtime; rebuild against incremental; access.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AnalyticsTests(SystemFixture system)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    [Fact]
    public async Task Figures_of_a_known_history_match_hand_computed_ones_rolled_up_or_live()
    {
        await EnsureAsync(system);
        using var admin = await system.AdminAsync();
        // Live first (whatever the Worker has rolled up, days after its last one come from raw rows), then rolled up.
        await AssertKnownFiguresAsync(admin);
        var rebuilt = await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/analytics/rebuild");
        Assert.Equal(Day(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)), rebuilt.GetProperty("rolledUpThrough").GetString());
        await AssertKnownFiguresAsync(admin);
    }

    private async Task AssertKnownFiguresAsync(StudioUser admin)
    {
        var history = await EnsureAsync(system);
        var summary = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={Day(D0)}&to={Day(D3)}");
        // USD: gross 10000 + 5000; refunds 5000; fee 2000 + 1000 − 1000; net 15000 − 5000. EUR: 3333; 1000; 666 − 199; 2333.
        Assert.Equal("USD:15000/2000/5000/10000 EUR:3333/467/1000/2333", Money(summary.GetProperty("revenue")));
        Assert.Equal(4, summary.GetProperty("newUsers").GetInt32());
        Assert.Equal(3, summary.GetProperty("enrollments").GetInt32());
        Assert.Equal(1, summary.GetProperty("completions").GetInt32());
        Assert.Equal(1, summary.GetProperty("liveSessions").GetInt32());
        var previous = summary.GetProperty("previous");
        Assert.Equal(Day(D0.AddDays(-4)), previous.GetProperty("from").GetString());
        Assert.Equal(Day(D0.AddDays(-1)), previous.GetProperty("to").GetString());
        Assert.Equal("", Money(previous.GetProperty("revenue")));
        Assert.Equal(0, previous.GetProperty("newUsers").GetInt32());

        // Day by day: D0 ends at 23:59:59.999 UTC, D2 is empty, D3 carries the refunds and the fee they return.
        var d0 = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={Day(D0)}&to={Day(D0)}");
        Assert.Equal("USD:10000/2000/0/10000", Money(d0.GetProperty("revenue")));
        Assert.Equal(2, d0.GetProperty("newUsers").GetInt32());
        var d2 = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={Day(D2)}&to={Day(D2)}");
        Assert.Equal("", Money(d2.GetProperty("revenue")));
        Assert.Equal((0, 0, 0, 0), (d2.GetProperty("newUsers").GetInt32(), d2.GetProperty("enrollments").GetInt32(), d2.GetProperty("completions").GetInt32(),
            d2.GetProperty("liveSessions").GetInt32()));
        var d3 = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={Day(D3)}&to={Day(D3)}");
        Assert.Equal("EUR:0/-199/1000/-1000 USD:0/-1000/5000/-5000", Money(d3.GetProperty("revenue")));

        var months = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/revenue?interval=month&from=2019-02-01&to=2019-04-30");
        Assert.Equal("2019-03 EUR 3333/467/1000/2333 | 2019-03 USD 15000/2000/5000/10000",
            string.Join(" | ", months.EnumerateArray().Select(p => $"{p.GetProperty("period").GetString()} {p.GetProperty("currency").GetString()} " +
                $"{p.GetProperty("gross").GetInt64()}/{p.GetProperty("fee").GetInt64()}/{p.GetProperty("refunds").GetInt64()}/{p.GetProperty("net").GetInt64()}")));
        var years = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/revenue?interval=year&from=2019-01-01&to=2019-12-31");
        Assert.Equal(["2019 EUR", "2019 USD"], years.EnumerateArray().Select(p => $"{p.GetProperty("period").GetString()} {p.GetProperty("currency").GetString()}"));

        var byRevenue = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/top-courses?by=revenue&currency=EUR&from={Day(D0)}&to={Day(D3)}");
        var top = Assert.Single(byRevenue.EnumerateArray());
        Assert.Equal(history.CourseA.Id, top.GetProperty("courseId").GetGuid());
        Assert.Equal("USD:10000 EUR:2333", string.Join(" ", top.GetProperty("revenue").EnumerateArray()
            .Select(r => $"{r.GetProperty("currency").GetString()}:{r.GetProperty("net").GetInt64()}")));
        var byEnrollments = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/top-courses?by=enrollments&from={Day(D0)}&to={Day(D3)}");
        Assert.Equal([(history.CourseA.Id, 2), (history.CourseB, 1)],
            byEnrollments.EnumerateArray().Select(c => (c.GetProperty("courseId").GetGuid(), c.GetProperty("enrollments").GetInt32())));

        // The teacher's own view of the same days: course A's money, enrollments and its held session.
        var teacher = await history.CourseA.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/analytics?from={Day(D0)}&to={Day(D3)}");
        var mine = Assert.Single(teacher.GetProperty("courses").EnumerateArray(), c => c.GetProperty("courseId").GetGuid() == history.CourseA.Id);
        Assert.Equal(2, mine.GetProperty("enrollments").GetInt32());
        Assert.Equal(1, mine.GetProperty("completions").GetInt32());
        Assert.Equal(0.5, mine.GetProperty("completionRate").GetDouble());
        Assert.Equal("USD:15000/5000/10000/2000/8000 EUR:3333/1000/2333/467/1866", string.Join(" ", mine.GetProperty("revenue").EnumerateArray().Select(r =>
            $"{r.GetProperty("currency").GetString()}:{r.GetProperty("gross").GetInt64()}/{r.GetProperty("refunds").GetInt64()}/{r.GetProperty("net").GetInt64()}/" +
            $"{r.GetProperty("fee").GetInt64()}/{r.GetProperty("earnings").GetInt64()}")));
        Assert.Equal(["held", "scheduled"], teacher.GetProperty("liveSessions").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_worker_catches_up_after_downtime_and_its_roll_ups_equal_a_rebuild()
    {
        await EnsureAsync(system);
        using var admin = await system.AdminAsync();
        await admin.OkJsonAsync(HttpMethod.Post, "/api/admin/analytics/rebuild");
        await using var db = system.CreateDbContext();
        var rebuilt = await SnapshotAsync(db);
        Assert.NotEmpty(rebuilt);

        // As if the Worker had been down since D1: its roll-ups end on D0. The dashboard meanwhile answers from raw rows.
        foreach (var table in (string[])["analytics_daily_revenue", "analytics_daily_activity", "analytics_daily_course_activity", "analytics_daily_course_revenue"])
        {
            var delete = $"DELETE FROM {table} WHERE day > '2019-03-04'";
            await db.Database.ExecuteSqlRawAsync(delete);
        }
        Assert.Equal(D0, await db.RolledUpThroughAsync(CancellationToken.None));
        var live = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/analytics/summary?from={Day(D0)}&to={Day(D3)}");
        Assert.Equal("USD:15000/2000/5000/10000 EUR:3333/467/1000/2333", Money(live.GetProperty("revenue")));

        // The Worker's clustered job, fired once through the shared job store, brings every missed day back.
        var firedAt = DateTimeOffset.UtcNow;
        await TriggerRollupJobAsync();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await Eventually.TrueAsync(async () => await db.JobRuns.AnyAsync(r => r.JobName == AnalyticsRollupJob.Key.Name && r.StartedAt >= firedAt && r.Succeeded == true)
            && await db.RolledUpThroughAsync(CancellationToken.None) == yesterday, TimeSpan.FromSeconds(60), "the roll-up job to catch up");
        var caughtUp = await SnapshotAsync(db);
        Assert.Equal(rebuilt, caughtUp);
        var days = await db.DailyActivity.CountAsync(a => a.Day >= D0 && a.Day <= yesterday);
        Assert.Equal(yesterday.DayNumber - D0.DayNumber + 1, days); // every day, the empty ones as zeros
    }

    [Fact]
    public async Task New_users_come_per_day_for_28_days_ending_today_with_today_live()
    {
        using var admin = await system.AdminAsync();
        var before = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/users?interval=day&days=28");
        var days = before.EnumerateArray().ToList();
        Assert.Equal(28, days.Count);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(Enumerable.Range(0, 28).Select(i => Day(today.AddDays(i - 27))), days.Select(d => d.GetProperty("date").GetString()));
        Assert.All(days, d => Assert.True(d.GetProperty("newUsers").GetInt32() >= 0));

        using var newcomer = await system.SignUpAsync("Student", "analytics-newcomer");
        var after = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/users?interval=day&days=28");
        Assert.True(after.EnumerateArray().Last().GetProperty("newUsers").GetInt32() > days[^1].GetProperty("newUsers").GetInt32(), "today's count grows at once");

        var months = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/enrollments?interval=month&months=12");
        Assert.Equal(12, months.GetArrayLength());
        Assert.Equal(today.ToString("yyyy-MM"), months.EnumerateArray().Last().GetProperty("period").GetString());
        var weeks = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/analytics/sessions?interval=week");
        Assert.Equal(12, weeks.GetArrayLength());
        Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(weeks.EnumerateArray().Last().GetProperty("period").GetString()!).DayOfWeek);
    }

    [Fact]
    public async Task Only_admins_read_the_dashboard_and_bad_parameters_name_their_field()
    {
        using var student = await system.SignUpAsync("Student", "analytics-student");
        using var teacher = await system.SignUpAsync("Teacher", "analytics-teacher", onboardPayouts: false);
        string[] adminRoutes =
        [
            "/api/admin/analytics/summary", "/api/admin/analytics/revenue?interval=month", "/api/admin/analytics/users?interval=day&days=28",
            "/api/admin/analytics/enrollments?interval=month&months=12", "/api/admin/analytics/sessions?interval=week",
            "/api/admin/analytics/top-courses?by=revenue", "/api/admin/users?format=csv", "/api/admin/courses?format=csv", "/api/admin/orders?format=csv",
            "/api/admin/reviews?format=csv", "/api/admin/moderation?format=csv",
        ];
        foreach (var route in adminRoutes)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, route)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await teacher.SendAsync(HttpMethod.Get, route)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.SendAsync(HttpMethod.Post, "/api/admin/analytics/rebuild")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/teach/analytics")).StatusCode);
        var own = await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/analytics");
        Assert.Equal(0, own.GetProperty("courses").GetArrayLength());

        using var admin = await system.AdminAsync();
        (string Route, string Field)[] bad =
        [
            ("/api/admin/analytics/summary?from=04/03/2019", "from"), ("/api/admin/analytics/summary?from=2019-03-05&to=2019-03-04", "to"),
            ("/api/admin/analytics/revenue?interval=week", "interval"), ("/api/admin/analytics/users?days=0", "days"),
            ("/api/admin/analytics/users?days=many", "days"), ("/api/admin/analytics/enrollments?months=61", "months"),
            ("/api/admin/analytics/top-courses?by=likes", "by"), ("/api/admin/analytics/top-courses?currency=dollars", "currency"),
            ("/api/admin/orders?format=xml", "format"), ("/api/admin/reviews?rating=6", "rating"),
        ];
        foreach (var (route, field) in bad)
        {
            var response = await admin.SendAsync(HttpMethod.Get, route);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route}: {(int)response.StatusCode}");
            Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(response, field));
        }
        var teacherBad = await teacher.SendAsync(HttpMethod.Get, "/api/teach/analytics?from=x");
        Assert.Equal(HttpStatusCode.BadRequest, teacherBad.StatusCode);
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(teacherBad, "from"));
    }

    private async Task TriggerRollupJobAsync()
    {
        // Through the same store settings the Worker uses, from a scheduler that never runs jobs itself.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(quartz => Scheduling.ConfigureJobStore(quartz, system.ConnectionString("coursehub")));
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(AnalyticsRollupJob.Key);
        await scheduler.Shutdown();
    }

    /// <summary>Every roll-up row from D0 up to yesterday, as text (today is never rolled up).</summary>
    private static async Task<List<string>> SnapshotAsync(CourseHub.Domain.CourseHubDbContext db)
    {
        var from = D0;
        var rows = new List<string>();
        rows.AddRange((await db.DailyRevenue.Where(r => r.Day >= from).OrderBy(r => r.Day).ThenBy(r => r.Currency).ToListAsync())
            .Select(r => $"revenue {r.Day} {r.Currency} {r.Gross} {r.Fee} {r.Refunds} {r.PaidOrders} {r.RefundedOrders}"));
        rows.AddRange((await db.DailyActivity.Where(a => a.Day >= from).OrderBy(a => a.Day).ToListAsync())
            .Select(a => $"activity {a.Day} {a.NewUsers} {a.Enrollments} {a.Completions} {a.LiveSessions}"));
        rows.AddRange((await db.DailyCourseActivity.Where(a => a.Day >= from).OrderBy(a => a.Day).ThenBy(a => a.CourseId).ToListAsync())
            .Select(a => $"course {a.Day} {a.CourseId} {a.Enrollments} {a.Completions}"));
        rows.AddRange((await db.DailyCourseRevenue.Where(r => r.Day >= from).OrderBy(r => r.Day).ThenBy(r => r.CourseId).ThenBy(r => r.Currency).ToListAsync())
            .Select(r => $"course-revenue {r.Day} {r.CourseId} {r.Currency} {r.Gross} {r.Fee} {r.Refunds}"));
        return rows;
    }

    /// <summary>"CUR:gross/fee/refunds/net" per currency, in the answer's order.</summary>
    private static string Money(JsonElement revenue) => string.Join(" ", revenue.EnumerateArray().Select(r =>
        $"{r.GetProperty("currency").GetString()}:{r.GetProperty("gross").GetInt64()}/{r.GetProperty("fee").GetInt64()}/{r.GetProperty("refunds").GetInt64()}/{r.GetProperty("net").GetInt64()}"));
}
