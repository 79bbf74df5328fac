using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Commerce;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Api.Features.Commerce;

/// <summary>Enrolling in free courses, and who is enrolled where.</summary>
public sealed class EnrollmentService(CourseHubDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Enrolls the user in a published free course; enrolling again answers the enrollment there is. A paid course
    /// is refused (409 <c>payment-required</c>): paid access comes only from a confirmed payment.
    /// </summary>
    public async Task<(Enrollment Enrollment, Course Course)> EnrollFreeAsync(Guid userId, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId && c.Status == CourseStatus.Published, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "There is no published course with this id.");
        if (!course.IsFree)
        {
            throw Refusal.Conflict("payment-required", "This course is not free", "Buy the course to enroll: POST /api/checkout with its id.");
        }
        if (course.TeacherId == userId)
        {
            throw Refusal.Conflict("own-course", "This is your course", "Teachers do not enroll in their own courses; the studio shows them everything.");
        }
        var existing = await db.Enrollments.SingleOrDefaultAsync(e => e.UserId == userId && e.CourseId == courseId, cancellationToken);
        if (existing is { IsActive: true })
        {
            return (existing, course);
        }
        var now = clock.GetUtcNow();
        if (existing is not null)
        {
            existing.RevokedAt = null;
            existing.EnrolledAt = now;
            existing.OrderId = null;
        }
        else
        {
            existing = new Enrollment { Id = Guid.CreateVersion7(), UserId = userId, CourseId = courseId, EnrolledAt = now };
            db.Enrollments.Add(existing);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await db.CountEnrollmentAsync(courseId, +1, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A second request of the same user won the race: its enrollment is the one.
            db.ChangeTracker.Clear();
            existing = await db.Enrollments.AsNoTracking().SingleAsync(e => e.UserId == userId && e.CourseId == courseId, cancellationToken);
        }
        return (existing, course);
    }
}
