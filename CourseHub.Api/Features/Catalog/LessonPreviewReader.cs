using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Catalog;

/// <summary>
/// Free-preview lessons for visitors: the one paid-content door that needs no sign-in, so it opens only for a lesson
/// marked free preview of a published course — anything else is "not found", whether it exists or not.
/// </summary>
public sealed class LessonPreviewReader(CourseHubDbContext db, LessonMediaLinks links)
{
    public async Task<PreviewLesson?> ReadAsync(string slug, Guid lessonId, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking()
            .Where(c => c.Slug == slug && c.Status == CourseStatus.Published)
            .Select(c => new { c.Id, c.Slug, c.Title })
            .SingleOrDefaultAsync(cancellationToken);
        if (course is null)
        {
            return null;
        }
        var previews = await db.Set<CourseModule>().AsNoTracking()
            .Where(m => m.CourseId == course.Id)
            .SelectMany(m => m.Lessons.Where(l => l.IsFreePreview)
                .Select(l => new { l.Id, l.Title, l.Type, l.DurationSeconds, ModulePosition = m.Position, l.Position, ModuleTitle = m.Title }))
            .ToListAsync(cancellationToken);
        if (previews.All(p => p.Id != lessonId))
        {
            return null;
        }
        var lesson = await db.Set<Lesson>().AsNoTracking().Include(l => l.Resources).Include(l => l.Questions)
            .SingleAsync(l => l.Id == lessonId, cancellationToken);
        var (video, download, resources) = await links.ForAsync(lesson, cancellationToken);
        var text = string.IsNullOrWhiteSpace(lesson.TextMarkdown) || lesson.Type == LessonType.Quiz ? null : SafeMarkdown.ToHtml(lesson.TextMarkdown);
        return new PreviewLesson(
            lesson.Id, lesson.Title, TypeName(lesson.Type), lesson.DurationSeconds, previews.Single(p => p.Id == lessonId).ModuleTitle, course.Slug, course.Title,
            text, video, download, resources, lesson.Type == LessonType.Quiz ? lesson.Questions.Count : 0,
            previews.OrderBy(p => p.ModulePosition).ThenBy(p => p.Position)
                .Select(p => new PreviewLessonLink(p.Id, p.Title, TypeName(p.Type), p.DurationSeconds)).ToList());
    }

    // The same spelling as the course page's outline (LessonOutline.Type).
    private static string TypeName(LessonType type) => type.ToString().ToLowerInvariant();
}
