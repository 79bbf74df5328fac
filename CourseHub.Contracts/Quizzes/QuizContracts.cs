// The quiz builder of a quiz lesson (/api/teach/courses/{id}/lessons/{lessonId}/quiz).

namespace CourseHub.Contracts.Quizzes;

// What the quiz builder sends. Everything is nullable so that missing fields become field errors, not binding failures.
// Positions are not sent: the order of the arrays is the order of the quiz.

/// <summary>
/// The whole quiz of a lesson, replacing what was there. <see cref="PassMarkPercent"/> is the share of the points an
/// attempt needs to pass (1–100); left out, the quiz keeps its pass mark (70 % for a new quiz).
/// </summary>
public sealed record QuizRequest(IReadOnlyList<QuizQuestionRequest?>? Questions, int? PassMarkPercent = null);

/// <summary>
/// A question; <see cref="Id"/> is sent back for a question that already exists, so its id stays the same.
/// <see cref="PartialCredit"/> (multiple choice only) gives a share of the points per correct option ticked, less one
/// share per wrong one; without it the question is all-or-nothing.
/// </summary>
public sealed record QuizQuestionRequest(Guid? Id, string? Kind, string? Prompt, int? Points, IReadOnlyList<string?>? AcceptedAnswers,
    IReadOnlyList<QuizOptionRequest?>? Options, bool? PartialCredit = null);

public sealed record QuizOptionRequest(Guid? Id, string? Text, bool? IsCorrect);

// What the teacher reads back (with the answers: this is the author's view, never a student's).

public sealed record TeacherQuiz(Guid LessonId, int TotalPoints, IReadOnlyList<TeacherQuizQuestion> Questions, int PassMarkPercent);

public sealed record TeacherQuizQuestion(Guid Id, int Position, string Kind, string Prompt, int Points, IReadOnlyList<string> AcceptedAnswers,
    IReadOnlyList<TeacherQuizOption> Options, bool PartialCredit);

public sealed record TeacherQuizOption(Guid Id, int Position, string Text, bool IsCorrect);

// Trying the quiz: one answer per question; choice questions name option ids, fill-in questions send text.

public sealed record QuizCheckRequest(IReadOnlyList<QuizAnswerRequest?>? Answers);

public sealed record QuizAnswerRequest(Guid? QuestionId, IReadOnlyList<Guid>? OptionIds, string? Text);

/// <summary>Per question only whether it was right: the correct answers are not revealed, so students can get this too.</summary>
public sealed record QuestionGrade(Guid QuestionId, bool Correct, int PointsAwarded, int Points);

public sealed record QuizGrade(int Score, int TotalPoints, IReadOnlyList<QuestionGrade> Questions);
