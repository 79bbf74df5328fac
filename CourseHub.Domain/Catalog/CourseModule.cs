using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Catalog;

/// <summary>A section of a course's curriculum; ordered by <see cref="Position"/>.</summary>
public class CourseModule
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public List<Lesson> Lessons { get; set; } = [];
}

internal sealed class CourseModuleConfiguration : IEntityTypeConfiguration<CourseModule>
{
    public void Configure(EntityTypeBuilder<CourseModule> builder)
    {
        builder.ToTable("course_modules");
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.HasIndex(m => new { m.CourseId, m.Position });
        builder.HasMany(m => m.Lessons).WithOne().HasForeignKey(l => l.ModuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
