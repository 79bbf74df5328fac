using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Community;

/// <summary>
/// A question in a course's Q&amp;A, optionally about one lesson: a title and a Markdown body (sanitized when shown).
/// <see cref="UpvoteCount"/> and <see cref="ReplyCount"/> mirror their rows, kept in the transaction that changes them.
/// </summary>
public class Question
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 10_000;

    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid? LessonId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    public required string BodyMarkdown { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int UpvoteCount { get; set; }
    public int ReplyCount { get; set; }
    /// <summary>The reply the asker or the teacher marked as the answer.</summary>
    public Guid? AcceptedReplyId { get; set; }
    /// <summary>Hidden from readers (with its replies): by reports reaching the threshold, or by an admin.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
}

public class QuestionReply
{
    public Guid Id { get; set; }
    public Guid QuestionId { get; set; }
    public Guid AuthorId { get; set; }
    public required string BodyMarkdown { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
}

/// <summary>One user's upvote of a question; one per user and question.</summary>
public class QuestionUpvote
{
    public Guid QuestionId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("questions");
        builder.HasIndex(q => new { q.CourseId, q.CreatedAt });
        builder.HasIndex(q => q.LessonId);
        builder.HasIndex(q => q.AuthorId);
        builder.Property(q => q.Title).HasMaxLength(Question.MaxTitleLength);
        builder.Property(q => q.BodyMarkdown).HasMaxLength(Question.MaxBodyLength);
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(q => q.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.Lesson>().WithMany().HasForeignKey(q => q.LessonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(q => q.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the accepted reply: it would make the two tables point at each other; the Api checks it.
    }
}

internal sealed class QuestionReplyConfiguration : IEntityTypeConfiguration<QuestionReply>
{
    public void Configure(EntityTypeBuilder<QuestionReply> builder)
    {
        builder.ToTable("question_replies");
        builder.HasIndex(r => new { r.QuestionId, r.CreatedAt });
        builder.HasIndex(r => r.AuthorId);
        builder.Property(r => r.BodyMarkdown).HasMaxLength(Question.MaxBodyLength);
        builder.HasOne<Question>().WithMany().HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionUpvoteConfiguration : IEntityTypeConfiguration<QuestionUpvote>
{
    public void Configure(EntityTypeBuilder<QuestionUpvote> builder)
    {
        builder.ToTable("question_upvotes");
        builder.HasKey(v => new { v.QuestionId, v.UserId });
        builder.HasIndex(v => v.UserId);
        builder.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
