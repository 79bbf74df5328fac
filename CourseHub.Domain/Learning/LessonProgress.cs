using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Learning;

/// <summary>
/// One student's state in one lesson: where a video was left and whether the lesson is complete. A row appears the
/// first time the student opens or saves anything in the lesson.
/// </summary>
public class LessonProgress
{
    public Guid UserId { get; set; }
    public Guid LessonId { get; set; }
    /// <summary>Denormalized from the lesson's module, so a course's progress is one indexed count.</summary>
    public Guid CourseId { get; set; }
    public int PositionSeconds { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class LessonProgressConfiguration : IEntityTypeConfiguration<LessonProgress>
{
    public void Configure(EntityTypeBuilder<LessonProgress> builder)
    {
        builder.ToTable("lesson_progress", table => table.HasCheckConstraint("ck_lesson_progress_position", "position_seconds >= 0"));
        builder.HasKey(p => new { p.UserId, p.LessonId });
        builder.HasIndex(p => new { p.UserId, p.CourseId, p.UpdatedAt });
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.Lesson>().WithMany().HasForeignKey(p => p.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}
