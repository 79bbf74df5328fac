using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Community;

/// <summary>
/// A student's review of a course they are enrolled in: one per student and course (a unique index), 1–5 stars and text,
/// with at most one reply from the course's teacher. <see cref="HelpfulCount"/> mirrors the rows of
/// <see cref="ReviewHelpfulVote"/>, kept in the transaction that adds or removes a vote, so sorting by it needs no join.
/// </summary>
public class Review
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxTextLength = 4000;
    public const int MaxReplyLength = 4000;

    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid AuthorId { get; set; }
    public int Rating { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public string? Reply { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public int HelpfulCount { get; set; }
    /// <summary>Hidden from readers: by reports reaching the threshold, or by an admin. Hidden reviews do not count in the rating.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
}

/// <summary>One user's "this review was helpful"; one per user and review.</summary>
public class ReviewHelpfulVote
{
    public Guid ReviewId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class CourseRatings
{
    /// <summary>
    /// Sets a course's rating (average to one decimal, and count) from its reviews. Called in the transaction that adds,
    /// changes or deletes a review, after <see cref="LockCourseAsync"/>: two reviews of one course saved at the same time
    /// then count each other, as the second waits for the first to commit before it counts.
    /// </summary>
    public static Task RecountRatingAsync(this CourseHubDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE courses SET rating_count = totals.count, rating_average = totals.average
            FROM (SELECT count(*)::int AS count, coalesce(round(avg(rating), 1), 0) AS average FROM reviews WHERE course_id = {courseId} AND hidden_at IS NULL) AS totals
            WHERE id = {courseId}
            """, cancellationToken);

    /// <summary>Holds the course's row until the transaction ends, so its reviews are counted one writer at a time.</summary>
    public static Task LockCourseAsync(this CourseHubDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM courses WHERE id = {courseId} FOR UPDATE", cancellationToken);
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews", table => table.HasCheckConstraint("ck_reviews_rating_range", $"rating BETWEEN {Review.MinRating} AND {Review.MaxRating}"));
        builder.HasIndex(r => new { r.CourseId, r.AuthorId }).IsUnique();
        builder.HasIndex(r => new { r.CourseId, r.CreatedAt });
        builder.HasIndex(r => r.AuthorId);
        builder.Property(r => r.Text).HasMaxLength(Review.MaxTextLength);
        builder.Property(r => r.Reply).HasMaxLength(Review.MaxReplyLength);
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewHelpfulVoteConfiguration : IEntityTypeConfiguration<ReviewHelpfulVote>
{
    public void Configure(EntityTypeBuilder<ReviewHelpfulVote> builder)
    {
        builder.ToTable("review_helpful_votes");
        builder.HasKey(v => new { v.ReviewId, v.UserId });
        builder.HasIndex(v => v.UserId);
        builder.HasOne<Review>().WithMany().HasForeignKey(v => v.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
