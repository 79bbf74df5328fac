using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Analytics;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Analytics;

/// <summary>
/// A teacher's own analytics, per course, from the raw tables (one teacher's rows are few, and the indexes by teacher
/// reach them). Money follows the dashboard's definitions: gross on the day paid, refunds and the returned part of the
/// fee on the day refunded.
/// </summary>
public static class TeacherAnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapTeacherAnalyticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/teach/analytics", GetAsync).WithTags("Teaching").RequireAuthorization(IdentitySetup.TeacherPolicy)
            .WithSummary("My analytics per course")
            .WithDescription("`from`/`to` (UTC dates, both included; default the last 30 days): per own course the period's enrollments, completions and revenue per currency (gross, refunds, net, the platform's fee, my earnings), the completion rate of all its enrollments, its average rating and the period's quiz pass rate; and my live sessions in the period.");
        return endpoints;
    }

    private static async Task<Results<Ok<TeacherAnalytics>, ValidationProblem>> GetAsync(string? from, string? to, HttpContext context, CourseHubDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new AnalyticsQuery();
        var (first, last) = query.Range(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), defaultDays: 30);
        if (!query.IsValid)
        {
            return Problems.Fields(query.Errors);
        }
        var teacherId = context.User.UserId()!.Value;
        var (start, end) = AnalyticsReader.Bounds(first, last);

        var courses = await db.Courses.AsNoTracking().Where(c => c.TeacherId == teacherId && c.Status != CourseStatus.Removed)
            .OrderBy(c => c.Title).Select(c => new { c.Id, c.Title, c.Slug, c.RatingAverage, c.RatingCount }).ToListAsync(cancellationToken);
        var ids = courses.Select(c => c.Id).ToList();
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.TeacherId == teacherId && ((o.PaidAt >= start && o.PaidAt < end) || (o.RefundedAt >= start && o.RefundedAt < end)))
            .Select(o => new { o.CourseId, o.Currency, o.AmountMinor, o.PlatformFeeMinor, o.RefundedMinor, o.PaidAt, o.RefundedAt })
            .ToListAsync(cancellationToken);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.CourseId))
            .GroupBy(e => e.CourseId).Select(g => new
            {
                CourseId = g.Key,
                All = g.Count(),
                EverCompleted = g.Count(e => e.CompletedAt != null),
                New = g.Count(e => e.EnrolledAt >= start && e.EnrolledAt < end),
                Completed = g.Count(e => e.CompletedAt >= start && e.CompletedAt < end),
            }).ToDictionaryAsync(e => e.CourseId, cancellationToken);
        var quizzes = await (from attempt in db.QuizAttempts.AsNoTracking()
                             join lesson in db.Lessons on attempt.LessonId equals lesson.Id
                             join module in db.CourseModules on lesson.ModuleId equals module.Id
                             where ids.Contains(module.CourseId) && attempt.SubmittedAt >= start && attempt.SubmittedAt < end
                             group attempt by module.CourseId into g
                             select new { CourseId = g.Key, Attempts = g.Count(), Passed = g.Count(a => a.Passed) })
            .ToDictionaryAsync(q => q.CourseId, cancellationToken);

        var result = courses.Select(course =>
        {
            var counts = enrollments.GetValueOrDefault(course.Id);
            var quiz = quizzes.GetValueOrDefault(course.Id);
            var revenue = orders.Where(o => o.CourseId == course.Id).GroupBy(o => o.Currency).Select(g =>
            {
                long gross = 0, refunds = 0, fee = 0;
                foreach (var order in g)
                {
                    if (order.PaidAt >= start && order.PaidAt < end)
                    {
                        gross += order.AmountMinor;
                        fee += order.PlatformFeeMinor;
                    }
                    if (order.RefundedAt >= start && order.RefundedAt < end && order.RefundedMinor > 0)
                    {
                        refunds += order.RefundedMinor;
                        fee -= order.RefundedMinor * order.PlatformFeeMinor / order.AmountMinor;
                    }
                }
                return new TeacherRevenue(g.Key, gross, refunds, gross - refunds, fee, gross - refunds - fee);
            }).OrderByDescending(r => r.Gross).ToList();
            return new TeacherCourseAnalytics(course.Id, course.Title, course.Slug, counts?.New ?? 0, counts?.Completed ?? 0,
                counts is { All: > 0 } ? (double)counts.EverCompleted / counts.All : null,
                course.RatingCount > 0 ? course.RatingAverage : null, course.RatingCount,
                quiz?.Attempts ?? 0, quiz is { Attempts: > 0 } ? (double)quiz.Passed / quiz.Attempts : null, revenue);
        }).ToList();

        var bookings = await db.LiveBookings.AsNoTracking()
            .Where(b => b.TeacherId == teacherId && b.StartsAt >= start && b.StartsAt < end && (b.Status == "approved" || b.StartedAt != null))
            .Join(db.Users, b => b.StudentId, u => u.Id, (b, u) => new { b.Id, u.DisplayName, b.StartsAt, b.EndsAt, b.Status, b.StartedAt, b.EndedAt })
            .ToListAsync(cancellationToken);
        var groups = await db.GroupSessions.AsNoTracking().Where(s => s.TeacherId == teacherId && s.StartsAt >= start && s.StartsAt < end)
            .Select(s => new { s.Id, s.Title, s.StartsAt, s.EndsAt, s.StartedAt, s.EndedAt }).ToListAsync(cancellationToken);
        var sessionIds = bookings.Select(b => b.Id).Concat(groups.Select(g => g.Id)).ToList();
        var attendees = await db.LiveAttendances.AsNoTracking().Where(a => sessionIds.Contains(a.SessionId) && a.UserId != teacherId)
            .GroupBy(a => a.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(a => a.Key, a => a.Count, cancellationToken);
        var sessions = bookings.Select(b => new TeacherLiveSession(b.Id, "booking", $"One-to-one with {b.DisplayName}", b.StartsAt, b.EndsAt,
                b.StartedAt is null ? b.Status : "held", b.StartedAt, b.EndedAt, attendees.GetValueOrDefault(b.Id)))
            .Concat(groups.Select(g => new TeacherLiveSession(g.Id, "group", g.Title, g.StartsAt, g.EndsAt, g.StartedAt is null ? "scheduled" : "held",
                g.StartedAt, g.EndedAt, attendees.GetValueOrDefault(g.Id))))
            .OrderByDescending(s => s.StartsAt).ToList();
        return TypedResults.Ok(new TeacherAnalytics(first, last, result, sessions));
    }
}
