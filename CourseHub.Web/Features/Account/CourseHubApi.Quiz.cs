namespace CourseHub.Web.Features.Account;

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

public sealed record TeacherQuiz(Guid LessonId, int TotalPoints, IReadOnlyList<TeacherQuizQuestion> Questions);
public sealed record TeacherQuizQuestion(Guid Id, int Position, string Kind, string Prompt, int Points, IReadOnlyList<string> AcceptedAnswers,
    IReadOnlyList<TeacherQuizOption> Options);
public sealed record TeacherQuizOption(Guid Id, int Position, string Text, bool IsCorrect);

/// <summary>A question as the builder saves it; <see cref="Id"/> is null for a new question.</summary>
public sealed record QuizQuestionInput(Guid? Id, string Kind, string Prompt, int Points, IReadOnlyList<string> AcceptedAnswers,
    IReadOnlyList<QuizOptionInput> Options);
public sealed record QuizOptionInput(Guid? Id, string Text, bool IsCorrect);

public sealed record QuizAnswerInput(Guid QuestionId, IReadOnlyList<Guid> OptionIds, string? Text);
public sealed record QuizGrade(int Score, int TotalPoints, IReadOnlyList<QuizQuestionGrade> Questions);
public sealed record QuizQuestionGrade(Guid QuestionId, bool Correct, int PointsAwarded, int Points);

/// <summary>The quiz builder's routes: read and replace a lesson's quiz, and grade answers against it (the teacher's preview).</summary>
public sealed partial class CourseHubApi
{
    private static string QuizPath(Guid courseId, Guid lessonId) => $"{Teach}/{courseId}/lessons/{lessonId}/quiz";

    public Task<ApiResult<TeacherQuiz>> GetQuizAsync(Guid courseId, Guid lessonId) =>
        SendAsync<TeacherQuiz>(HttpMethod.Get, QuizPath(courseId, lessonId), null);

    /// <summary>Replaces the whole quiz; field errors come back keyed by JSON path, e.g. <c>questions[2].options</c>.</summary>
    public Task<ApiResult<TeacherQuiz>> SaveQuizAsync(Guid courseId, Guid lessonId, IReadOnlyList<QuizQuestionInput> questions) =>
        SendAsync<TeacherQuiz>(HttpMethod.Put, QuizPath(courseId, lessonId), new { questions });

    public Task<ApiResult<QuizGrade>> CheckQuizAsync(Guid courseId, Guid lessonId, IReadOnlyList<QuizAnswerInput> answers) =>
        SendAsync<QuizGrade>(HttpMethod.Post, $"{QuizPath(courseId, lessonId)}/check", new { answers });
}
