using CourseHub.Api.Features.Teaching.Media;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Ganss.Xss;
using Markdig;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Catalog;

/// <summary>Reads a published course's public page: the outline and facts, never lesson content.</summary>
public sealed class CourseDetailsReader(CourseHubDbContext db)
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private static readonly HtmlSanitizer Sanitizer = new();

    public async Task<CourseDetails?> ReadAsync(string slug, CancellationToken cancellationToken)
    {
        // Projection: only outline columns leave the database (no text, video, download or quiz fields).
        var course = await db.Courses.AsNoTracking()
            .Where(c => c.Slug == slug && c.Status == CourseStatus.Published)
            .Select(c => new
            {
                c.Id, c.Slug, c.Title, c.Subtitle, c.Description, CategorySlug = c.Category!.Slug, CategoryName = c.Category.Name,
                c.Level, c.Language, c.PriceMinor, c.Currency, c.ThumbnailBlobName, c.LearningOutcomes, c.Requirements,
                c.TeacherId, c.TeacherName, c.RatingAverage, c.RatingCount, c.EnrollmentCount, c.PublishedAt, c.UpdatedAt,
                Modules = c.Modules.OrderBy(m => m.Position).Select(m => new
                {
                    m.Title,
                    Lessons = m.Lessons.OrderBy(l => l.Position).Select(l => new { l.Title, l.Type, l.DurationSeconds, l.IsFreePreview }).ToList(),
                }).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (course is null)
        {
            return null;
        }
        var modules = course.Modules.Select(m => new ModuleOutline(
            m.Title,
            m.Lessons.Count,
            m.Lessons.Sum(l => l.DurationSeconds),
            m.Lessons.Select(l => new LessonOutline(l.Title, l.Type.ToString().ToLowerInvariant(), l.DurationSeconds, l.IsFreePreview)).ToList())).ToList();
        return new CourseDetails(
            course.Id, course.Slug, course.Title, course.Subtitle, RenderMarkdown(course.Description),
            new CategoryRef(course.CategorySlug, course.CategoryName),
            course.Level.ToString().ToLowerInvariant(), course.Language, course.PriceMinor, course.Currency.Trim(), course.PriceMinor == 0,
            CourseMediaBlobs.PublicThumbnailUrl(course.Id, course.ThumbnailBlobName), course.LearningOutcomes, course.Requirements,
            new TeacherRef(course.TeacherId, course.TeacherName),
            course.RatingAverage, course.RatingCount, course.EnrollmentCount,
            modules.Sum(m => m.LessonCount), modules.Sum(m => m.DurationSeconds),
            course.PublishedAt, course.UpdatedAt, modules);
    }

    /// <summary>Teacher-written Markdown to safe HTML: raw HTML is not interpreted, and the result is sanitized anyway.</summary>
    public static string RenderMarkdown(string markdown) => Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown ?? "", Markdown));
}
