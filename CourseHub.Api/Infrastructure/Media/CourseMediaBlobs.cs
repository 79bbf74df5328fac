using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Infrastructure.Media;

/// <summary>
/// Where course media lives: one private container, blob names made of ids only (never of a user's file name),
/// so a name says whose file it is and cannot collide or be guessed from the file.
/// </summary>
public static class CourseMediaBlobs
{
    public const string Container = CourseMedia.Container;

    public static string NewThumbnailName(Guid courseId) => $"courses/{courseId}/thumbnail/{Guid.NewGuid():N}";

    public static string NewLessonFileName(Guid courseId, Guid lessonId, string slot) =>
        $"courses/{courseId}/lessons/{lessonId}/{slot}/{Guid.NewGuid():N}";

    /// <summary>The version part of a blob name (its last segment), which changes with every upload.</summary>
    public static string Version(string blobName) => blobName[(blobName.LastIndexOf('/') + 1)..];

    /// <summary>
    /// The public, cacheable address of a published course's thumbnail. The version in the query changes with
    /// every upload, so a cached image is never stale.
    /// </summary>
    public static string? PublicThumbnailUrl(Guid courseId, string? thumbnailBlobName) =>
        thumbnailBlobName is null ? null : $"/api/courses/{courseId}/thumbnail?v={Version(thumbnailBlobName)}";
}
