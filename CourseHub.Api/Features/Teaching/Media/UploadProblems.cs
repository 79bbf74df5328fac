using System.Globalization;
using CourseHub.Api.Infrastructure;

namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>Upload errors as ProblemDetails that name the field, as the Web shows them under the upload control.</summary>
public static class UploadProblems
{
    public static Refusal File(string message) => Refusal.Invalid(MultipartUpload.FileField, message);

    public static Refusal Field(string field, string message) => Refusal.Invalid(field, message);

    /// <summary>413 with the same per-field shape as a 400 validation problem.</summary>
    public static Refusal TooLarge(long maxBytes) => Refusal.TooLarge(MultipartUpload.FileField, $"The file is larger than {Size(maxBytes)}.");

    /// <summary>A byte count for people: "5 MB", "2 GB", "1.5 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KB"),
        _ => $"{bytes} bytes",
    };
}
