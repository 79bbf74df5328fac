// A course's thumbnail and a lesson's uploaded files (/api/teach/courses/{id}/.../media).

namespace CourseHub.Contracts.Media;

public sealed record ThumbnailResponse(string? ThumbnailUrl);

/// <summary>A lesson's file for the teacher's preview, with a read URL valid until <c>UrlExpiresAt</c>.</summary>
public sealed record MediaFile(string FileName, string ContentType, long SizeBytes, string Url, DateTimeOffset UrlExpiresAt);

public sealed record ResourceFile(Guid Id, string Title, string FileName, string ContentType, long SizeBytes, string Url, DateTimeOffset UrlExpiresAt);

public sealed record UploadLimits(long MaxThumbnailBytes, long MaxVideoBytes, long MaxFileBytes);

/// <summary>Everything uploaded to a lesson; every media change answers with it as it now is.</summary>
public sealed record LessonMediaResponse(Guid LessonId, string LessonType, MediaFile? Video, MediaFile? Download,
    IReadOnlyList<ResourceFile> Resources, UploadLimits Limits);
