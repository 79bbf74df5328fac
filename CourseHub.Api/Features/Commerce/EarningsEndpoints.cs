using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Commerce;

/// <summary>A teacher's earnings from their paid orders, per currency, per course and per month (UTC).</summary>
public static class EarningsEndpoints
{
    public static IEndpointRouteBuilder MapEarningsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/teach/earnings", GetAsync).WithTags("Payouts").RequireAuthorization(IdentitySetup.TeacherPolicy)
            .WithSummary("Read my earnings")
            .WithDescription("Gross, platform fee, refunds and net of the teacher's orders paid between `from` and `to` (inclusive dates, UTC; default the last 12 months), per currency, course and month.");
        return endpoints;
    }

    private static async Task<Results<Ok<EarningsReport>, ValidationProblem>> GetAsync(string? from, string? to, HttpContext context, CourseHubDbContext db,
        IOptions<PaymentsOptions> payments, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, List<string>>();
        var end = ParseDate(to, "to", today, errors);
        var start = ParseDate(from, "from", new DateOnly(end.Year, end.Month, 1).AddMonths(-11), errors);
        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["Must not be after `to`."];
        }
        if (errors.Count == 0 && end.DayNumber - start.DayNumber > 3 * 366)
        {
            errors["from"] = ["Ask for at most three years at a time."];
        }
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var teacherId = context.User.UserId()!.Value;
        var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await (from order in db.Orders.AsNoTracking()
                          join course in db.Courses on order.CourseId equals course.Id
                          where order.TeacherId == teacherId && order.PaidAt >= since && order.PaidAt < until
                          select new { order, course.Title, course.Slug }).ToListAsync(cancellationToken);

        var courses = rows.GroupBy(r => new { r.order.CourseId, r.Title, r.Slug, r.order.Currency })
            .Select(g => new CourseEarnings(g.Key.CourseId, g.Key.Title, g.Key.Slug, Earnings.Sum(g.Key.Currency, g.Select(r => r.order))))
            .OrderByDescending(c => c.Money.Net).ToList();
        var months = rows.GroupBy(r => new { Month = r.order.PaidAt!.Value.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), r.order.Currency })
            .Select(g => new MonthlyEarnings(g.Key.Month, Earnings.Sum(g.Key.Currency, g.Select(r => r.order))))
            .OrderBy(m => m.Month).ThenBy(m => m.Money.Currency).ToList();
        return TypedResults.Ok(new EarningsReport(start, end, payments.Value.PlatformFeePercent, Earnings.Totals(rows.Select(r => r.order)), courses, months));
    }

    private static DateOnly ParseDate(string? text, string field, DateOnly fallback, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = ["Use a date like 2026-01-31."];
        return fallback;
    }
}
