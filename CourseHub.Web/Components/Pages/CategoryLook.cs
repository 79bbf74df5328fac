using MudBlazor;

namespace CourseHub.Web.Components.Pages;

/// <summary>
/// Each category's icon and gradient, so a category looks the same wherever it appears (course covers without a
/// thumbnail, the home page's category links). Unknown categories (an admin may add any) get a neutral look.
/// </summary>
public static class CategoryLook
{
    public static (string Icon, string From, string To) Of(string categorySlug) => categorySlug switch
    {
        "programming" => (Icons.Material.Filled.Code, "#4f46e5", "#8b5cf6"),
        "data-science" => (Icons.Material.Filled.Insights, "#0369a1", "#6366f1"),
        "cloud-devops" => (Icons.Material.Filled.Cloud, "#0e7490", "#22d3ee"),
        "business" => (Icons.Material.Filled.BusinessCenter, "#334155", "#64748b"),
        "design" => (Icons.Material.Filled.Palette, "#be185d", "#f472b6"),
        "marketing" => (Icons.Material.Filled.Campaign, "#c2410c", "#fb923c"),
        "personal-development" => (Icons.Material.Filled.SelfImprovement, "#15803d", "#4ade80"),
        "languages" => (Icons.Material.Filled.Translate, "#6d28d9", "#c084fc"),
        "music" => (Icons.Material.Filled.MusicNote, "#be123c", "#fb7185"),
        "photography" => (Icons.Material.Filled.PhotoCamera, "#0f766e", "#2dd4bf"),
        "health-fitness" => (Icons.Material.Filled.FitnessCenter, "#4d7c0f", "#a3e635"),
        "science-math" => (Icons.Material.Filled.Science, "#1d4ed8", "#60a5fa"),
        _ => (Icons.Material.Filled.School, "#475569", "#94a3b8"),
    };
}
