namespace CourseHub.Web.Components.Pages.Learning;

/// <summary>How the player names and links a lesson. The Api's lesson types are compared ignoring case ("Text", "text").</summary>
public static class LessonLook
{
    public static string Href(string slug, Guid lessonId) => $"/learn/{Uri.EscapeDataString(slug)}/lessons/{lessonId}";

    public static bool Is(string type, string expected) => string.Equals(type, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>Lessons the student marks complete themselves; videos complete by watching, quizzes by passing.</summary>
    public static bool MarkedByHand(string type) => Is(type, "text") || Is(type, "download");

    public static string Icon(string type) => type.ToLowerInvariant() switch
    {
        "video" => MudBlazor.Icons.Material.Filled.PlayCircleOutline,
        "quiz" => MudBlazor.Icons.Material.Filled.Quiz,
        "download" => MudBlazor.Icons.Material.Filled.Download,
        _ => MudBlazor.Icons.Material.Filled.Article,
    };
}
