using System.Text.RegularExpressions;

namespace CourseHub.Api.Features.Blog;

/// <summary>Where images of posts live: one container, a new random name per upload, served by the Web under /media/blog.</summary>
public static partial class BlogImages
{
    public const string Container = "blog-images";
    public const long MaxBytes = 5 * 1024 * 1024;

    public static string NewName(string contentType) => $"{Guid.CreateVersion7():N}.{contentType switch
    {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }}";

    /// <summary>The address a post uses: the Web's own path, which forwards to <c>/api/blog/images/{name}</c>.</summary>
    public static string Url(string name) => $"/media/blog/{name}";

    public static bool IsName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[0-9a-f]{32}\\.(png|jpg|webp)$")]
    private static partial Regex NamePattern();
}
