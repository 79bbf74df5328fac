using CourseHub.Contracts.Catalog;
using CourseHub.Contracts.Quizzes;
using CourseHub.Contracts.Teaching;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Studio;

/// <summary>The quiz kinds, named as the Api names them.</summary>
public static class QuizKinds
{
    public const string SingleChoice = "singleChoice";
    public const string MultipleChoice = "multipleChoice";
    public const string FillIn = "fillIn";

    public static string Describe(string kind) => kind switch
    {
        SingleChoice => "Single choice",
        MultipleChoice => "Multiple choice",
        FillIn => "Fill in the blank",
        _ => kind,
    };
}

/// <summary>The course studio's routes of the Api: a teacher's courses, their modules and lessons, and quiz lessons' quizzes.</summary>
public sealed class StudioClient(ApiCaller api)
{
    private const string Teach = "/api/teach/courses";

    public Task<ApiResult<List<TeacherCourseSummary>>> ListMyCoursesAsync() =>
        api.SendAsync<List<TeacherCourseSummary>>(HttpMethod.Get, Teach, null);
    public Task<ApiResult<TeacherCourse>> GetMyCourseAsync(Guid id) => api.SendAsync<TeacherCourse>(HttpMethod.Get, $"{Teach}/{id}", null);
    public Task<ApiResult<TeacherCourse>> CreateCourseAsync(CourseDraftRequest draft) => api.SendAsync<TeacherCourse>(HttpMethod.Post, Teach, draft);
    public Task<ApiResult<TeacherCourse>> UpdateCourseAsync(Guid id, CourseDraftRequest draft) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Put, $"{Teach}/{id}", draft);
    /// <summary>The submission checklist: what the course still needs before it can be sent to review.</summary>
    public Task<ApiResult<CourseReadiness>> GetReadinessAsync(Guid id) =>
        api.SendAsync<CourseReadiness>(HttpMethod.Get, $"{Teach}/{id}/readiness", null);
    public Task<ApiResult<TeacherCourse>> SubmitCourseAsync(Guid id) => api.SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/submit", new { });
    public Task<ApiResult<TeacherCourse>> UnpublishCourseAsync(Guid id) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/unpublish", new { });
    public Task<ApiResult<TeacherModule>> AddModuleAsync(Guid id, string title) =>
        api.SendAsync<TeacherModule>(HttpMethod.Post, $"{Teach}/{id}/modules", new ModuleRequest(title));
    public Task<ApiResult<TeacherLesson>> AddLessonAsync(Guid id, Guid moduleId, string title, string type) =>
        api.SendAsync<TeacherLesson>(HttpMethod.Post, $"{Teach}/{id}/modules/{moduleId}/lessons", new LessonRequest(title, type, null, null, null));
    public Task<ApiResult<TeacherCourse>> MoveModuleAsync(Guid id, Guid moduleId, int position) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/modules/{moduleId}/move", new MoveRequest(position, null));
    public Task<ApiResult<TeacherCourse>> RenameModuleAsync(Guid id, Guid moduleId, string title) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Put, $"{Teach}/{id}/modules/{moduleId}", new ModuleRequest(title));
    public Task<ApiResult<TeacherCourse>> DeleteModuleAsync(Guid id, Guid moduleId) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Delete, $"{Teach}/{id}/modules/{moduleId}", null);
    /// <summary>Moves a lesson to a 1-based position in <paramref name="moduleId"/> (its own module or another one of the course).</summary>
    public Task<ApiResult<TeacherCourse>> MoveLessonAsync(Guid id, Guid lessonId, Guid moduleId, int position) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Post, $"{Teach}/{id}/lessons/{lessonId}/move", new MoveRequest(position, moduleId));
    public Task<ApiResult<TeacherLessonDetails>> GetLessonAsync(Guid id, Guid lessonId) =>
        api.SendAsync<TeacherLessonDetails>(HttpMethod.Get, $"{Teach}/{id}/lessons/{lessonId}", null);
    public Task<ApiResult<TeacherLessonDetails>> UpdateLessonAsync(Guid id, Guid lessonId, LessonRequest changes) =>
        api.SendAsync<TeacherLessonDetails>(HttpMethod.Put, $"{Teach}/{id}/lessons/{lessonId}", changes);
    public Task<ApiResult<TeacherCourse>> DeleteLessonAsync(Guid id, Guid lessonId) =>
        api.SendAsync<TeacherCourse>(HttpMethod.Delete, $"{Teach}/{id}/lessons/{lessonId}", null);
    public Task<ApiResult<NoBody>> DeleteCourseAsync(Guid id) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"{Teach}/{id}", null);
    public Task<ApiResult<CourseDetails>> PreviewCourseAsync(Guid id) =>
        api.SendAsync<CourseDetails>(HttpMethod.Get, $"{Teach}/{id}/preview", null);
    public Task<ApiResult<MarkdownPreview>> PreviewMarkdownAsync(string markdown) =>
        api.SendAsync<MarkdownPreview>(HttpMethod.Post, $"{Teach}/markdown/preview", new MarkdownRequest(markdown));

    private static string QuizPath(Guid courseId, Guid lessonId) => $"{Teach}/{courseId}/lessons/{lessonId}/quiz";

    public Task<ApiResult<TeacherQuiz>> GetQuizAsync(Guid courseId, Guid lessonId) =>
        api.SendAsync<TeacherQuiz>(HttpMethod.Get, QuizPath(courseId, lessonId), null);

    /// <summary>Replaces the whole quiz; field errors come back keyed by JSON path, e.g. <c>questions[2].options</c>.</summary>
    public Task<ApiResult<TeacherQuiz>> SaveQuizAsync(Guid courseId, Guid lessonId, QuizRequest quiz) =>
        api.SendAsync<TeacherQuiz>(HttpMethod.Put, QuizPath(courseId, lessonId), quiz);

    public Task<ApiResult<QuizGrade>> CheckQuizAsync(Guid courseId, Guid lessonId, IReadOnlyList<QuizAnswerRequest> answers) =>
        api.SendAsync<QuizGrade>(HttpMethod.Post, $"{QuizPath(courseId, lessonId)}/check", new QuizCheckRequest(answers));
}
