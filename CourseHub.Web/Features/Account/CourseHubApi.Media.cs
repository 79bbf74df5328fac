using System.Net.Http.Headers;

namespace CourseHub.Web.Features.Account;

public sealed record ThumbnailResult(string? ThumbnailUrl);
/// <summary>A lesson's file for the teacher's preview; <c>Url</c> reads it straight from storage until <c>UrlExpiresAt</c>.</summary>
public sealed record MediaFile(string FileName, string ContentType, long SizeBytes, string Url, DateTimeOffset UrlExpiresAt);
public sealed record ResourceFile(Guid Id, string Title, string FileName, string ContentType, long SizeBytes, string Url, DateTimeOffset UrlExpiresAt);
public sealed record UploadLimits(long MaxThumbnailBytes, long MaxVideoBytes, long MaxFileBytes);
/// <summary>The files of a lesson as the studio shows them.</summary>
public sealed record LessonFiles(Guid LessonId, string LessonType, MediaFile? Video, MediaFile? Download, IReadOnlyList<ResourceFile> Resources,
    UploadLimits Limits);

/// <summary>A file on its way from the browser: its content (read while it is sent), name, browser-reported type and size.</summary>
public sealed record FileUpload(Stream Content, string FileName, string ContentType, long Size);

/// <summary>
/// Course media routes of the Api. Uploads stream: the browser's file is read as the request to the Api is written
/// (never held whole in memory), through a client without the default time limit and retries.
/// </summary>
public sealed partial class CourseHubApi
{
    /// <summary>The named HttpClient for uploads (registered in <see cref="CourseHub.Web.Features.Media.MediaSetup"/>).</summary>
    public const string UploadClientName = "api-uploads";

    /// <summary>The Api's own limit for thumbnails (it also checks; this lets the page refuse before uploading).</summary>
    public const long MaxThumbnailBytes = 5L * 1024 * 1024;

    public Task<ApiResult<ThumbnailResult>> UploadThumbnailAsync(Guid courseId, FileUpload file, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        UploadAsync<ThumbnailResult>(HttpMethod.Put, $"{Teach}/{courseId}/thumbnail", file, null, progress, cancellationToken);
    public Task<ApiResult<ThumbnailResult>> RemoveThumbnailAsync(Guid courseId) =>
        SendAsync<ThumbnailResult>(HttpMethod.Delete, $"{Teach}/{courseId}/thumbnail", null);

    public Task<ApiResult<LessonFiles>> GetLessonMediaAsync(Guid courseId, Guid lessonId) =>
        SendAsync<LessonFiles>(HttpMethod.Get, $"{LessonPath(courseId, lessonId)}/media", null);
    public Task<ApiResult<LessonFiles>> UploadVideoAsync(Guid courseId, Guid lessonId, FileUpload file, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        UploadAsync<LessonFiles>(HttpMethod.Put, $"{LessonPath(courseId, lessonId)}/video", file, null, progress, cancellationToken);
    public Task<ApiResult<LessonFiles>> RemoveVideoAsync(Guid courseId, Guid lessonId) =>
        SendAsync<LessonFiles>(HttpMethod.Delete, $"{LessonPath(courseId, lessonId)}/video", null);
    public Task<ApiResult<LessonFiles>> UploadDownloadAsync(Guid courseId, Guid lessonId, FileUpload file, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        UploadAsync<LessonFiles>(HttpMethod.Put, $"{LessonPath(courseId, lessonId)}/download", file, null, progress, cancellationToken);
    public Task<ApiResult<LessonFiles>> RemoveDownloadAsync(Guid courseId, Guid lessonId) =>
        SendAsync<LessonFiles>(HttpMethod.Delete, $"{LessonPath(courseId, lessonId)}/download", null);
    public Task<ApiResult<LessonFiles>> AddResourceAsync(Guid courseId, Guid lessonId, FileUpload file, string? title, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        UploadAsync<LessonFiles>(HttpMethod.Post, $"{LessonPath(courseId, lessonId)}/resources", file, title, progress, cancellationToken);
    public Task<ApiResult<LessonFiles>> RemoveResourceAsync(Guid courseId, Guid lessonId, Guid resourceId) =>
        SendAsync<LessonFiles>(HttpMethod.Delete, $"{LessonPath(courseId, lessonId)}/resources/{resourceId}", null);

    private static string LessonPath(Guid courseId, Guid lessonId) => $"{Teach}/{courseId}/lessons/{lessonId}";

    private Task<ApiResult<T>> UploadAsync<T>(HttpMethod method, string path, FileUpload file, string? title, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var content = new ProgressStreamContent(file.Content, file.Size, progress);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { content, "file", file.FileName } };
        if (!string.IsNullOrWhiteSpace(title))
        {
            form.Add(new StringContent(title.Trim()), "title");
        }
        return SendAsync<T>(method, path, form, via: httpClients.CreateClient(UploadClientName), cancellationToken: cancellationToken);
    }
}
