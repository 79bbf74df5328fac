using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Blobs;
using Azure;
using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Features.Teaching.Video;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Media;
using CourseHub.Domain.Catalog;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>The single-file slots of a lesson.</summary>
public enum LessonFileSlot
{
    Video,
    Download,
}

/// <summary>
/// Course media in the database and in blob storage. The same rules as the rest of the studio apply: another
/// teacher's course is "not found", a course in review or removed cannot be changed. A replaced or removed
/// blob is deleted only after the database no longer points at it; a new blob that does not make it into the
/// database is deleted at once.
/// </summary>
public sealed class CourseMediaStore(CourseHubDbContext db, BlobServiceClient blobs, BlobUrls urls, CatalogVersion catalog,
    TimeProvider clock, IOptions<UploadOptions> options, LessonVideoQueue videos, ILogger<CourseMediaStore> logger)
{
    private static volatile bool _containerExists;

    private BlobContainerClient Container => blobs.GetBlobContainerClient(CourseMediaBlobs.Container);

    /// <summary>Streams the request's file into a new blob named <paramref name="blobName"/>.</summary>
    public async Task<ReceivedUpload> ReceiveAsync(HttpRequest request, string blobName, UploadKind kind, CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            _containerExists = true;
        }
        return await MultipartUpload.ReceiveAsync(request, Container.GetBlockBlobClient(blobName), kind, options.Value.MaxBytes(kind),
            cancellationToken);
    }

    /// <summary>Checked before an upload is read, so a request that cannot succeed does not cost a transfer.</summary>
    public async Task RequireEditableCourseAsync(Author author, Guid courseId, CancellationToken cancellationToken) =>
        RequireEditable(await StatusAsync(author, courseId, cancellationToken));

    /// <inheritdoc cref="RequireEditableCourseAsync"/>
    public async Task RequireEditableLessonAsync(Author author, Guid courseId, Guid lessonId, LessonFileSlot? slot, CancellationToken cancellationToken)
    {
        RequireEditable(await StatusAsync(author, courseId, cancellationToken));
        var type = await LessonOf(courseId, lessonId).Select(l => (LessonType?)l.Type).SingleOrDefaultAsync(cancellationToken)
            ?? throw LessonNotFound();
        if (slot is { } wanted)
        {
            RequireType(type, wanted);
        }
    }

    public async Task<string?> ThumbnailPreviewUrlAsync(string? blobName, CancellationToken cancellationToken) =>
        blobName is null ? null : (await urls.ReadUrlAsync(CourseMediaBlobs.Container, blobName, cancellationToken)).ToString();

    /// <summary>Sets (or, with null, removes) the course thumbnail; returns the new blob name.</summary>
    public async Task<string?> ReplaceThumbnailAsync(Author author, Guid courseId, StoredFile? file, CancellationToken cancellationToken)
    {
        await SwapAsync(file, async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM courses WHERE id = {courseId} FOR UPDATE", cancellationToken);
            var course = await EditableCourseAsync(author, courseId, cancellationToken);
            var previous = course.ThumbnailBlobName;
            course.ThumbnailBlobName = file?.BlobName;
            // The thumbnail shows in the catalog: a published course's cached pages must move on.
            return (previous, course.Status == CourseStatus.Published);
        }, cancellationToken);
        return file?.BlobName;
    }

    /// <summary>
    /// Sets (or, with null, removes) a lesson's video or download file. A video is queued for processing in the same
    /// transaction; the renditions of the one it replaces are deleted after it is saved.
    /// </summary>
    public async Task ReplaceLessonFileAsync(Author author, Guid courseId, Guid lessonId, LessonFileSlot slot, StoredFile? file,
        CancellationToken cancellationToken)
    {
        Guid? staleGeneration = null;
        await SwapAsync(file, async () =>
        {
            var lesson = await LockedLessonAsync(author, courseId, lessonId, cancellationToken);
            if (file is not null)
            {
                RequireType(lesson.Type, slot);
            }
            string? previous;
            if (slot == LessonFileSlot.Video)
            {
                previous = lesson.VideoBlobName;
                (lesson.VideoBlobName, lesson.VideoFileName, lesson.VideoContentType, lesson.VideoSizeBytes) =
                    (file?.BlobName, file?.FileName, file?.ContentType, file?.SizeBytes ?? 0);
                staleGeneration = await videos.ReplaceAsync(courseId, lessonId, file?.BlobName, cancellationToken);
            }
            else
            {
                previous = lesson.DownloadBlobName;
                (lesson.DownloadBlobName, lesson.DownloadFileName, lesson.DownloadContentType, lesson.DownloadSizeBytes) =
                    (file?.BlobName, file?.FileName, file?.ContentType, file?.SizeBytes ?? 0);
            }
            return (previous, false);
        }, cancellationToken);
        await videos.DeleteGenerationAsync(lessonId, staleGeneration);
    }

    /// <summary>Attaches <paramref name="file"/> to the lesson under <paramref name="title"/> (at most 200 characters).</summary>
    public Task AddResourceAsync(Author author, Guid courseId, Guid lessonId, string title, StoredFile file, CancellationToken cancellationToken) =>
        SwapAsync(file, async () =>
        {
            if (title.Length > 200)
            {
                throw Refusal.Invalid("title", "Keep the title under 200 characters.");
            }
            var lesson = await LockedLessonAsync(author, courseId, lessonId, cancellationToken);
            db.Set<LessonResource>().Add(new LessonResource
            {
                Id = Guid.CreateVersion7(),
                LessonId = lesson.Id,
                Title = title,
                BlobName = file.BlobName,
                FileName = file.FileName,
                ContentType = file.ContentType,
                SizeBytes = file.SizeBytes,
            });
            return (null, false);
        }, cancellationToken);

    public Task RemoveResourceAsync(Author author, Guid courseId, Guid lessonId, Guid resourceId, CancellationToken cancellationToken) =>
        SwapAsync(null, async () =>
        {
            var lesson = await LockedLessonAsync(author, courseId, lessonId, cancellationToken);
            var resource = await db.Set<LessonResource>().SingleOrDefaultAsync(r => r.Id == resourceId && r.LessonId == lesson.Id, cancellationToken)
                ?? throw Refusal.NotFound("resource-not-found", "Resource not found", "No such resource on this lesson.");
            db.Remove(resource);
            return ((string?)resource.BlobName, false);
        }, cancellationToken);

    /// <summary>The lesson's files with read URLs, for the teacher (also while the course is in review).</summary>
    public async Task<LessonMediaResponse> ReadLessonMediaAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken)
    {
        await StatusAsync(author, courseId, cancellationToken);
        var lesson = await LessonOf(courseId, lessonId).AsNoTracking().Include(l => l.Resources)
            .SingleOrDefaultAsync(cancellationToken) ?? throw LessonNotFound();
        var expiresAt = clock.GetUtcNow() + BlobUrls.Lifetime;
        async Task<string> UrlAsync(string blobName, DownloadAs? download = null) =>
            (await urls.ReadUrlAsync(CourseMediaBlobs.Container, blobName, download, cancellationToken)).ToString();

        var video = lesson.VideoBlobName is null ? null : new MediaFile(lesson.VideoFileName ?? "video", lesson.VideoContentType ?? "application/octet-stream",
            lesson.VideoSizeBytes, await UrlAsync(lesson.VideoBlobName), expiresAt);
        // Downloads and resources are saved, never opened in the storage origin, whatever their blob says.
        var download = lesson.DownloadBlobName is null ? null : new MediaFile(lesson.DownloadFileName ?? "download",
            lesson.DownloadContentType ?? "application/octet-stream", lesson.DownloadSizeBytes,
            await UrlAsync(lesson.DownloadBlobName, new DownloadAs(lesson.DownloadFileName ?? "download", lesson.DownloadContentType)), expiresAt);
        var resources = new List<ResourceFile>();
        foreach (var resource in lesson.Resources.OrderBy(r => r.Id))
        {
            resources.Add(new ResourceFile(resource.Id, resource.Title, resource.FileName, resource.ContentType, resource.SizeBytes,
                await UrlAsync(resource.BlobName, new DownloadAs(resource.FileName, resource.ContentType)), expiresAt));
        }
        var limits = options.Value;
        return new LessonMediaResponse(lesson.Id, lesson.Type.ToString(), video, download, resources,
            new UploadLimits(UploadOptions.MaxThumbnailBytes, limits.MaxVideoBytes, limits.MaxFileBytes));
    }

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction and saves it. If that fails, the incoming blob is deleted
    /// (nothing points at it); once it is saved, the previous blob is deleted (nothing points at it any more).
    /// </summary>
    private async Task SwapAsync(StoredFile? incoming, Func<Task<(string? Previous, bool CatalogVisible)>> change, CancellationToken cancellationToken)
    {
        (string? Previous, bool CatalogVisible) outcome;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            outcome = await change();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            if (incoming is not null)
            {
                await DeleteQuietlyAsync(incoming.BlobName);
            }
            throw;
        }
        if (outcome.CatalogVisible)
        {
            await catalog.InvalidateAsync();
        }
        if (outcome.Previous is not null)
        {
            await DeleteQuietlyAsync(outcome.Previous);
        }
    }

    private async Task DeleteQuietlyAsync(string blobName)
    {
        try
        {
            await Container.DeleteBlobIfExistsAsync(blobName, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // Nothing points at it any more; an orphan costs storage, not correctness.
            logger.LogWarning(ex, "Could not delete blob {BlobName}", blobName);
        }
    }

    /// <summary>Locks the lesson row (two uploads to one lesson take turns), checks the course may change and touches it.</summary>
    private async Task<Lesson> LockedLessonAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM lessons WHERE id = {lessonId} FOR UPDATE", cancellationToken);
        await EditableCourseAsync(author, courseId, cancellationToken);
        return await LessonOf(courseId, lessonId).SingleOrDefaultAsync(cancellationToken) ?? throw LessonNotFound();
    }

    private async Task<Course> EditableCourseAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken) ?? throw CourseNotFound();
        RequireEditable(course.Status);
        course.UpdatedAt = clock.GetUtcNow();
        return course;
    }

    private async Task<CourseStatus> StatusAsync(Author author, Guid courseId, CancellationToken cancellationToken) =>
        await author.Scope(db.Courses).Where(c => c.Id == courseId).Select(c => (CourseStatus?)c.Status).SingleOrDefaultAsync(cancellationToken)
        ?? throw CourseNotFound();

    private IQueryable<Lesson> LessonOf(Guid courseId, Guid lessonId) =>
        db.Lessons.Where(l => l.Id == lessonId && db.CourseModules.Any(m => m.Id == l.ModuleId && m.CourseId == courseId));

    private static void RequireEditable(CourseStatus status)
    {
        if (status is CourseStatus.InReview or CourseStatus.Removed)
        {
            throw Refusal.Conflict("not-editable", "Not in this state", $"A course that is {status} cannot be edited.");
        }
    }

    private static void RequireType(LessonType type, LessonFileSlot slot)
    {
        var wanted = slot == LessonFileSlot.Video ? LessonType.Video : LessonType.Download;
        if (type != wanted)
        {
            throw Refusal.Conflict("wrong-lesson-type", "Wrong lesson type",
                $"This is a {type} lesson; a {slot.ToString().ToLowerInvariant()} can only be uploaded to a {wanted} lesson.");
        }
    }

    private static Refusal CourseNotFound() => Refusal.NotFound("not-found", "Course not found", "No such course of yours.");

    private static Refusal LessonNotFound() => Refusal.NotFound("lesson-not-found", "Lesson not found", "No such lesson in this course.");
}
