using CourseHub.Api.Infrastructure;
namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>Upload size limits (configuration section <c>Uploads</c>). The thumbnail limit is fixed: it is a small image.</summary>
[FeatureSeam]
public sealed class UploadOptions
{
    public const string Section = "Uploads";
    public const long MaxThumbnailBytes = 5L * 1024 * 1024;

    /// <summary>Room for the multipart framing and the small text fields around the file.</summary>
    public const long MultipartAllowance = 1024 * 1024;

    /// <summary><c>Uploads:MaxVideoBytes</c>, default 2 GiB.</summary>
    public long MaxVideoBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary><c>Uploads:MaxFileBytes</c> (downloads and lesson resources), default 500 MB.</summary>
    public long MaxFileBytes { get; set; } = 500L * 1024 * 1024;

    public long MaxBytes(UploadKind kind) => kind switch
    {
        UploadKind.Thumbnail => MaxThumbnailBytes,
        UploadKind.Video => MaxVideoBytes,
        _ => MaxFileBytes,
    };
}
