using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Catalog;
using CourseHub.Contracts.Media;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Catalog;

/// <summary>
/// Free-preview lessons for visitors: the one paid-content door that needs no sign-in, so it opens only for a lesson
/// marked free preview of a published course — anything else is "not found", whether it exists or not.
/// </summary>
public sealed class LessonPreviewReader(CourseHubDbContext db, BlobUrls urls, TimeProvider clock)
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
        var lesson = await db.Set<Lesson>().AsNoTracking()
            .Where(l => l.Id == lessonId)
            .Select(l => new
            {
                l.Id, l.Title, l.Type, l.DurationSeconds, l.TextMarkdown,
                l.VideoBlobName, l.VideoFileName, l.VideoContentType, l.VideoSizeBytes,
                l.DownloadBlobName, l.DownloadFileName, l.DownloadContentType, l.DownloadSizeBytes,
                Resources = l.Resources.OrderBy(r => r.Id).ToList(),
                QuestionCount = l.Questions.Count,
            })
            .SingleAsync(cancellationToken);

        var expiresAt = clock.GetUtcNow() + BlobUrls.Lifetime;
        async Task<string> UrlAsync(string blobName, DownloadAs? download = null) =>
            (await urls.ReadUrlAsync(CourseMediaBlobs.Container, blobName, download, cancellationToken)).ToString();
        // Only what the lesson's type shows: a text lesson's stray video field, say, stays private.
        var video = lesson.Type == LessonType.Video && lesson.VideoBlobName is not null
            ? new MediaFile(lesson.VideoFileName ?? "video", lesson.VideoContentType ?? "application/octet-stream", lesson.VideoSizeBytes,
                await UrlAsync(lesson.VideoBlobName), expiresAt)
            : null;
        // Downloads are saved, never opened in the storage origin, whatever their blob says.
        var download = lesson.Type == LessonType.Download && lesson.DownloadBlobName is not null
            ? new MediaFile(lesson.DownloadFileName ?? "download", lesson.DownloadContentType ?? "application/octet-stream", lesson.DownloadSizeBytes,
                await UrlAsync(lesson.DownloadBlobName, new DownloadAs(lesson.DownloadFileName ?? "download", lesson.DownloadContentType)), expiresAt)
            : null;
        var resources = new List<ResourceFile>();
        foreach (var resource in lesson.Resources)
        {
            resources.Add(new ResourceFile(resource.Id, resource.Title, resource.FileName, resource.ContentType, resource.SizeBytes,
                await UrlAsync(resource.BlobName, new DownloadAs(resource.FileName, resource.ContentType)), expiresAt));
        }
        var text = string.IsNullOrWhiteSpace(lesson.TextMarkdown) || lesson.Type == LessonType.Quiz ? null : SafeMarkdown.ToHtml(lesson.TextMarkdown);
        return new PreviewLesson(
            lesson.Id, lesson.Title, TypeName(lesson.Type), lesson.DurationSeconds, previews.Single(p => p.Id == lessonId).ModuleTitle, course.Slug, course.Title,
            text, video, download, resources, lesson.Type == LessonType.Quiz ? lesson.QuestionCount : 0,
            previews.OrderBy(p => p.ModulePosition).ThenBy(p => p.Position)
                .Select(p => new PreviewLessonLink(p.Id, p.Title, TypeName(p.Type), p.DurationSeconds)).ToList());
    }

    // The same spelling as the course page's outline (LessonOutline.Type).
    private static string TypeName(LessonType type) => type.ToString().ToLowerInvariant();
}
