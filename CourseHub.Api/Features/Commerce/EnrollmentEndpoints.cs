using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Commerce;

/// <summary>Free enrollment and the signed-in user's enrollments.</summary>
public static class EnrollmentEndpoints
{
    public static IEndpointRouteBuilder MapEnrollmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/courses/{courseId:guid}/enroll", EnrollAsync).WithTags("Enrollments").RequireAuthorization()
            .Refuses(404, 409).WithSummary("Enroll in a free course")
            .WithDescription("Enrolls the signed-in user in a published free course; enrolling again changes nothing. A paid course answers 409 `payment-required`.");
        endpoints.MapGet("/api/me/enrollments", ListAsync).WithTags("Enrollments").RequireAuthorization()
            .WithSummary("List my enrollments").WithDescription("The courses the signed-in user may take, most recent first (refunded ones are not listed).");
        return endpoints;
    }

    private static async Task<Ok<EnrollResponse>> EnrollAsync(Guid courseId, HttpContext context, EnrollmentService enrollments, CancellationToken cancellationToken)
    {
        var (enrollment, course) = await enrollments.EnrollFreeAsync(context.User.UserId()!.Value, courseId, cancellationToken);
        return TypedResults.Ok(new EnrollResponse(true, course.Id, course.Slug, enrollment.EnrolledAt));
    }

    private static async Task<Ok<List<MyEnrollment>>> ListAsync(HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var rows = await (from enrollment in db.Enrollments.AsNoTracking()
                          join course in db.Courses on enrollment.CourseId equals course.Id
                          where enrollment.UserId == userId && enrollment.RevokedAt == null
                          orderby enrollment.EnrolledAt descending
                          select new { course.Id, course.Slug, course.Title, enrollment.EnrolledAt, course.TeacherName, course.ThumbnailBlobName })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new MyEnrollment(r.Id, r.Slug, r.Title, r.EnrolledAt, r.TeacherName,
            r.ThumbnailBlobName is null ? null : CourseMediaBlobs.PublicThumbnailUrl(r.Id, r.ThumbnailBlobName))).ToList());
    }
}
