namespace CourseHub.Web.Features.Account;

public sealed record TeacherCourseSummary(Guid Id, string Title, string Slug, string Status, string? ReviewReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);
public sealed record TeacherLesson(Guid Id, int Position, string Title, string Type, int DurationSeconds, bool IsFreePreview, string? TextMarkdown,
    bool HasVideo, bool HasDownload, int ResourceCount, int QuestionCount);
public sealed record TeacherLessonDetails(Guid Id, Guid ModuleId, string ModuleTitle, int Position, string Title, string Type,
    int DurationSeconds, bool IsFreePreview, string? TextMarkdown, string TextHtml, string CourseStatus, string CourseTitle);
/// <summary>What a teacher changes on a lesson; null keeps the current value.</summary>
public sealed record LessonChanges(string? Title = null, string? Type = null, int? DurationSeconds = null, bool? IsFreePreview = null,
    string? TextMarkdown = null);
public sealed record MarkdownPreview(string Html);
public sealed record TeacherModule(Guid Id, int Position, string Title, IReadOnlyList<TeacherLesson> Lessons);
public sealed record TeacherCourse(Guid Id, string Title, string? Subtitle, string Slug, string Description, string CategorySlug,
    string Level, string Language, long PriceMinor, string Currency, IReadOnlyList<string> LearningOutcomes, IReadOnlyList<string> Requirements,
    string Status, string? ReviewReason, string TeacherName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<TeacherModule> Modules, string? ThumbnailUrl);
public sealed record CourseDraft(string Title, string? Subtitle, string Description, string CategorySlug, string Level,
    string Language, long PriceMinor, string Currency, IReadOnlyList<string> LearningOutcomes, IReadOnlyList<string> Requirements);
