using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Catalog;

public enum CourseLevel
{
    Beginner,
    Intermediate,
    Advanced,
    All,
}

/// <summary>Draft → InReview → Published (or back to Draft with a review reason); Published → Draft (unpublish); any → Removed.</summary>
public enum CourseStatus
{
    Draft,
    InReview,
    Published,
    Removed,
}

/// <summary>
/// A course a teacher sells. Only <see cref="CourseStatus.Published"/> courses are in the catalog.
/// Money is integer minor units plus an ISO 4217 currency; 0 means free.
/// </summary>
public class Course
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public string? Subtitle { get; set; }
    /// <summary>Unique, URL-safe; the course page lives at <c>/courses/{slug}</c>.</summary>
    public required string Slug { get; set; }
    /// <summary>Markdown, written by the teacher; rendered sanitized.</summary>
    public string Description { get; set; } = "";
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public CourseLevel Level { get; set; }
    /// <summary>ISO 639-1 code, e.g. <c>en</c>.</summary>
    public string Language { get; set; } = "en";
    public long PriceMinor { get; set; }
    /// <summary>ISO 4217, upper case, e.g. <c>EUR</c>.</summary>
    public string Currency { get; set; } = "USD";
    public string? ThumbnailBlobName { get; set; }
    public List<string> LearningOutcomes { get; set; } = [];
    public List<string> Requirements { get; set; } = [];
    public CourseStatus Status { get; set; }
    /// <summary>Why a reviewer sent the course back to Draft (or removed it).</summary>
    public string? ReviewReason { get; set; }
    /// <summary>The teacher's user id (a foreign key to <c>users</c>; a teacher with courses cannot be deleted).</summary>
    public Guid TeacherId { get; set; }
    /// <summary>Denormalized from the teacher's display name, for search and listings.</summary>
    public required string TeacherName { get; set; }
    /// <summary>Average rating 0–5 (maintained by reviews).</summary>
    public decimal RatingAverage { get; set; }
    public int RatingCount { get; set; }
    public int EnrollmentCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public List<CourseModule> Modules { get; set; } = [];

    public bool IsFree => PriceMinor == 0;
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses", table =>
        {
            table.HasCheckConstraint("ck_courses_price_not_negative", "price_minor >= 0");
            table.HasCheckConstraint("ck_courses_rating_range", "rating_average >= 0 AND rating_average <= 5");
        });
        builder.Property(c => c.Title).HasMaxLength(160);
        builder.Property(c => c.Subtitle).HasMaxLength(300);
        builder.Property(c => c.Slug).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(20_000);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.ThumbnailBlobName).HasMaxLength(300);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReviewReason).HasMaxLength(2000);
        builder.Property(c => c.TeacherName).HasMaxLength(200);
        builder.Property(c => c.RatingAverage).HasPrecision(3, 2);
        builder.Ignore(c => c.IsFree);
        builder.HasOne(c => c.Category).WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => c.TeacherId);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.TeacherId).OnDelete(DeleteBehavior.Restrict);
        // The catalog's common filters and sorts, over published courses only.
        builder.HasIndex(c => new { c.Status, c.CategoryId });
        builder.HasIndex(c => c.EnrollmentCount).HasFilter("status = 'Published'");
        builder.HasIndex(c => c.PublishedAt).HasFilter("status = 'Published'");
        // search_vector (weighted tsvector, trigger-maintained) and the trigram index on title are created in the migration's SQL.
    }
}
