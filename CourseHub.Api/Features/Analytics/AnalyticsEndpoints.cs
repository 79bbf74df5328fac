using System.Diagnostics;
using System.Globalization;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Analytics;
using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Analytics;

/// <summary>
/// The admin dashboard's figures, read from the daily roll-ups plus today's live figures (see <see cref="AnalyticsReader"/>).
/// Days are UTC; money is per currency, never summed across currencies.
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>The readers, and the process cache of rolled-up figures they share (see <see cref="AnalyticsReader"/>).</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services) =>
        services.AddMemoryCache().AddScoped<AnalyticsReader>().AddScoped<TopCourseRanking>();

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/analytics").WithTags("Analytics").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("/summary", SummaryAsync).WithSummary("Key figures against the previous period")
            .WithDescription("`from`/`to` (UTC dates, both included; default the last 30 days): revenue per currency (gross, fee, refunds, net), new users, active learners, enrollments, completions, live sessions held, open moderation reports, course page views, purchases (orders paid) and their conversion (purchases ÷ views) — and `previous`, the same for the period of the same length just before.");
        admin.MapGet("/revenue", RevenueAsync).WithSummary("Revenue per period and currency")
            .WithDescription("`interval=month` (default; the last 12 months) or `year` (the last 5 years); `from`/`to` narrow it. Periods without money are left out.");
        admin.MapGet("/users", UsersAsync).WithSummary("New users per day")
            .WithDescription("`interval=day`, `days` (1–366, default 28) ending today (UTC); every day has an entry, zero when nobody joined.");
        admin.MapGet("/enrollments", EnrollmentsAsync).WithSummary("Enrollments per month")
            .WithDescription("`interval=month`, `months` (1–60, default 12) ending with the current month; every month has an entry.");
        admin.MapGet("/sessions", SessionsAsync).WithSummary("Live sessions held per week")
            .WithDescription("`interval=week`, `weeks` (1–104, default 12) ending with the current week; weeks are named by their Monday.");
        admin.MapGet("/top-courses", TopCoursesAsync).WithSummary("Top courses by revenue or enrollments")
            .WithDescription("`by=revenue|enrollments` (default revenue) over `from`/`to` (default the last 30 days), `limit` 1–50 (default 10). By revenue ranks by net in `currency` (default: the currency with the most gross in the period). Each course has its page views, purchases and conversion.");
        admin.MapPost("/rebuild", RebuildAsync).WithSummary("Recompute the roll-ups from raw data")
            .WithDescription("Throws the daily roll-ups away and recomputes them up to yesterday in one transaction; the figures stay readable meanwhile. With `from` (a UTC date), only the days from then on are recomputed (after a data fix, or to time the incremental step). Audited.");
        return endpoints;
    }

    private static async Task<Results<Ok<AnalyticsSummary>, ValidationProblem>> SummaryAsync(string? from, string? to, AnalyticsReader reader,
        CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        var (start, end) = query.Range(from, to, reader.Today, defaultDays: 30);
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var length = end.DayNumber - start.DayNumber + 1;
        var current = await PeriodAsync(reader, start, end, cancellationToken);
        var previous = await PeriodAsync(reader, start.AddDays(-length), start.AddDays(-1), cancellationToken);
        return TypedResults.Ok(new AnalyticsSummary(current.From, current.To, current.Revenue, current.NewUsers, current.ActiveLearners, current.Enrollments,
            current.Completions, current.LiveSessions, current.OpenReports, current.CourseViews, current.Purchases, current.Conversion, previous));
    }

    private static async Task<AnalyticsPeriod> PeriodAsync(AnalyticsReader reader, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var revenue = await reader.RevenueAsync(from, to, cancellationToken);
        var activity = await reader.ActivityAsync(from, to, cancellationToken);
        var views = (await reader.CourseViewsAsync(from, to, cancellationToken)).Sum(v => v.Views);
        var purchases = revenue.Sum(r => r.PaidOrders);
        return new AnalyticsPeriod(from, to, Totals(revenue).OrderByDescending(r => r.Gross).ThenBy(r => r.Currency).ToList(),
            activity.Sum(a => a.NewUsers), await reader.ActiveLearnersAsync(from, to, cancellationToken), activity.Sum(a => a.Enrollments),
            activity.Sum(a => a.Completions), activity.Sum(a => a.LiveSessions), await reader.OpenReportsAsync(to, cancellationToken),
            views, purchases, Conversion(purchases, views));
    }

    private static async Task<Results<Ok<List<RevenuePoint>>, ValidationProblem>> RevenueAsync(string? interval, string? from, string? to,
        AnalyticsReader reader, CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        var unit = query.Choice(interval, "interval", "month", "month", "year");
        var today = reader.Today;
        var defaultStart = unit == "year" ? new DateOnly(today.Year - 4, 1, 1) : new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var (start, end) = query.Range(from, to, today, defaultDays: today.DayNumber - defaultStart.DayNumber + 1);
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var days = await reader.RevenueAsync(start, end, cancellationToken);
        Func<DateOnly, string> period = unit == "year" ? d => d.Year.ToString(CultureInfo.InvariantCulture) : Month;
        var points = days.GroupBy(d => (Period: period(d.Day), d.Currency))
            .Select(g => Point(g.Key.Period, g.Key.Currency, g))
            .OrderBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Currency, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(points);
    }

    private static async Task<Results<Ok<List<NewUsersPoint>>, ValidationProblem>> UsersAsync(string? interval, string? days, AnalyticsReader reader,
        CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        query.Choice(interval, "interval", "day", "day");
        var count = query.Number(days, "days", 28, 1, 366);
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var today = reader.Today;
        var activity = await reader.ActivityAsync(today.AddDays(1 - count), today, cancellationToken);
        return TypedResults.Ok(activity.Select(a => new NewUsersPoint(a.Day, a.NewUsers)).ToList());
    }

    private static async Task<Results<Ok<List<EnrollmentsPoint>>, ValidationProblem>> EnrollmentsAsync(string? interval, string? months, AnalyticsReader reader,
        CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        query.Choice(interval, "interval", "month", "month");
        var count = query.Number(months, "months", 12, 1, 60);
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var today = reader.Today;
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - count);
        var activity = await reader.ActivityAsync(first, today, cancellationToken);
        var byMonth = activity.GroupBy(a => Month(a.Day)).ToDictionary(g => g.Key, g => g.Sum(a => a.Enrollments));
        return TypedResults.Ok(Enumerable.Range(0, count).Select(i => Month(first.AddMonths(i)))
            .Select(m => new EnrollmentsPoint(m, byMonth.GetValueOrDefault(m))).ToList());
    }

    private static async Task<Results<Ok<List<SessionsPoint>>, ValidationProblem>> SessionsAsync(string? interval, string? weeks, AnalyticsReader reader,
        CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        query.Choice(interval, "interval", "week", "week");
        var count = query.Number(weeks, "weeks", 12, 1, 104);
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var today = reader.Today;
        var monday = Monday(today).AddDays(-7 * (count - 1));
        var activity = await reader.ActivityAsync(monday, today, cancellationToken);
        var byWeek = activity.GroupBy(a => Monday(a.Day)).ToDictionary(g => g.Key, g => g.Sum(a => a.LiveSessions));
        return TypedResults.Ok(Enumerable.Range(0, count).Select(i => monday.AddDays(7 * i))
            .Select(w => new SessionsPoint(w.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), byWeek.GetValueOrDefault(w))).ToList());
    }

    private static async Task<Results<Ok<List<TopCourse>>, ValidationProblem>> TopCoursesAsync(string? by, string? from, string? to, string? currency, string? limit,
        AnalyticsReader reader, TopCourseRanking ranking, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        var order = query.Choice(by, "by", "revenue", "revenue", "enrollments");
        var take = query.Number(limit, "limit", 10, 1, 50);
        var (start, end) = query.Range(from, to, reader.Today, defaultDays: 30);
        if (currency is { } code && !(code.Length == 3 && code.All(char.IsAsciiLetter)))
        {
            query.Fail("currency", "A three-letter ISO 4217 code such as USD.");
        }
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var rankIn = order == "enrollments" ? null : currency?.ToUpperInvariant() ?? await ranking.BusiestCurrencyAsync(start, end, cancellationToken);
        // Ranking by revenue with no money in the period has nothing to rank.
        var top = order == "revenue" && rankIn is null ? [] : await ranking.TopAsync(rankIn, take, start, end, cancellationToken);
        var ranked = top.Select(c => c.CourseId).ToList();
        var titles = await db.Courses.AsNoTracking().Where(c => ranked.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        var views = (await reader.CourseViewsAsync(start, end, cancellationToken)).Where(v => ranked.Contains(v.CourseId))
            .GroupBy(v => v.CourseId).ToDictionary(g => g.Key, g => g.Sum(v => v.Views));
        return TypedResults.Ok(top.Select(c => new TopCourse(c.CourseId, titles.GetValueOrDefault(c.CourseId) ?? "(deleted course)", c.Enrollments,
            c.Money.Select(m => new CourseNet(m.Currency, m.Net)).ToList(),
            views.GetValueOrDefault(c.CourseId), c.Purchases, Conversion(c.Purchases, views.GetValueOrDefault(c.CourseId)))).ToList());
    }

    private static async Task<Results<Ok<AnalyticsRebuild>, ValidationProblem>> RebuildAsync(string? from, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        var since = query.Date(from, "from");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (since >= today)
        {
            query.Fail("from", "Must be before today (today is never rolled up).");
        }
        // Starting past the last rolled-up day would leave a gap the dashboard reads as rolled up.
        var through = await db.RolledUpThroughAsync(cancellationToken);
        if (since is { } asked && query.IsValid && (through is null || asked > through.Value.AddDays(1)))
        {
            query.Fail("from", through is { } last ? $"The roll-ups end on {last:yyyy-MM-dd}: start on {last.AddDays(1):yyyy-MM-dd} or earlier." : "Nothing is rolled up yet: rebuild everything first.");
        }
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var watch = Stopwatch.StartNew();
        int days;
        if (since is { } start)
        {
            await db.RecomputeAsync(start, today, cancellationToken);
            days = today.DayNumber - start.DayNumber;
        }
        else
        {
            days = await db.RebuildAsync(clock, cancellationToken);
        }
        db.Record(clock, context.User, "analytics.rebuild", $"Analytics roll-ups rebuilt: {days} day(s) in {watch.ElapsedMilliseconds} ms");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AnalyticsRebuild(days, await db.RolledUpThroughAsync(cancellationToken), watch.ElapsedMilliseconds));
    }

    private static IEnumerable<CurrencyRevenue> Totals(IEnumerable<DailyRevenue> days) =>
        days.GroupBy(d => d.Currency).Select(g => Point("", g.Key, g)).Select(p => new CurrencyRevenue(p.Currency, p.Gross, p.Fee, p.Refunds, p.Net));

    private static RevenuePoint Point(string period, string currency, IEnumerable<DailyRevenue> days)
    {
        long gross = 0, fee = 0, refunds = 0;
        foreach (var day in days)
        {
            gross += day.Gross;
            fee += day.Fee;
            refunds += day.Refunds;
        }
        return new RevenuePoint(period, currency, gross, fee, refunds, gross - refunds);
    }

    /// <summary>Purchases ÷ course page views, to four decimals; null without views (nothing to convert from).</summary>
    private static double? Conversion(int purchases, long views) => views == 0 ? null : Math.Round((double)purchases / views, 4);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
