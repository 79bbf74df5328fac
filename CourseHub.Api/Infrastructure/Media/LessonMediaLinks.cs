using CourseHub.Contracts.Media;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Infrastructure.Media;

/// <summary>
/// Short-lived read URLs for what a lesson shows — its video, its download, its resources — issued per request and
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
        var video = lesson.Type == LessonType.Video && lesson.VideoBlobName is not null
            ? new MediaFile(lesson.VideoFileName ?? "video", lesson.VideoContentType ?? "application/octet-stream", lesson.VideoSizeBytes,
                await UrlAsync(lesson.VideoBlobName), expiresAt)
            : null;
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
