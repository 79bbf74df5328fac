using System.Globalization;

namespace CourseHub.Web.Features.Media;

public static class FileSizes
{
    /// <summary>A byte count for people, 1024-based as the limits are: "820 KB", "12.3 MB", "2 GB".</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0} KB"),
        _ => $"{bytes} bytes",
    };
}
