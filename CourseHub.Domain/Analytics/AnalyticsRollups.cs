using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Domain.Analytics;

/// <summary>
/// Computes the daily roll-ups from the raw tables — one definition for the Worker's incremental job, the rebuild and the
/// dashboard's live figures for the days not rolled up yet (today). Days are UTC dates; a day is rolled up only once it
/// is over, so a rolled-up day never changes unless raw rows are written with past times (a rebuild takes those in).
/// </summary>
/// <remarks>
/// Money follows <c>Earnings</c> in the Api: gross counts on the day an order was paid, a refund on the day it was
/// refunded, and the refunded part of the platform's fee (rounded down, as Stripe does) leaves the fee that day.
/// </remarks>
public static class AnalyticsRollups
{
    /// <summary>Serializes writers (the Worker's job on any replica, an admin's rebuild) without blocking readers.</summary>
    private const long WriterLockKey = 0x616e616c797469; // "analyti"

    private const string MoneyRows = """
        SELECT (paid_at AT TIME ZONE 'UTC')::date AS day, course_id, currency, amount_minor AS gross, platform_fee_minor AS fee,
               0::bigint AS refunds, 1 AS paid, 0 AS refunded
        FROM orders WHERE paid_at >= @from_at AND paid_at < @to_at
        UNION ALL
        SELECT (refunded_at AT TIME ZONE 'UTC')::date, course_id, currency, 0::bigint, -(refunded_minor * platform_fee_minor / amount_minor),
               refunded_minor, 0, 1
        FROM orders WHERE refunded_at >= @from_at AND refunded_at < @to_at AND refunded_minor > 0
        """;

    /// <summary>Columns of <see cref="DailyRevenue"/>.</summary>
    public const string RevenueSql = $"""
        SELECT day, currency, sum(gross)::bigint AS gross, sum(fee)::bigint AS fee, sum(refunds)::bigint AS refunds,
               sum(paid)::int AS paid_orders, sum(refunded)::int AS refunded_orders
        FROM ({MoneyRows}) money GROUP BY day, currency
        """;

    /// <summary>Columns of <see cref="DailyCourseRevenue"/>.</summary>
    public const string CourseRevenueSql = $"""
        SELECT day, course_id, currency, sum(gross)::bigint AS gross, sum(fee)::bigint AS fee, sum(refunds)::bigint AS refunds,
               sum(paid)::int AS paid_orders
        FROM ({MoneyRows}) money GROUP BY day, course_id, currency
        """;

    /// <summary>Columns of <see cref="DailyCourseActivity"/>.</summary>
    public const string CourseActivitySql = """
        SELECT day, course_id, sum(enrolled)::int AS enrollments, sum(completed)::int AS completions
        FROM (
            SELECT (enrolled_at AT TIME ZONE 'UTC')::date AS day, course_id, 1 AS enrolled, 0 AS completed
            FROM enrollments WHERE enrolled_at >= @from_at AND enrolled_at < @to_at
            UNION ALL
            SELECT (completed_at AT TIME ZONE 'UTC')::date, course_id, 0, 1
            FROM enrollments WHERE completed_at >= @from_at AND completed_at < @to_at
        ) activity GROUP BY day, course_id
        """;

    /// <summary>Columns of <see cref="DailyActivity"/>: one row for every day of the range, zeros included.</summary>
    public const string ActivitySql = $"""
        WITH days AS (SELECT generate_series(@from_day::date, @to_day::date - 1, interval '1 day')::date AS day),
        joined AS (
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM users
            WHERE created_at >= @from_at AND created_at < @to_at GROUP BY 1),
        courses AS (SELECT day, sum(enrollments) AS enrollments, sum(completions) AS completions FROM ({CourseActivitySql}) c GROUP BY day),
        held AS (
            SELECT day, count(*) AS n FROM (
                SELECT (started_at AT TIME ZONE 'UTC')::date AS day FROM live_bookings WHERE started_at >= @from_at AND started_at < @to_at
                UNION ALL
                SELECT (started_at AT TIME ZONE 'UTC')::date FROM group_sessions WHERE started_at >= @from_at AND started_at < @to_at
            ) sessions GROUP BY day)
        SELECT days.day, coalesce(joined.n, 0)::int AS new_users, coalesce(courses.enrollments, 0)::int AS enrollments,
               coalesce(courses.completions, 0)::int AS completions, coalesce(held.n, 0)::int AS live_sessions
        FROM days LEFT JOIN joined USING (day) LEFT JOIN courses USING (day) LEFT JOIN held USING (day)
        """;

    /// <summary>The last day the roll-ups hold, or null before the first roll-up.</summary>
    public static async Task<DateOnly?> RolledUpThroughAsync(this CourseHubDbContext db, CancellationToken cancellationToken) =>
        await db.DailyActivity.MaxAsync(a => (DateOnly?)a.Day, cancellationToken);

    /// <summary>
    /// How far the roll-ups reach and which write of them is current, in one round trip: what a cache of rolled-up figures
    /// is keyed on.
    /// </summary>
    public static Task<RollupWatermark> RollupWatermarkAsync(this CourseHubDbContext db, CancellationToken cancellationToken) =>
        db.RollupGenerations.Where(g => g.Id == RollupGeneration.SingleRowId)
            .Select(g => new RollupWatermark(db.DailyActivity.Max(a => (DateOnly?)a.Day), g.Generation))
            .SingleAsync(cancellationToken);

