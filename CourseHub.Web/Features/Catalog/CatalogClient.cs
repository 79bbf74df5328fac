using System.Net;
using System.Net.Http.Json;

namespace CourseHub.Web.Features.Catalog;

public sealed record CategoryItem(string Slug, string Name, string? Description);
public sealed record CategoryRef(string Slug, string Name);
public sealed record CourseSummary(
    Guid Id, string Slug, string Title, string? Subtitle, CategoryRef Category, string Level, string Language,
    long PriceMinor, string Currency, bool IsFree, string? ThumbnailUrl, Guid TeacherId, string TeacherName,
    decimal RatingAverage, int RatingCount, int EnrollmentCount, DateTimeOffset? PublishedAt);
public sealed record FacetCount(string Value, string Label, int Count);
public sealed record PriceFacet(int Free, int Paid);
public sealed record CatalogFacets(IReadOnlyList<FacetCount> Category, PriceFacet Price, IReadOnlyList<FacetCount> Level);
public sealed record CourseSearchResult(IReadOnlyList<CourseSummary> Items, int Total, int Page, int PageSize, CatalogFacets Facets, bool Fuzzy, string? CorrectedQuery);
public sealed record CourseSuggestion(string Slug, string Title, string TeacherName);
public sealed record LessonOutline(string Title, string Type, int DurationSeconds, bool IsFreePreview);
public sealed record ModuleOutline(string Title, int LessonCount, int DurationSeconds, IReadOnlyList<LessonOutline> Lessons);
public sealed record TeacherRef(Guid Id, string Name, string? Bio, string? AvatarUrl, int PublishedCourses);
public sealed record CourseDetails(
    Guid Id, string Slug, string Title, string? Subtitle, string DescriptionHtml, CategoryRef Category, string Level,
    string Language, long PriceMinor, string Currency, bool IsFree, string? ThumbnailUrl,
    IReadOnlyList<string> LearningOutcomes, IReadOnlyList<string> Requirements, TeacherRef Teacher,
    decimal RatingAverage, int RatingCount, int EnrollmentCount, int LessonCount, int TotalDurationSeconds,
    DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ModuleOutline> Modules);

/// <summary>The public catalog, read from the Api (the Web never touches the database).</summary>
public sealed class CatalogClient(HttpClient http)
{
    public async Task<IReadOnlyList<CategoryItem>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<CategoryItem>>("/api/categories", cancellationToken) ?? [];

    /// <param name="queryString">The catalog page's own query string, passed through (same parameter names as the Api).</param>
    public async Task<CourseSearchResult> SearchAsync(string queryString, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<CourseSearchResult>($"/api/courses{queryString}", cancellationToken)
        ?? throw new InvalidOperationException("The Api returned an empty result.");

    public async Task<IReadOnlyList<CourseSuggestion>> SuggestAsync(string q, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(q) ? [] :
        await http.GetFromJsonAsync<List<CourseSuggestion>>($"/api/courses/suggest?q={Uri.EscapeDataString(q.Length > 200 ? q[..200] : q)}", cancellationToken) ?? [];

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

    public static string Price(long minor, string currency) =>
        minor == 0 ? "Free" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{currency switch { "USD" => "$", "EUR" => "€", "GBP" => "£", _ => currency + " " }}{minor / 100m:0.00}");

    public static string LevelLabel(string level) => level switch
    {
        "beginner" => "Beginner",
        "intermediate" => "Intermediate",
        "advanced" => "Advanced",
        _ => "All levels",
    };

    public static string Duration(int seconds) =>
        seconds >= 3600 ? $"{seconds / 3600} h {seconds % 3600 / 60} min" : $"{Math.Max(1, (seconds + 59) / 60)} min";
}
