using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Community;

/// <summary>
/// A short comment under a lesson. Threads are one level deep: <see cref="ParentId"/> is always a top-level comment
/// (a reply to a reply is attached to that reply's parent by the Api). <see cref="CourseId"/> is the lesson's course,
/// kept so access checks need no walk through the modules.
/// </summary>
public class LessonComment
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; set; }
    public Guid LessonId { get; set; }
    public Guid CourseId { get; set; }
    public Guid? ParentId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    /// <summary>
    /// Set when the author (or the course's teacher, or an admin) deleted a comment that has replies: its text is erased
    /// and the thread stays readable under a "deleted" placeholder. A comment without replies is deleted outright.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

internal sealed class LessonCommentConfiguration : IEntityTypeConfiguration<LessonComment>
{
    public void Configure(EntityTypeBuilder<LessonComment> builder)
    {
        builder.ToTable("lesson_comments");
        builder.HasIndex(c => new { c.LessonId, c.CreatedAt });
        builder.HasIndex(c => c.ParentId);
        builder.HasIndex(c => c.AuthorId);
        builder.Property(c => c.Text).HasMaxLength(LessonComment.MaxTextLength);
        builder.HasOne<Catalog.Lesson>().WithMany().HasForeignKey(c => c.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LessonComment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
