using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Learning;

/// <summary>One graded attempt at a quiz lesson. Every attempt is kept; the best one counts.</summary>
public class QuizAttempt
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid LessonId { get; set; }
    public int Score { get; set; }
    public int MaxScore { get; set; }
    public int PassMarkPercent { get; set; }
    public bool Passed { get; set; }
    /// <summary>The answers as submitted (JSON), so an attempt can be shown again as it was.</summary>
    public required string Answers { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        builder.ToTable("quiz_attempts");
        builder.Property(a => a.Answers).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.UserId, a.LessonId, a.SubmittedAt });
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.Lesson>().WithMany().HasForeignKey(a => a.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}
