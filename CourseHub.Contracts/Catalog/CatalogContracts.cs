// The public catalog (/api/categories, /api/courses): search, facets, suggestions and course pages.

namespace CourseHub.Contracts.Catalog;

public sealed record CategoryResponse(string Slug, string Name, string? Description);

public sealed record CategoryRef(string Slug, string Name);

public sealed record CourseSummary(
    Guid Id,
    string Slug,
    string Title,
    string? Subtitle,
    CategoryRef Category,
    string Level,
    string Language,
    long PriceMinor,
    string Currency,
    bool IsFree,
    string? ThumbnailUrl,
    Guid TeacherId,
    string TeacherName,
    decimal RatingAverage,
    int RatingCount,
    int EnrollmentCount,
    DateTimeOffset? PublishedAt);

public sealed record FacetCount(string Value, string Label, int Count);

public sealed record PriceFacet(int Free, int Paid);

/// <summary>Each facet counts the courses that match every filter except its own.</summary>
public sealed record CatalogFacets(IReadOnlyList<FacetCount> Category, PriceFacet Price, IReadOnlyList<FacetCount> Level);

/// <summary>
/// One page of the public catalog. <c>Fuzzy</c> is true when the full-text search found little and
/// the results are for <c>CorrectedQuery</c>: the query with misspelt words replaced by the closest title words
/// ("did you mean"); <c>exact=true</c> searches the words as typed.
/// </summary>
public sealed record CourseSearchResponse(
    IReadOnlyList<CourseSummary> Items,
    int Total,
    int Page,
    int PageSize,
    CatalogFacets Facets,
    bool Fuzzy)
{
    public string? CorrectedQuery { get; init; }
}

public sealed record CourseSuggestion(string Slug, string Title, string TeacherName);

/// <summary>A lesson as the course page lists it. <c>Id</c> opens a free-preview lesson at <c>/api/courses/{slug}/preview/{id}</c>.</summary>
public sealed record LessonOutline(Guid Id, string Title, string Type, int DurationSeconds, bool IsFreePreview);

public sealed record ModuleOutline(string Title, int LessonCount, int DurationSeconds, IReadOnlyList<LessonOutline> Lessons);

/// <summary>The teacher as a buyer sees them: name, bio, avatar (an Api path, or null) and how many courses they publish.</summary>
public sealed record TeacherRef(Guid Id, string Name, string? Bio, string? AvatarUrl, int PublishedCourses);

/// <summary>Everything a buyer needs to decide — and none of the paid lesson content.</summary>
public sealed record CourseDetails(
    Guid Id,
    string Slug,
    string Title,
    string? Subtitle,
    string DescriptionHtml,
    CategoryRef Category,
    string Level,
    string Language,
    long PriceMinor,
    string Currency,
    bool IsFree,
    string? ThumbnailUrl,
    IReadOnlyList<string> LearningOutcomes,
    IReadOnlyList<string> Requirements,
    TeacherRef Teacher,
    decimal RatingAverage,
    int RatingCount,
    int EnrollmentCount,
    int LessonCount,
    int TotalDurationSeconds,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ModuleOutline> Modules);

/// <summary>
/// A free-preview lesson of a published course, open to everyone: its text (sanitized HTML), its video and files with
/// read URLs valid until their <c>UrlExpiresAt</c>, and the course's other preview lessons to move on to.
/// A quiz shows how many questions it has, never the questions.
/// </summary>
public sealed record PreviewLesson(
    Guid Id,
    string Title,
    string Type,
    int DurationSeconds,
    string ModuleTitle,
    string CourseSlug,
    string CourseTitle,
    string? TextHtml,
    CourseHub.Contracts.Media.MediaFile? Video,
    CourseHub.Contracts.Media.MediaFile? Download,
    IReadOnlyList<CourseHub.Contracts.Media.ResourceFile> Resources,
    int QuestionCount,
    IReadOnlyList<PreviewLessonLink> Previews);

/// <summary>A free-preview lesson of the same course (the one shown included), in course order.</summary>
public sealed record PreviewLessonLink(Guid Id, string Title, string Type, int DurationSeconds);
/// <summary>A category with how many published courses it holds (the home page's category links).</summary>
public sealed record CategoryCount(string Slug, string Name, string? Description, int Courses);

/// <summary>
/// The home page's view of the catalog (<c>GET /api/catalog/home</c>). <c>Featured</c> is one course from each of the
/// largest categories (the most enrolled, then best rated, then longest published of each), so the first row shows the catalog's
/// range — leaving out the courses of <c>Newest</c>, so it is empty in a catalog of a row or less; <c>Popular</c> holds only courses someone has enrolled in, so it is empty until students enrol.
/// </summary>
public sealed record CatalogHome(
    int TotalCourses,
    IReadOnlyList<CategoryCount> Categories,
    IReadOnlyList<CourseSummary> Featured,
    IReadOnlyList<CourseSummary> Newest,
    IReadOnlyList<CourseSummary> Popular);
