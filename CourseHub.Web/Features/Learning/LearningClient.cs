using CourseHub.Contracts.Learning;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Learning;

/// <summary>
/// The learning routes of the Api: the player's course and lessons, progress, quizzes, the student's "My learning" and a
/// teacher's students. Calls carry the session's access token, which stays on the server.
/// </summary>
public sealed class LearningClient(ApiCaller api)
{
    /// <summary>The course as its player shows it, by slug or id: 403 when the user may not take it.</summary>
    public Task<ApiResult<LearnCourse>> GetCourseAsync(string slugOrId) =>
        api.SendAsync<LearnCourse>(HttpMethod.Get, $"/api/learn/courses/{Uri.EscapeDataString(slugOrId)}", null);

    /// <summary>One lesson's content with fresh short-lived media URLs; 403 unless the user may take the course.</summary>
    public Task<ApiResult<LearnLesson>> GetLessonAsync(Guid lessonId) =>
        api.SendAsync<LearnLesson>(HttpMethod.Get, $"/api/learn/lessons/{lessonId}", null);

    /// <summary>Marks a text or download lesson complete; a quiz lesson is refused (409 <c>quiz-must-be-passed</c>).</summary>
    public Task<ApiResult<LessonCompletedResponse>> CompleteLessonAsync(Guid lessonId) =>
        api.SendAsync<LessonCompletedResponse>(HttpMethod.Post, $"/api/learn/lessons/{lessonId}/complete", new { });

    public Task<ApiResult<LessonPositionResponse>> SavePositionAsync(Guid lessonId, int seconds) =>
        api.SendAsync<LessonPositionResponse>(HttpMethod.Put, $"/api/learn/lessons/{lessonId}/position", new LessonPositionRequest(seconds));

    /// <summary>The quiz's questions and options, never which are correct.</summary>
    public Task<ApiResult<LearnQuiz>> GetQuizAsync(Guid lessonId) =>
        api.SendAsync<LearnQuiz>(HttpMethod.Get, $"/api/learn/lessons/{lessonId}/quiz", null);

    public Task<ApiResult<QuizAttemptResult>> SubmitQuizAsync(Guid lessonId, QuizAttemptRequest attempt) =>
        api.SendAsync<QuizAttemptResult>(HttpMethod.Post, $"/api/learn/lessons/{lessonId}/quiz/attempts", attempt);

    public Task<ApiResult<List<MyLearningItem>>> MyLearningAsync() =>
        api.SendAsync<List<MyLearningItem>>(HttpMethod.Get, "/api/me/learning", null);

    public Task<ApiResult<List<CourseStudent>>> CourseStudentsAsync(Guid courseId) =>
        api.SendAsync<List<CourseStudent>>(HttpMethod.Get, $"/api/teach/courses/{courseId}/students", null);
}
