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
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.Title).HasColumnName("title").HasMaxLength(160);
        builder.Property(c => c.Subtitle).HasColumnName("subtitle").HasMaxLength(300);
        builder.Property(c => c.Slug).HasColumnName("slug").HasMaxLength(200);
        builder.Property(c => c.Description).HasColumnName("description").HasMaxLength(20_000);
        builder.Property(c => c.CategoryId).HasColumnName("category_id");
        builder.Property(c => c.Level).HasColumnName("level").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Language).HasColumnName("language").HasMaxLength(10);
        builder.Property(c => c.PriceMinor).HasColumnName("price_minor");
        builder.Property(c => c.Currency).HasColumnName("currency").HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.ThumbnailBlobName).HasColumnName("thumbnail_blob_name").HasMaxLength(300);
        builder.Property(c => c.LearningOutcomes).HasColumnName("learning_outcomes");
        builder.Property(c => c.Requirements).HasColumnName("requirements");
        builder.Property(c => c.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReviewReason).HasColumnName("review_reason").HasMaxLength(2000);
        builder.Property(c => c.TeacherId).HasColumnName("teacher_id");
        builder.Property(c => c.TeacherName).HasColumnName("teacher_name").HasMaxLength(200);
        builder.Property(c => c.RatingAverage).HasColumnName("rating_average").HasPrecision(3, 2);
        builder.Property(c => c.RatingCount).HasColumnName("rating_count");
        builder.Property(c => c.EnrollmentCount).HasColumnName("enrollment_count");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        builder.Property(c => c.PublishedAt).HasColumnName("published_at");
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
