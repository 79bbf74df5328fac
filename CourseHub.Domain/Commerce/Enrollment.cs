using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Commerce;

/// <summary>
/// A student's access to a course: one row per student and course. A free enrollment has no order; a paid one names the
/// order that paid for it. A refund revokes it (<see cref="RevokedAt"/>) instead of deleting it, so buying the course again
/// restores the same row and its history.
/// </summary>
public class Enrollment
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid CourseId { get; set; }
    public Guid? OrderId { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The lesson the student was last in ("continue where you left off") and when.</summary>
    public Guid? LastLessonId { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    /// <summary>When every lesson was first complete.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

public static class EnrollmentCounts
{
    /// <summary>
    /// Keeps a course's denormalized enrollment count (shown in the catalog) in step with its active enrollments; called
    /// in the transaction that enrolls (Api: free courses; Worker: payments) or revokes (Worker: refunds).
    /// </summary>
    public static Task CountEnrollmentAsync(this CourseHubDbContext db, Guid courseId, int change, CancellationToken cancellationToken) =>
        db.Courses.Where(c => c.Id == courseId)
            .ExecuteUpdateAsync(update => update.SetProperty(c => c.EnrollmentCount, c => Math.Max(0, c.EnrollmentCount + change)), cancellationToken);
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("enrollments");
        builder.HasIndex(e => new { e.UserId, e.CourseId }).IsUnique();
        builder.HasIndex(e => e.CourseId);
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
