// The course studio (/api/teach/courses): a teacher's courses, modules and lessons.

namespace CourseHub.Contracts.Teaching;

public sealed record CourseDraftRequest(string? Title, string? Subtitle, string? Description, string? CategorySlug, string? Level,
    string? Language, long? PriceMinor, string? Currency, IReadOnlyList<string>? LearningOutcomes, IReadOnlyList<string>? Requirements);

public sealed record TeacherCourseSummary(Guid Id, string Title, string Slug, string Status, string? ReviewReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

/// <summary>A lesson in the studio's curriculum tree, with what it holds so the editor can flag what is missing.</summary>
public sealed record TeacherLesson(Guid Id, int Position, string Title, string Type, int DurationSeconds, bool IsFreePreview, string? TextMarkdown,
    bool HasVideo, bool HasDownload, int ResourceCount, int QuestionCount);

public sealed record TeacherModule(Guid Id, int Position, string Title, IReadOnlyList<TeacherLesson> Lessons);

public sealed record TeacherCourse(Guid Id, string Title, string? Subtitle, string Slug, string Description, string CategorySlug,
    string Level, string Language, long PriceMinor, string Currency, IReadOnlyList<string> LearningOutcomes, IReadOnlyList<string> Requirements,
    string Status, string? ReviewReason, string TeacherName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<TeacherModule> Modules, string? ThumbnailUrl);

public sealed record ModuleRequest(string? Title);

public sealed record MoveRequest(int? Position, Guid? ModuleId);

public sealed record LessonRequest(string? Title, string? Type, int? DurationSeconds, bool? IsFreePreview, string? TextMarkdown);

public sealed record MarkdownRequest(string? Markdown);

public sealed record MarkdownPreview(string Html);

/// <summary>One lesson in full, for the studio's lesson page (its Markdown also rendered, as students will see it).</summary>
public sealed record TeacherLessonDetails(Guid Id, Guid ModuleId, string ModuleTitle, int Position, string Title, string Type,
    int DurationSeconds, bool IsFreePreview, string? TextMarkdown, string TextHtml, string CourseStatus, string CourseTitle);

/// <summary>
/// One thing a course needs before it can be sent to review. <paramref name="Field"/> is the name the 422 refusal of an
/// incomplete submission uses for it; <paramref name="Missing"/> says what to do while it is not met.
/// </summary>
public sealed record ReadinessItem(string Field, string Requirement, bool Met, string? Missing);

/// <summary>The submission checklist of a course: every requirement, met or not (the studio's editor shows it).</summary>
public sealed record CourseReadiness(bool Ready, IReadOnlyList<ReadinessItem> Items);
