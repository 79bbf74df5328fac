using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CourseHub.Api.Features.Analytics;

/// <summary>
/// Daily figures for a range of days: the rolled-up days from the roll-up tables, the rest (today, and whatever the
/// Worker has not reached yet) computed from raw rows with the same definitions — so the answer is current and its cost
/// does not grow with the raw tables.
/// </summary>
public sealed class AnalyticsReader(CourseHubDbContext db, IConnectionMultiplexer redis, TimeProvider clock, ILogger<AnalyticsReader> logger)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task<List<DailyRevenue>> RevenueAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReadAsync(from, to, (start, end) => db.DailyRevenue.AsNoTracking().Where(r => r.Day >= start && r.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveRevenueAsync(start, until, cancellationToken), cancellationToken);

    /// <summary>One entry per day of the range, days with nothing as zeros.</summary>
    public async Task<List<DailyActivity>> ActivityAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = (await ReadAsync(from, to, (start, end) => db.DailyActivity.AsNoTracking().Where(a => a.Day >= start && a.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveActivityAsync(start, until, cancellationToken), cancellationToken)).ToDictionary(a => a.Day);
        var all = new List<DailyActivity>(to.DayNumber - from.DayNumber + 1);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            all.Add(days.GetValueOrDefault(day) ?? new DailyActivity { Day = day });
        }
        return all;
    }

    public Task<List<DailyCourseActivity>> CourseActivityAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReadAsync(from, to, (start, end) => db.DailyCourseActivity.AsNoTracking().Where(a => a.Day >= start && a.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveCourseActivityAsync(start, until, cancellationToken), cancellationToken);

    public Task<List<DailyCourseRevenue>> CourseRevenueAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReadAsync(from, to, (start, end) => db.DailyCourseRevenue.AsNoTracking().Where(r => r.Day >= start && r.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveCourseRevenueAsync(start, until, cancellationToken), cancellationToken);

    /// <summary>
    /// Course page views per day and course: the table the Worker adds to, plus the counts still waiting in Redis (so a view
    /// counts at once; the hash holds only the views since the job's last run, so reading it is cheap). Without Redis, the
    /// waiting counts are left out until it is back.
    /// </summary>
    public async Task<List<DailyCourseViews>> CourseViewsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var views = await db.DailyCourseViews.AsNoTracking().Where(v => v.Day >= from && v.Day <= to).ToListAsync(cancellationToken);
        try
        {
            var store = redis.GetDatabase();
            foreach (var key in (string[])[CourseViewCounts.PendingKey, CourseViewCounts.FlushingKey])
            {
                var waiting = await store.HashGetAllAsync(key);
                views.AddRange(CourseViewCounts.Parse(waiting.Select(f => new KeyValuePair<string, long>(f.Name.ToString(), (long)f.Value)))
                    .Where(v => v.Day >= from && v.Day <= to));
            }
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Course page views waiting in Redis are left out: {Reason}", ex.Message);
        }
        return views;
    }

    /// <summary>Learners with lesson progress in the period (from the raw table: a distinct count does not add up over days).</summary>
    public Task<int> ActiveLearnersAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = Bounds(from, to);
        return db.LessonProgress.Where(p => p.UpdatedAt >= start && p.UpdatedAt < end).Select(p => p.UserId).Distinct().CountAsync(cancellationToken);
    }

    /// <summary>Reports open at the end of the period.</summary>
    public Task<int> OpenReportsAsync(DateOnly to, CancellationToken cancellationToken)
    {
        var (_, end) = Bounds(to, to);
        return db.ContentReports.CountAsync(r => r.CreatedAt < end && (r.ResolvedAt == null || r.ResolvedAt >= end), cancellationToken);
    }

    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private async Task<List<T>> ReadAsync<T>(DateOnly from, DateOnly to, Func<DateOnly, DateOnly, Task<List<T>>> rolledUp,
        Func<DateOnly, DateOnly, Task<List<T>>> live, CancellationToken cancellationToken)
    {
        var last = Min(to, Today);
        var through = await db.RolledUpThroughAsync(cancellationToken);
        var rows = new List<T>();
        if (through is { } rolled && rolled >= from)
        {
            rows.AddRange(await rolledUp(from, Min(rolled, last)));
        }
        var liveFrom = through is { } done && done >= from ? done.AddDays(1) : from;
        if (liveFrom <= last)
        {
            rows.AddRange(await live(liveFrom, last.AddDays(1)));
        }
        return rows;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