public sealed record AdminCourse(Guid Id, string Title, string Slug, Guid TeacherId, string TeacherName, string Status, string? ReviewReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

/// <summary>The course studio (teacher) and course review (admin) routes of the Api.</summary>
public sealed partial class CourseHubApi
{
    private const string Teach = "/api/teach/courses";

    public Task<ApiResult<List<TeacherCourseSummary>>> ListMyCoursesAsync() =>
        SendAsync<List<TeacherCourseSummary>>(HttpMethod.Get, Teach, null);
    public Task<ApiResult<TeacherCourse>> GetMyCourseAsync(Guid id) => SendAsync<TeacherCourse>(HttpMethod.Get, $"{Teach}/{id}", null);
    public Task<ApiResult<TeacherCourse>> CreateCourseAsync(CourseDraft draft) => SendAsync<TeacherCourse>(HttpMethod.Post, Teach, draft);
    public Task<ApiResult<TeacherCourse>> UpdateCourseAsync(Guid id, CourseDraft draft) =>
        SendAsync<TeacherCourse>(HttpMethod.Put, $"{Teach}/{id}", draft);
    public Task<ApiResult<TeacherCourse>> SubmitCourseAsync(Guid id) => SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/submit", new { });
    public Task<ApiResult<TeacherCourse>> UnpublishCourseAsync(Guid id) =>
        SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/unpublish", new { });
    public Task<ApiResult<TeacherModule>> AddModuleAsync(Guid id, string title) =>
        SendAsync<TeacherModule>(HttpMethod.Post, $"{Teach}/{id}/modules", new { title });
    public Task<ApiResult<TeacherLesson>> AddLessonAsync(Guid id, Guid moduleId, string title, string type) =>
        SendAsync<TeacherLesson>(HttpMethod.Post, $"{Teach}/{id}/modules/{moduleId}/lessons", new { title, type });
    public Task<ApiResult<TeacherCourse>> MoveModuleAsync(Guid id, Guid moduleId, int position) =>
        SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/modules/{moduleId}/move", new { position });
    public Task<ApiResult<TeacherCourse>> RenameModuleAsync(Guid id, Guid moduleId, string title) =>
        SendAsync<TeacherCourse>(HttpMethod.Put, $"{Teach}/{id}/modules/{moduleId}", new { title });
    public Task<ApiResult<TeacherCourse>> DeleteModuleAsync(Guid id, Guid moduleId) =>
        SendAsync<TeacherCourse>(HttpMethod.Delete, $"{Teach}/{id}/modules/{moduleId}", null);
    /// <summary>Moves a lesson to a 1-based position in <paramref name="moduleId"/> (its own module or another one of the course).</summary>
    public Task<ApiResult<TeacherCourse>> MoveLessonAsync(Guid id, Guid lessonId, Guid moduleId, int position) =>
        SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/lessons/{lessonId}/move", new { moduleId, position });
    public Task<ApiResult<TeacherLessonDetails>> GetLessonAsync(Guid id, Guid lessonId) =>
        SendAsync<TeacherLessonDetails>(HttpMethod.Get, $"{Teach}/{id}/lessons/{lessonId}", null);
    public Task<ApiResult<TeacherLessonDetails>> UpdateLessonAsync(Guid id, Guid lessonId, LessonChanges changes) =>
        SendAsync<TeacherLessonDetails>(HttpMethod.Put, $"{Teach}/{id}/lessons/{lessonId}", changes);
    public Task<ApiResult<TeacherCourse>> DeleteLessonAsync(Guid id, Guid lessonId) =>
        SendAsync<TeacherCourse>(HttpMethod.Delete, $"{Teach}/{id}/lessons/{lessonId}", null);
    public Task<ApiResult<System.Text.Json.JsonElement>> DeleteCourseAsync(Guid id) =>
        SendAsync<System.Text.Json.JsonElement>(HttpMethod.Delete, $"{Teach}/{id}", null);
    public Task<ApiResult<Catalog.CourseDetails>> PreviewCourseAsync(Guid id) =>
        SendAsync<Catalog.CourseDetails>(HttpMethod.Get, $"{Teach}/{id}/preview", null);
    public Task<ApiResult<MarkdownPreview>> PreviewMarkdownAsync(string markdown) =>
        SendAsync<MarkdownPreview>(HttpMethod.Post, $"{Teach}/markdown/preview", new { markdown });

    public Task<ApiResult<PagedResult<AdminCourse>>> ListCoursesForReviewAsync(string? status, int page, int pageSize) =>
        SendAsync<PagedResult<AdminCourse>>(HttpMethod.Get,
            $"/api/admin/courses?status={Uri.EscapeDataString(status ?? "")}&page={page}&pageSize={pageSize}", null);
    public Task<ApiResult<System.Text.Json.JsonElement>> ApproveCourseAsync(Guid id) =>
        SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/admin/courses/{id}/approve", new { });
    public Task<ApiResult<System.Text.Json.JsonElement>> RejectCourseAsync(Guid id, string reason) =>
        SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/admin/courses/{id}/reject", new { reason });
    public Task<ApiResult<System.Text.Json.JsonElement>> RemoveCourseAsync(Guid id, string reason) =>
        SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/admin/courses/{id}/remove", new { reason });
}

public sealed record AdminCategory(int Id, string Slug, string Name, string? Description, int SortOrder, int CourseCount);
public sealed record CategoryChanges(string Name, string? Slug, string? Description, int? SortOrder);

/// <summary>Category management (admin).</summary>
public sealed partial class CourseHubApi
{
    public Task<ApiResult<List<AdminCategory>>> ListCategoriesForAdminAsync() =>
        SendAsync<List<AdminCategory>>(HttpMethod.Get, "/api/admin/categories", null);
    public Task<ApiResult<AdminCategory>> CreateCategoryAsync(CategoryChanges category) =>
        SendAsync<AdminCategory>(HttpMethod.Post, "/api/admin/categories", category);
    public Task<ApiResult<AdminCategory>> UpdateCategoryAsync(int id, CategoryChanges category) =>
        SendAsync<AdminCategory>(HttpMethod.Put, $"/api/admin/categories/{id}", category);
    public Task<ApiResult<System.Text.Json.JsonElement>> DeleteCategoryAsync(int id) =>
        SendAsync<System.Text.Json.JsonElement>(HttpMethod.Delete, $"/api/admin/categories/{id}", null);
}
