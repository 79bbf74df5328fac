using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Blog;

/// <summary>Where a blog post is in its life: the stable names the Api accepts as <c>status</c>.</summary>
public static class BlogPostStatuses
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Published = "published";

    public static readonly IReadOnlyList<string> All = [Draft, Scheduled, Published];
}

/// <summary>
/// An admin's article. A post is public when it is not a draft and its <see cref="PublishAt"/> has come: a published
/// post gets its publishing time when it is published, a scheduled one carries it from the start, so "scheduled posts
/// appear at their time" is one query-time rule (nothing has to run at that moment).
/// </summary>
public class BlogPost
{
    public const int MaxTitleLength = 200;
    public const int MaxSlugLength = 120;
    public const int MaxExcerptLength = 500;
    public const int MaxBodyLength = 100_000;
    public const int MaxTags = 10;
    public const int MaxTagLength = 40;
    public const int MaxUrlLength = 2000;

    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public required string BodyMarkdown { get; set; }
    public string Excerpt { get; set; } = "";
    public string? CoverImageUrl { get; set; }
    /// <summary>Lower-case tags, as they appear in <c>?tag=</c>.</summary>
    public List<string> Tags { get; set; } = [];
    public required string Status { get; set; }
    /// <summary>When the post is (or becomes) public; null for a draft never published.</summary>
    public DateTimeOffset? PublishAt { get; set; }
    /// <summary>Minutes to read the body at about 200 words a minute, at least 1; computed when the body is saved.</summary>
    public int ReadingMinutes { get; set; }
    public Guid AuthorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A signed-in user's comment on a post. <see cref="ApprovedAt"/> is null while it is held for an admin (a first-time
/// commenter's, when <c>Blog:HoldFirstComments</c> is on); <see cref="HiddenAt"/> set by reports or a moderator.
/// </summary>
public class BlogComment
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; }
    public Guid PostId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}

internal sealed class BlogPostConfiguration : IEntityTypeConfiguration<BlogPost>
{
    public void Configure(EntityTypeBuilder<BlogPost> builder)
    {
        builder.ToTable("blog_posts");
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasIndex(p => p.PublishAt);
        builder.HasIndex(p => p.Tags).HasMethod("gin");
        builder.Property(p => p.Title).HasMaxLength(BlogPost.MaxTitleLength);
        builder.Property(p => p.Slug).HasMaxLength(BlogPost.MaxSlugLength);
        builder.Property(p => p.BodyMarkdown).HasMaxLength(BlogPost.MaxBodyLength);
        builder.Property(p => p.Excerpt).HasMaxLength(BlogPost.MaxExcerptLength);
        builder.Property(p => p.CoverImageUrl).HasMaxLength(BlogPost.MaxUrlLength);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BlogCommentConfiguration : IEntityTypeConfiguration<BlogComment>
{
    public void Configure(EntityTypeBuilder<BlogComment> builder)
    {
        builder.ToTable("blog_comments");
        builder.HasIndex(c => new { c.PostId, c.CreatedAt });
        builder.HasIndex(c => c.AuthorId);
        builder.HasIndex(c => c.CreatedAt).HasFilter("approved_at IS NULL");
        builder.Property(c => c.Text).HasMaxLength(BlogComment.MaxTextLength);
        builder.HasOne<BlogPost>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
