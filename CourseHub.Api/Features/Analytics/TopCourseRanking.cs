using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Analytics;

/// <summary>One course's figures over a period: enrollments and, per currency, gross, net and purchases.</summary>
public sealed record CourseFigures(Guid CourseId, int Enrollments, IReadOnlyList<CourseMoney> Money)
{
    public int Purchases => Money.Sum(m => m.Purchases);

    public long? NetIn(string currency) => Money.FirstOrDefault(m => m.Currency == currency)?.Net;
}

public sealed record CourseMoney(string Currency, long Gross, long Net, int Purchases);

/// <summary>
/// The top courses of a period, by net revenue in one currency or by enrollments (ties by course id). The rolled-up days
/// are ranked by PostgreSQL (GROUP BY course, ORDER BY, LIMIT) and cached; the live days (today, a handful of courses) are
/// added in process. That is exact because a course without live rows keeps its rolled-up rank among the others: when L
/// courses have live rows, the top N of the whole period lie within the rolled-up top N + L and those L courses.
/// </summary>
public sealed class TopCourseRanking(CourseHubDbContext db, AnalyticsReader reader)
{
    /// <summary>Over-fetch in steps, so a few more live courses today still find the cached ranking.</summary>
    private const int CandidateStep = 32;

    /// <summary>The currency with the most gross in the period (ties by code), or null when no money moved.</summary>
    public async Task<string?> BusiestCurrencyAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = await reader.RevenueAsync(from, to, cancellationToken);
        return days.GroupBy(d => d.Currency).OrderByDescending(g => g.Sum(d => d.Gross)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
    }

    /// <param name="currency">Rank by net in this currency; null ranks by enrollments.</param>
    public async Task<List<CourseFigures>> TopAsync(string? currency, int take, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (rolledDays, liveDays) = await reader.SplitAsync(from, to, cancellationToken);
        var live = liveDays is { } recent ? await LiveFiguresAsync(recent, cancellationToken) : [];
        var figures = new Dictionary<Guid, CourseFigures>();
        if (rolledDays is { } rolled)
        {
            var limit = (take + live.Count + CandidateStep - 1) / CandidateStep * CandidateStep;
            var key = $"top-courses:{currency ?? "enrollments"}:{limit}:{rolled.From:yyyy-MM-dd}:{rolled.To:yyyy-MM-dd}";
            var candidates = await reader.RolledUpAsync(key, () => RolledUpCandidatesAsync(currency, limit, rolled, cancellationToken), cancellationToken);
            foreach (var course in candidates)
            {
                figures[course.CourseId] = course;
            }
            var missing = live.Keys.Where(id => !figures.ContainsKey(id)).ToList();
            foreach (var course in await RolledUpFiguresAsync(rolled, missing, cancellationToken))
            {
                figures[course.CourseId] = course;
            }
        }
        foreach (var (id, today) in live)
        {
            figures[id] = figures.TryGetValue(id, out var earlier) ? Add(earlier, today) : today;
        }
        var ranked = currency is null
            ? figures.Values.Where(f => f.Enrollments > 0).OrderByDescending(f => f.Enrollments)
            : figures.Values.Where(f => f.NetIn(currency) is not null).OrderByDescending(f => f.NetIn(currency));
        return ranked.ThenBy(f => f.CourseId).Take(take).ToList();
    }