    /// <summary>
    /// Brings the roll-ups up to yesterday (UTC): recomputes from the last rolled-up day on, so a Worker that was down for
    /// days catches up in one run. Answers the days recomputed.
    /// </summary>
    public static async Task<int> CatchUpAsync(this CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = await db.RolledUpThroughAsync(cancellationToken) ?? await db.EarliestDayAsync(today, cancellationToken);
        if (from >= today)
        {
            return 0;
        }
        await db.RecomputeAsync(from, today, cancellationToken);
        return today.DayNumber - from.DayNumber;
    }

    /// <summary>Throws every roll-up away and recomputes all days from the first raw row to yesterday, in one transaction (readers see the old figures until it commits).</summary>
    public static async Task<int> RebuildAsync(this CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = await db.EarliestDayAsync(today, cancellationToken);
        await db.RecomputeAsync(from, today, cancellationToken, everything: true);
        return today.DayNumber - from.DayNumber;
    }

    /// <summary>Replaces the roll-ups of the days <paramref name="from"/> up to (not including) <paramref name="until"/> with figures computed from raw rows.</summary>
    public static async Task RecomputeAsync(this CourseHubDbContext db, DateOnly from, DateOnly until, CancellationToken cancellationToken, bool everything = false)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLockKey})", cancellationToken);
            var range = everything ? "" : " WHERE day >= @from_day AND day < @to_day";
            // analytics_daily_course_views is not among them: views have no raw rows to recompute from (see DailyCourseViews).
            foreach (var table in (string[])["analytics_daily_revenue", "analytics_daily_activity", "analytics_daily_course_activity", "analytics_daily_course_revenue"])
            {
                // Constant table names only: nothing of the caller's reaches the statement but the bound dates.
                var delete = $"DELETE FROM {table}{range}";
                await db.Database.ExecuteSqlRawAsync(delete, everything ? [] : Parameters(from, until), cancellationToken);
            }
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO analytics_daily_revenue (day, currency, gross, fee, refunds, paid_orders, refunded_orders) {RevenueSql}", Parameters(from, until), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO analytics_daily_activity (day, new_users, enrollments, completions, live_sessions) {ActivitySql}", Parameters(from, until), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO analytics_daily_course_activity (day, course_id, enrollments, completions) {CourseActivitySql}", Parameters(from, until), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO analytics_daily_course_revenue (day, course_id, currency, gross, fee, refunds, paid_orders) {CourseRevenueSql}", Parameters(from, until), cancellationToken);
            // Readers key their caches on it: raised with the rows, so nobody sees new rows under the old number.
            await db.Database.ExecuteSqlRawAsync("UPDATE analytics_rollup_generation SET generation = generation + 1", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>Daily money computed from raw rows (for days not rolled up).</summary>
    public static Task<List<DailyRevenue>> LiveRevenueAsync(this CourseHubDbContext db, DateOnly from, DateOnly until, CancellationToken cancellationToken) =>
        db.DailyRevenue.FromSqlRaw(RevenueSql, Parameters(from, until)).AsNoTracking().ToListAsync(cancellationToken);

    public static Task<List<DailyActivity>> LiveActivityAsync(this CourseHubDbContext db, DateOnly from, DateOnly until, CancellationToken cancellationToken) =>
        db.DailyActivity.FromSqlRaw(ActivitySql, Parameters(from, until)).AsNoTracking().ToListAsync(cancellationToken);

    public static Task<List<DailyCourseActivity>> LiveCourseActivityAsync(this CourseHubDbContext db, DateOnly from, DateOnly until, CancellationToken cancellationToken) =>
        db.DailyCourseActivity.FromSqlRaw(CourseActivitySql, Parameters(from, until)).AsNoTracking().ToListAsync(cancellationToken);

    public static Task<List<DailyCourseRevenue>> LiveCourseRevenueAsync(this CourseHubDbContext db, DateOnly from, DateOnly until, CancellationToken cancellationToken) =>
        db.DailyCourseRevenue.FromSqlRaw(CourseRevenueSql, Parameters(from, until)).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The first UTC day any counted raw row falls on (the first account, normally), or today on an empty platform.</summary>
    private static async Task<DateOnly> EarliestDayAsync(this CourseHubDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var firstUser = await db.Users.MinAsync(u => (DateTimeOffset?)u.CreatedAt, cancellationToken);
        var firstOrder = await db.Orders.MinAsync(o => o.PaidAt, cancellationToken);
        var firstEnrollment = await db.Enrollments.MinAsync(e => (DateTimeOffset?)e.EnrolledAt, cancellationToken);
        var first = new[] { firstUser, firstOrder, firstEnrollment }.Where(at => at is not null).Min();
        return first is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : today;
    }

    private static object[] Parameters(DateOnly from, DateOnly until) =>
    [
        new NpgsqlParameter("from_day", NpgsqlDbType.Date) { Value = from },
        new NpgsqlParameter("to_day", NpgsqlDbType.Date) { Value = until },
        new NpgsqlParameter("from_at", NpgsqlDbType.TimestampTz) { Value = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) },
        new NpgsqlParameter("to_at", NpgsqlDbType.TimestampTz) { Value = new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) },
    ];
}

/// <summary>The last rolled-up day (null before the first roll-up) and the roll-ups' <see cref="RollupGeneration"/>.</summary>
public sealed record RollupWatermark(DateOnly? Through, long Generation);
