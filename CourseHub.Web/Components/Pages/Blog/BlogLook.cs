using System.Globalization;

namespace CourseHub.Web.Components.Pages.Blog;

/// <summary>How the blog pages word dates, reading times and statuses.</summary>
public static class BlogLook
{
    public static string Date(DateTimeOffset? at) => at is { } value ? value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : "Not published";

    public static string ReadingTime(int minutes) => $"{minutes} min read";

    public static MudBlazor.Color StatusColor(string status) => status switch
    {
        "published" => MudBlazor.Color.Success,
        "scheduled" => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };
}
