using CourseHub.Contracts.Teaching;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Teaching;

/// <summary>
/// What a course needs before a teacher can send it to review: the one place of this rule. The studio's checklist
/// (<c>GET …/readiness</c>) and the refusal of an incomplete submission (422 <c>incomplete</c>, one entry per unmet
/// item) are both read from <see cref="Check"/>, so the editor never shows a course as ready that submit refuses.
/// </summary>
public static class SubmissionRules
{
    /// <summary>
    /// The checklist of a course whose modules, lessons and lessons' questions are loaded. Items keep a fixed order
    /// (the order the editor lists them in).
    /// </summary>
    public static CourseReadiness Check(Course course)
    {
        var lessons = course.Modules.OrderBy(m => m.Position).SelectMany(m => m.Lessons.OrderBy(l => l.Position)).ToList();
        var empty = lessons.Where(l => !HasContent(l)).ToList();
        ReadinessItem[] items =
        [
            Item("title", "A title", !string.IsNullOrWhiteSpace(course.Title), "Give the course a title."),
            Item("description", "A description", !string.IsNullOrWhiteSpace(course.Description), "Describe what the course is about and who it is for."),
            Item("thumbnail", "A thumbnail image", course.ThumbnailBlobName is not null, "Upload a thumbnail: the catalog shows it on the course's card."),
            // Every saved course has a category (the draft form requires one); the item is listed so the checklist is complete.
            Item("categorySlug", "A category", course.CategoryId != 0, "Choose a category."),
            Item("learningOutcomes", "At least one learning outcome", course.LearningOutcomes.Any(o => !string.IsNullOrWhiteSpace(o)),
                "Add what students will learn, one outcome per line."),
            Item("lessons", "At least one lesson", lessons.Count > 0, "Add a module with at least one lesson."),
            Item("lessonContent", "Every lesson has content", lessons.Count > 0 && empty.Count == 0,
                lessons.Count == 0 ? "Add a lesson first." : "Add content to " + string.Join(", ", empty.Select(Describe)) + "."),
        ];
        return new CourseReadiness(items.All(i => i.Met), items);
    }

    /// <summary>Whether a lesson holds what its type promises: text, a video, a file, or at least one quiz question.</summary>
    public static bool HasContent(Lesson lesson) => lesson.Type switch
    {
        LessonType.Text => !string.IsNullOrWhiteSpace(lesson.TextMarkdown),
        LessonType.Video => lesson.VideoBlobName is not null,
        LessonType.Download => lesson.DownloadBlobName is not null,
        LessonType.Quiz => lesson.Questions.Count > 0,
        _ => false,
    };

    /// <summary>The unmet items as field → what is missing: the 422 body of a refused submission.</summary>
    public static IReadOnlyDictionary<string, string> Unmet(CourseReadiness readiness) =>
        readiness.Items.Where(i => !i.Met).ToDictionary(i => i.Field, i => i.Missing ?? i.Requirement);

    private static ReadinessItem Item(string field, string requirement, bool met, string missing) => new(field, requirement, met, met ? null : missing);

    private static string Describe(Lesson lesson) => lesson.Type switch
    {
        LessonType.Text => $"“{lesson.Title}” (text lesson: no text yet)",
        LessonType.Video => $"“{lesson.Title}” (video lesson: no video uploaded)",
        LessonType.Download => $"“{lesson.Title}” (download lesson: no file uploaded)",
        LessonType.Quiz => $"“{lesson.Title}” (quiz: no questions yet)",
        _ => $"“{lesson.Title}”",
    };
}
