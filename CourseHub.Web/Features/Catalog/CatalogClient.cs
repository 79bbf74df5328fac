using System.Net;
using System.Net.Http.Json;
using CourseHub.Contracts.Catalog;

namespace CourseHub.Web.Features.Catalog;

/// <summary>The public catalog, read from the Api (the Web never touches the database).</summary>
public sealed class CatalogClient(HttpClient http)
{
    public async Task<IReadOnlyList<CategoryResponse>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<CategoryResponse>>("/api/categories", cancellationToken) ?? [];

    public async Task<CatalogHome> GetHomeAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<CatalogHome>("/api/catalog/home", cancellationToken)
        ?? throw new InvalidOperationException("The Api returned an empty result.");

    /// <param name="queryString">The catalog page's own query string, passed through (same parameter names as the Api).</param>
    public async Task<CourseSearchResponse> SearchAsync(string queryString, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<CourseSearchResponse>($"/api/courses{queryString}", cancellationToken)
        ?? throw new InvalidOperationException("The Api returned an empty result.");

    public async Task<IReadOnlyList<CourseSuggestion>> SuggestAsync(string q, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(q) ? [] :
        await http.GetFromJsonAsync<List<CourseSuggestion>>($"/api/courses/suggest?q={Uri.EscapeDataString(q.Length > 200 ? q[..200] : q)}", cancellationToken) ?? [];

    /// <summary>Counts one view of the course's landing page (for the dashboard's conversion); a failure is not the reader's concern.</summary>
    public async Task RecordViewAsync(string slug)
    {
        try
        {
            using var response = await http.PostAsync($"/api/courses/{Uri.EscapeDataString(slug)}/views", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // A view not counted: the page is what matters.
        }
    }

    /// <summary>A free-preview lesson of a published course, or null when the lesson is not one (or does not exist).</summary>
    public async Task<PreviewLesson?> GetPreviewLessonAsync(string slug, Guid lessonId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/courses/{Uri.EscapeDataString(slug)}/preview/{lessonId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PreviewLesson>(cancellationToken);
    }

    public async Task<CourseDetails?> GetCourseAsync(string slug, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/courses/{Uri.EscapeDataString(slug)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CourseDetails>(cancellationToken);
    }

    /// <summary>A course's price in its currency's own decimals (¥5,000, $19.99), or "Free".</summary>
    public static string Price(long minor, string currency) => minor == 0 ? "Free" : CourseHub.Contracts.Commerce.Money.Format(minor, currency);

    public static string LevelLabel(string level) => level switch
    {
        "beginner" => "Beginner",
        "intermediate" => "Intermediate",
        "advanced" => "Advanced",
        _ => "All levels",
    };
}
