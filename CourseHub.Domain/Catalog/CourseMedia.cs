namespace CourseHub.Domain.Catalog;

/// <summary>Where course media (thumbnails, lesson videos, downloads, resources) lives in blob storage.</summary>
public static class CourseMedia
{
    /// <summary>The private container; files are reached only through short-lived read URLs.</summary>
    public const string Container = "course-media";
}
