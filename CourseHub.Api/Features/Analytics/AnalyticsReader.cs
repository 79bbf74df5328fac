using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace CourseHub.Api.Features.Analytics;

/// <summary>
/// Daily figures for a range of days: the rolled-up days from the roll-up tables, the rest (today, and whatever the
/// Worker has not reached yet) computed from raw rows with the same definitions — so the answer is current and its cost
/// does not grow with the raw tables. The rolled-up part is kept in process, keyed on what was asked and the roll-ups'
/// <see cref="RollupWatermark"/> (the last rolled-up day and the generation every roll-up write raises), so it is exact:
/// the Worker's step or a rebuild on any replica makes the next read go to the database. The live part is always read.
/// </summary>
public sealed class AnalyticsReader(CourseHubDbContext db, IConnectionMultiplexer redis, IMemoryCache cache, TimeProvider clock, ILogger<AnalyticsReader> logger)
{
    /// <summary>
    /// Entries of an older generation are never asked for again; they only wait to expire. The Worker rewrites yesterday
    /// every roll-up interval (15 minutes by default), which is about how long an entry is useful anyway.
    /// </summary>
    private static readonly TimeSpan RolledUpLifetime = TimeSpan.FromMinutes(20);

    private Task<RollupWatermark>? _watermark;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task<List<DailyRevenue>> RevenueAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReadAsync("revenue", from, to, (start, end) => db.DailyRevenue.AsNoTracking().Where(r => r.Day >= start && r.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveRevenueAsync(start, until, cancellationToken), cancellationToken);

    /// <summary>One entry per day of the range, days with nothing as zeros.</summary>
    public async Task<List<DailyActivity>> ActivityAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = (await ReadAsync("activity", from, to, (start, end) => db.DailyActivity.AsNoTracking().Where(a => a.Day >= start && a.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveActivityAsync(start, until, cancellationToken), cancellationToken)).ToDictionary(a => a.Day);
        var all = new List<DailyActivity>(to.DayNumber - from.DayNumber + 1);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            all.Add(days.GetValueOrDefault(day) ?? new DailyActivity { Day = day });
        }
        return all;
    }

    public Task<List<DailyCourseActivity>> CourseActivityAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReadAsync("course-activity", from, to, (start, end) => db.DailyCourseActivity.AsNoTracking().Where(a => a.Day >= start && a.Day <= end).ToListAsync(cancellationToken),
            (start, until) => db.LiveCourseActivityAsync(start, until, cancellationToken), cancellationToken);

    public Task<List<DailyCourseRevenue>> CourseRevenueAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReadAsync("course-revenue", from, to, (start, end) => db.DailyCourseRevenue.AsNoTracking().Where(r => r.Day >= start && r.Day <= end).ToListAsync(cancellationToken),
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

    /// <summary>
    /// Which days of <paramref name="from"/>–<paramref name="to"/> (both included) come from the roll-ups and which from raw
    /// rows (the days after the last rolled-up one, up to today); either is null when it has no days.
    /// </summary>
    public async Task<(DayRange? RolledUp, DayRange? Live)> SplitAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var last = Min(to, Today);
        var through = (await WatermarkAsync(cancellationToken)).Through;
        DayRange? rolledUp = through is { } rolled && rolled >= from && from <= Min(rolled, last) ? new DayRange(from, Min(rolled, last)) : null;
        var liveFrom = through is { } done && done >= from ? done.AddDays(1) : from;
        DayRange? live = liveFrom <= last ? new DayRange(liveFrom, last) : null;
        return (rolledUp, live);
    }

    /// <summary>
    /// A figure computed from the roll-ups only, from this process's cache while the roll-ups are unchanged. The value is
    /// shared between requests: callers must not change it.
    /// </summary>
    public async Task<T> RolledUpAsync<T>(string key, Func<Task<T>> read, CancellationToken cancellationToken) where T : class
    {
        var watermark = await WatermarkAsync(cancellationToken);
        var entryKey = $"analytics:{watermark.Generation}:{watermark.Through:yyyy-MM-dd}:{key}";
        if (cache.TryGetValue(entryKey, out T? cached) && cached is not null)
        {
            return cached;
        }
        var value = await read();
        // The Api's memory cache is bounded in bytes (ApplicationSetup): an entry says its rough size, rows × a row's bytes.
        var size = 256L + ((value as System.Collections.ICollection)?.Count ?? 1) * 96L;
        cache.Set(entryKey, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = RolledUpLifetime, Size = size });
        return value;
    }

    /// <summary>Read once per request, so every part of one answer splits its days at the same place.</summary>
    private Task<RollupWatermark> WatermarkAsync(CancellationToken cancellationToken) => _watermark ??= db.RollupWatermarkAsync(cancellationToken);

    private async Task<List<T>> ReadAsync<T>(string kind, DateOnly from, DateOnly to, Func<DateOnly, DateOnly, Task<List<T>>> rolledUp,
        Func<DateOnly, DateOnly, Task<List<T>>> live, CancellationToken cancellationToken) where T : class
    {
        var (rolledDays, liveDays) = await SplitAsync(from, to, cancellationToken);
        var rows = new List<T>();
        if (rolledDays is { } rolled)
        {
            rows.AddRange(await RolledUpAsync($"{kind}:{rolled.From:yyyy-MM-dd}:{rolled.To:yyyy-MM-dd}", () => rolledUp(rolled.From, rolled.To), cancellationToken));
        }
        if (liveDays is { } recent)
        {
            rows.AddRange(await live(recent.From, recent.To.AddDays(1)));
        }
        return rows;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>UTC days from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To);
