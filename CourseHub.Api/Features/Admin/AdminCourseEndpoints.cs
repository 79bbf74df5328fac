using CourseHub.Api.Features.Teaching;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Admin;
using CourseHub.Contracts;
using CourseHub.Domain.Notifications;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Identity;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Admin;

/// <summary>
/// Course review and moderation for admins: approve or reject what teachers submit, remove any course.
/// Each action is written to the audit log in the same transaction as the change; an approval or a rejection also
/// tells the teacher — an email (with the reason of a rejection) and an in-app notification on the teacher's personal
/// topic — through the outbox, in the same transaction.
/// </summary>
public static class AdminCourseEndpoints
{
    public static IEndpointRouteBuilder MapAdminCourseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/courses").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", ListAsync).WithSummary("List courses for review").WithDescription("Courses by status (e.g. ?status=InReview), newest change first, paged; `format=csv` streams every match as CSV.");
        admin.MapPost("/{id:guid}/approve", ApproveAsync).Refuses(409).WithSummary("Approve a course").WithDescription("Publish a course that is in review.");
        admin.MapPost("/{id:guid}/reject", RejectAsync).Refuses(409).WithSummary("Reject a course").WithDescription("Send a course in review back to draft with a reason (emailed to the teacher).");
        admin.MapPost("/{id:guid}/remove", RemoveAsync).WithSummary("Remove a course").WithDescription("Remove a course from the platform, with a reason.");
        return endpoints;
    }

    private static async Task<Results<Ok<PagedResult<AdminCourse>>, CsvFile, ValidationProblem>> ListAsync(string? status, int? page, int? pageSize, string? format,
        CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var errors = new Dictionary<string, List<string>>();
        var csv = CsvFile.Wants(format, errors);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }
        var query = db.Courses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<CourseStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
            {
                return Problems.Field("status", "Choose Draft, InReview, Published or Removed.");
            }
            query = query.Where(c => c.Status == wanted);
        }
        if (csv)
        {
            var all = query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Select(c => new
            {
                c.Id, c.Title, c.Slug, c.TeacherId, c.TeacherName, c.Status, c.PriceMinor, c.Currency, c.EnrollmentCount, c.RatingAverage, c.RatingCount,
                c.CreatedAt, c.UpdatedAt, c.PublishedAt,
            }).AsAsyncEnumerable();
            return CsvFile.Of("courses.csv", all, ("id", c => c.Id), ("title", c => c.Title), ("slug", c => c.Slug), ("teacherId", c => c.TeacherId),
                ("teacherName", c => c.TeacherName), ("status", c => c.Status.ToString()), ("priceMinor", c => c.PriceMinor), ("currency", c => c.Currency),
                ("enrollments", c => c.EnrollmentCount), ("ratingAverage", c => c.RatingAverage), ("ratingCount", c => c.RatingCount),
                ("createdAt", c => c.CreatedAt), ("updatedAt", c => c.UpdatedAt), ("publishedAt", c => c.PublishedAt));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Skip((number - 1) * size).Take(size)
            .Select(c => new { c.Id, c.Title, c.Slug, c.TeacherId, c.TeacherName, c.Status, c.ReviewReason, c.CreatedAt, c.UpdatedAt, c.PublishedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Select(c => new AdminCourse(c.Id, c.Title, c.Slug, c.TeacherId, c.TeacherName, c.Status.ToString(), c.ReviewReason,
            c.CreatedAt, c.UpdatedAt, c.PublishedAt)).ToList();
        return TypedResults.Ok(new PagedResult<AdminCourse>(items, total, number, size));
    }

    private static async Task<Results<Ok<AdminCourse>, NotFoundProblem>> ApproveAsync(Guid id, HttpContext context, CourseHubDbContext db, CourseAuthoringService service,
        AccountEmails emails, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(db, id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        var (course, teacher) = target.Value;
        Audit(db, context, "course.approved", course, teacher, null);
        if (course.Status == CourseStatus.InReview && teacher is not null)
        {
            // Saved by the service's SaveChanges together with the status change and the audit entry; a refused approval
            // (not in review) throws before saving, so nothing is sent.
            if (teacher.Email is { Length: > 0 } email && await db.EmailModeAsync(teacher.Id, NotificationKinds.CourseApproved, cancellationToken) == EmailMode.On)
            {
                var token = await db.UnsubscribeTokenAsync(teacher.Id, clock, cancellationToken);
                db.AddIntegrationEvent(emails.CourseApproved(email, teacher.DisplayName, course.Title, course.Slug, token), clock);
            }
            db.Notify(teacher.Id, NotificationKinds.CourseApproved, "Course published",
                $"“{course.Title}” was approved and is now in the catalog.", $"/courses/{course.Slug}", clock);
        }
        return TypedResults.Ok(Map(await service.ApproveAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<AdminCourse>, NotFoundProblem, ValidationProblem>> RejectAsync(Guid id, CourseReasonRequest? request, HttpContext context, CourseHubDbContext db,
        CourseAuthoringService service, AccountEmails emails, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReasonProblem(request?.Reason) is { } problem)
        {
            return problem;
        }
        var reason = request!.Reason!.Trim();
        var target = await TargetAsync(db, id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        var (course, teacher) = target.Value;
        Audit(db, context, "course.rejected", course, teacher, reason);
        if (teacher?.Email is { Length: > 0 } email && await db.EmailModeAsync(teacher.Id, NotificationKinds.CourseRejected, cancellationToken) == EmailMode.On)
        {
            // Saved by the service's SaveChanges together with the status change and the audit entry.
            var token = await db.UnsubscribeTokenAsync(teacher.Id, clock, cancellationToken);
            db.AddIntegrationEvent(emails.CourseRejected(email, teacher.DisplayName, course.Id, course.Title, reason, token), clock);
        }
        if (teacher is not null && course.Status == CourseStatus.InReview)
        {
            db.Notify(teacher.Id, NotificationKinds.CourseRejected, "Course sent back",
                $"“{course.Title}” needs changes before publishing: {reason}", $"/teach/courses/{course.Id}", clock);
        }
        return TypedResults.Ok(Map(await service.RejectAsync(id, reason, cancellationToken)));
    }

    private static async Task<Results<Ok<AdminCourse>, NotFoundProblem, ValidationProblem>> RemoveAsync(Guid id, CourseReasonRequest? request, HttpContext context, CourseHubDbContext db,
        CourseAuthoringService service, CancellationToken cancellationToken)
    {
        if (ReasonProblem(request?.Reason) is { } problem)
        {
            return problem;
        }
        var reason = request!.Reason!.Trim();
        var target = await TargetAsync(db, id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        if (target.Value.Course.Status == CourseStatus.Removed)
        {
            return TypedResults.Ok(Map(target.Value.Course));
        }
        Audit(db, context, "course.removed", target.Value.Course, target.Value.Teacher, reason);
        return TypedResults.Ok(Map(await service.RemoveAsync(id, reason, cancellationToken)));
    }

    private static ValidationProblem? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Problems.Field("reason", "A reason is required.")
        : reason.Trim().Length > 2000 ? Problems.Field("reason", "Keep the reason under 2,000 characters.")
        : null;

    private static async Task<(Course Course, AppUser? Teacher)?> TargetAsync(CourseHubDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (course is null)
        {
            return null;
        }
        var teacher = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == course.TeacherId, cancellationToken);
        return (course, teacher);
    }

    private static AdminCourse Map(Course c) => new(c.Id, c.Title, c.Slug, c.TeacherId, c.TeacherName, c.Status.ToString(), c.ReviewReason,
        c.CreatedAt, c.UpdatedAt, c.PublishedAt);

    private static NotFoundProblem NotFound() => Problems.NotFound("Course not found", "No such course.");

    private static void Audit(CourseHubDbContext db, HttpContext context, string action, Course course, AppUser? teacher, string? reason) =>
        db.Record(context.RequestServices.GetRequiredService<TimeProvider>(), context.User, action, $"course {course.Id} \"{course.Title}\"" + (reason is null ? "" : $": {reason}"), teacher);
}
