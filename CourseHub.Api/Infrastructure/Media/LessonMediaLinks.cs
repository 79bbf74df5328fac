using CourseHub.Contracts.Media;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Infrastructure.Media;

/// <summary>
/// Short-lived read URLs for what a lesson shows — its download, its resources (never the uploaded video) — issued per request and
/// only by callers that have checked the reader may see the lesson. Only what the lesson's type shows: a text lesson's
/// stray video field, say, stays private. Downloads and resources are saved, never opened in the storage origin.
/// </summary>
public sealed class LessonMediaLinks(BlobUrls urls, TimeProvider clock)
{
    public sealed record Links(MediaFile? Video, MediaFile? Download, IReadOnlyList<ResourceFile> Resources);

    public async Task<Links> ForAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow() + BlobUrls.Lifetime;
        async Task<string> UrlAsync(string blobName, DownloadAs? download = null) =>
            (await urls.ReadUrlAsync(CourseMediaBlobs.Container, blobName, download, cancellationToken)).ToString();
        // The uploaded video itself is never served to learners: the player streams its renditions (Learning/Streaming).
        MediaFile? video = null;
        var download = lesson.Type == LessonType.Download && lesson.DownloadBlobName is not null
            ? new MediaFile(lesson.DownloadFileName ?? "download", lesson.DownloadContentType ?? "application/octet-stream", lesson.DownloadSizeBytes,
                await UrlAsync(lesson.DownloadBlobName, new DownloadAs(lesson.DownloadFileName ?? "download", lesson.DownloadContentType)), expiresAt)
            : null;
        var resources = new List<ResourceFile>();
        foreach (var resource in lesson.Resources.OrderBy(r => r.Id))
        {
            resources.Add(new ResourceFile(resource.Id, resource.Title, resource.FileName, resource.ContentType, resource.SizeBytes,
                await UrlAsync(resource.BlobName, new DownloadAs(resource.FileName, resource.ContentType)), expiresAt));
        }
        return new Links(video, download, resources);
    }
}
