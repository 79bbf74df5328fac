using CourseHub.Api.Infrastructure.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Catalog;
using CourseHub.Domain.Catalog;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Catalog;

/// <summary>Reads a course's public page: the outline and facts, never lesson content.</summary>
[FeatureSeam]
public sealed class CourseDetailsReader(CourseHubDbContext db)
{
    /// <summary>The public page of a published course.</summary>
    public Task<CourseDetails?> ReadAsync(string slug, CancellationToken cancellationToken) =>
        ReadAsync(db.Courses.Where(c => c.Slug == slug && c.Status == CourseStatus.Published), cancellationToken);

    /// <summary>The page as it will look once published — for the teacher's "preview as student", whatever the status.</summary>
    public Task<CourseDetails?> ReadPreviewAsync(IQueryable<Course> scope, Guid id, CancellationToken cancellationToken) =>
        ReadAsync(scope.Where(c => c.Id == id), cancellationToken);

    private async Task<CourseDetails?> ReadAsync(IQueryable<Course> source, CancellationToken cancellationToken)
    {
        // Projection: only outline columns leave the database (no text, video, download or quiz fields).
        var course = await source.AsNoTracking()
            .Select(c => new
            {
                c.Id, c.Slug, c.Title, c.Subtitle, c.Description, CategorySlug = c.Category!.Slug, CategoryName = c.Category.Name,
                c.Level, c.Language, c.PriceMinor, c.Currency, c.ThumbnailBlobName, c.LearningOutcomes, c.Requirements,
                c.TeacherId, c.TeacherName, Teacher = db.Users.Where(u => u.Id == c.TeacherId).Select(u => new { u.Bio, u.AvatarBlobName }).FirstOrDefault(),
                TeacherCourses = db.Courses.Count(o => o.TeacherId == c.TeacherId && o.Status == CourseStatus.Published),
                c.RatingAverage, c.RatingCount, c.EnrollmentCount, c.PublishedAt, c.UpdatedAt,
                Modules = c.Modules.OrderBy(m => m.Position).Select(m => new
                {
                    m.Title,
                    Lessons = m.Lessons.OrderBy(l => l.Position).Select(l => new { l.Id, l.Title, l.Type, l.DurationSeconds, l.IsFreePreview }).ToList(),
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
            m.Lessons.Select(l => new LessonOutline(l.Id, l.Title, l.Type.ToString().ToLowerInvariant(), l.DurationSeconds, l.IsFreePreview)).ToList())).ToList();
        return new CourseDetails(
            course.Id, course.Slug, course.Title, course.Subtitle, SafeMarkdown.ToHtml(course.Description),
            new CategoryRef(course.CategorySlug, course.CategoryName),
            course.Level.ToString().ToLowerInvariant(), course.Language, course.PriceMinor, course.Currency.Trim(), course.PriceMinor == 0,
            CourseMediaBlobs.PublicThumbnailUrl(course.Id, course.ThumbnailBlobName), course.LearningOutcomes, course.Requirements,
            new TeacherRef(course.TeacherId, course.TeacherName, course.Teacher?.Bio,
                Avatars.Url(course.TeacherId, course.Teacher?.AvatarBlobName), course.TeacherCourses),
            course.RatingAverage, course.RatingCount, course.EnrollmentCount,
            modules.Sum(m => m.LessonCount), modules.Sum(m => m.DurationSeconds),
            course.PublishedAt, course.UpdatedAt, modules);
    }
}
