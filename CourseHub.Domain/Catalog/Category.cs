using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Catalog;

/// <summary>A top-level subject area of the catalog. Admin-managed; a sensible set is seeded by the migration.</summary>
public class Category
{
    public int Id { get; set; }
    /// <summary>URL-safe, unique; what the catalog filter uses (<c>?category=programming</c>).</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.Property(c => c.Slug).HasMaxLength(80);
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasData(CategorySeed.All);
    }
}

/// <summary>The categories every installation starts with (ids are stable: the demo seed and tests refer to them by slug).</summary>
public static class CategorySeed
{
    public static readonly Category[] All =
    [
        new() { Id = 1, Slug = "programming", Name = "Programming", Description = "Languages, frameworks and software craftsmanship.", SortOrder = 1 },
        new() { Id = 2, Slug = "data-science", Name = "Data science & AI", Description = "Statistics, machine learning and data engineering.", SortOrder = 2 },
        new() { Id = 3, Slug = "cloud-devops", Name = "Cloud & DevOps", Description = "Infrastructure, containers, CI/CD and operations.", SortOrder = 3 },
        new() { Id = 4, Slug = "business", Name = "Business", Description = "Management, entrepreneurship and finance.", SortOrder = 4 },
        new() { Id = 5, Slug = "design", Name = "Design", Description = "UX, UI, graphic design and illustration.", SortOrder = 5 },
        new() { Id = 6, Slug = "marketing", Name = "Marketing", Description = "Digital marketing, SEO, content and brand.", SortOrder = 6 },
        new() { Id = 7, Slug = "personal-development", Name = "Personal development", Description = "Productivity, communication and career.", SortOrder = 7 },
        new() { Id = 8, Slug = "languages", Name = "Languages", Description = "Learn to speak, read and write a new language.", SortOrder = 8 },
        new() { Id = 9, Slug = "music", Name = "Music", Description = "Instruments, theory and production.", SortOrder = 9 },
        new() { Id = 10, Slug = "photography", Name = "Photography & video", Description = "Shooting, editing and storytelling.", SortOrder = 10 },
        new() { Id = 11, Slug = "health-fitness", Name = "Health & fitness", Description = "Exercise, nutrition and well-being.", SortOrder = 11 },
        new() { Id = 12, Slug = "science-math", Name = "Science & math", Description = "From algebra to astrophysics.", SortOrder = 12 },
    ];
}
