using CourseHub.Contracts.Media;
using CourseHub.Contracts.Video;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Media;

/// <summary>
/// The course media routes of the Api. Uploads stream: the browser's file is read as the request to the Api is written
/// (never held whole in memory), through a client without the default time limit and retries.
/// </summary>
public sealed class MediaClient(ApiCaller api)
{
    private const string Teach = "/api/teach/courses";

    /// <summary>The Api's own limit for thumbnails (it also checks; this lets the page refuse before uploading).</summary>
    public const long MaxThumbnailBytes = 5L * 1024 * 1024;

    public Task<ApiResult<ThumbnailResponse>> UploadThumbnailAsync(Guid courseId, FileUpload file, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        api.UploadAsync<ThumbnailResponse>(HttpMethod.Put, $"{Teach}/{courseId}/thumbnail", file, null, progress, cancellationToken);
    public Task<ApiResult<ThumbnailResponse>> RemoveThumbnailAsync(Guid courseId) =>
        api.SendAsync<ThumbnailResponse>(HttpMethod.Delete, $"{Teach}/{courseId}/thumbnail", null);

    public Task<ApiResult<LessonMediaResponse>> GetLessonMediaAsync(Guid courseId, Guid lessonId) =>
        api.SendAsync<LessonMediaResponse>(HttpMethod.Get, $"{LessonPath(courseId, lessonId)}/media", null);
    public Task<ApiResult<LessonMediaResponse>> UploadVideoAsync(Guid courseId, Guid lessonId, FileUpload file, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        api.UploadAsync<LessonMediaResponse>(HttpMethod.Put, $"{LessonPath(courseId, lessonId)}/video", file, null, progress, cancellationToken);
    public Task<ApiResult<LessonMediaResponse>> RemoveVideoAsync(Guid courseId, Guid lessonId) =>
        api.SendAsync<LessonMediaResponse>(HttpMethod.Delete, $"{LessonPath(courseId, lessonId)}/video", null);
    public Task<ApiResult<LessonMediaResponse>> UploadDownloadAsync(Guid courseId, Guid lessonId, FileUpload file, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        api.UploadAsync<LessonMediaResponse>(HttpMethod.Put, $"{LessonPath(courseId, lessonId)}/download", file, null, progress, cancellationToken);
    public Task<ApiResult<LessonMediaResponse>> RemoveDownloadAsync(Guid courseId, Guid lessonId) =>
        api.SendAsync<LessonMediaResponse>(HttpMethod.Delete, $"{LessonPath(courseId, lessonId)}/download", null);
    public Task<ApiResult<LessonMediaResponse>> AddResourceAsync(Guid courseId, Guid lessonId, FileUpload file, string? title, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        api.UploadAsync<LessonMediaResponse>(HttpMethod.Post, $"{LessonPath(courseId, lessonId)}/resources", file, title, progress, cancellationToken);
    public Task<ApiResult<LessonMediaResponse>> RemoveResourceAsync(Guid courseId, Guid lessonId, Guid resourceId) =>
        api.SendAsync<LessonMediaResponse>(HttpMethod.Delete, $"{LessonPath(courseId, lessonId)}/resources/{resourceId}", null);

    public Task<ApiResult<VideoProcessingInfo>> GetVideoProcessingAsync(Guid courseId, Guid lessonId) =>
        api.SendAsync<VideoProcessingInfo>(HttpMethod.Get, $"{LessonPath(courseId, lessonId)}/video/processing", null);
    public Task<ApiResult<VideoProcessingInfo>> RetryVideoAsync(Guid courseId, Guid lessonId) =>
        api.SendAsync<VideoProcessingInfo>(HttpMethod.Post, $"{LessonPath(courseId, lessonId)}/video/retry", null);

    private static string LessonPath(Guid courseId, Guid lessonId) => $"{Teach}/{courseId}/lessons/{lessonId}";
}