    /// <summary>The rolled-up top <paramref name="limit"/> courses with all their figures.</summary>
    private async Task<List<CourseFigures>> RolledUpCandidatesAsync(string? currency, int limit, DayRange days, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        if (currency is null)
        {
            ids = await db.DailyCourseActivity.AsNoTracking().Where(a => a.Day >= days.From && a.Day <= days.To)
                .GroupBy(a => a.CourseId).Select(g => new { CourseId = g.Key, Enrollments = g.Sum(a => a.Enrollments) })
                .Where(c => c.Enrollments > 0).OrderByDescending(c => c.Enrollments).ThenBy(c => c.CourseId).Take(limit)
                .Select(c => c.CourseId).ToListAsync(cancellationToken);
        }
        else
        {
            ids = await db.DailyCourseRevenue.AsNoTracking().Where(r => r.Day >= days.From && r.Day <= days.To && r.Currency == currency)
                .GroupBy(r => r.CourseId).Select(g => new { CourseId = g.Key, Net = g.Sum(r => r.Gross - r.Refunds) })
                .OrderByDescending(c => c.Net).ThenBy(c => c.CourseId).Take(limit)
                .Select(c => c.CourseId).ToListAsync(cancellationToken);
        }
        return await RolledUpFiguresAsync(days, ids, cancellationToken);
    }

    private async Task<List<CourseFigures>> RolledUpFiguresAsync(DayRange days, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var money = await db.DailyCourseRevenue.AsNoTracking().Where(r => r.Day >= days.From && r.Day <= days.To && ids.Contains(r.CourseId))
            .GroupBy(r => new { r.CourseId, r.Currency })
            .Select(g => new { g.Key.CourseId, g.Key.Currency, Gross = g.Sum(r => r.Gross), Net = g.Sum(r => r.Gross - r.Refunds), Purchases = g.Sum(r => r.PaidOrders) })
            .ToListAsync(cancellationToken);
        var enrollments = await db.DailyCourseActivity.AsNoTracking().Where(a => a.Day >= days.From && a.Day <= days.To && ids.Contains(a.CourseId))
            .GroupBy(a => a.CourseId).Select(g => new { CourseId = g.Key, Enrollments = g.Sum(a => a.Enrollments) })
            .ToDictionaryAsync(c => c.CourseId, c => c.Enrollments, cancellationToken);
        var moneyByCourse = money.ToLookup(m => m.CourseId, m => new CourseMoney(m.Currency, m.Gross, m.Net, m.Purchases));
        return ids.Where(id => enrollments.ContainsKey(id) || moneyByCourse.Contains(id))
            .Select(id => new CourseFigures(id, enrollments.GetValueOrDefault(id), Ordered(moneyByCourse[id]))).ToList();
    }

    /// <summary>Per-course figures of the live days, from raw rows with the roll-ups' definitions.</summary>
    private async Task<Dictionary<Guid, CourseFigures>> LiveFiguresAsync(DayRange days, CancellationToken cancellationToken)
    {
        var until = days.To.AddDays(1);
        var money = (await db.LiveCourseRevenueAsync(days.From, until, cancellationToken))
            .GroupBy(r => (r.CourseId, r.Currency))
            .Select(g => (g.Key.CourseId, Money: new CourseMoney(g.Key.Currency, g.Sum(r => r.Gross), g.Sum(r => r.Gross - r.Refunds), g.Sum(r => r.PaidOrders))))
            .ToLookup(m => m.CourseId, m => m.Money);
        var enrollments = (await db.LiveCourseActivityAsync(days.From, until, cancellationToken))
            .GroupBy(a => a.CourseId).ToDictionary(g => g.Key, g => g.Sum(a => a.Enrollments));
        return money.Select(m => m.Key).Union(enrollments.Keys)
            .ToDictionary(id => id, id => new CourseFigures(id, enrollments.GetValueOrDefault(id), Ordered(money[id])));
    }

    private static CourseFigures Add(CourseFigures earlier, CourseFigures recent) => new(earlier.CourseId, earlier.Enrollments + recent.Enrollments,
        Ordered(earlier.Money.Concat(recent.Money).GroupBy(m => m.Currency)
            .Select(g => new CourseMoney(g.Key, g.Sum(m => m.Gross), g.Sum(m => m.Net), g.Sum(m => m.Purchases)))));

    /// <summary>The order the route answers a course's currencies in: most gross first, ties by code.</summary>
    private static List<CourseMoney> Ordered(IEnumerable<CourseMoney> money) =>
        money.OrderByDescending(m => m.Gross).ThenBy(m => m.Currency, StringComparer.Ordinal).ToList();
}
