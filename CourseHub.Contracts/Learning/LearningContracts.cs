using CourseHub.Contracts.Media;

namespace CourseHub.Contracts.Learning;

// The learning player's wire types. Progress is a whole percentage 0–100 (completed lessons ÷ lessons).

/// <summary>
/// A course as its player shows it: the curriculum with a tick per completed lesson, the progress, and where the
/// student left off; <c>TeacherId</c> for "Message the teacher". <c>Access</c> is <c>enrolled</c>, <c>teacher</c> (the course's own) or <c>admin</c>.
/// </summary>
public sealed record LearnCourse(
    Guid Id,
    string Slug,
    string Title,
    Guid TeacherId,
    string TeacherName,
    string Access,
    int Progress,
    int CompletedLessons,
    int TotalLessons,
    Guid? LastLessonId,
    int LastPositionSeconds,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<LearnModule> Modules);

public sealed record LearnModule(Guid Id, string Title, IReadOnlyList<LearnLessonItem> Lessons);

/// <summary>A lesson in the player's curriculum. <c>Type</c>: text, video, download or quiz (as in the course page's outline).</summary>
public sealed record LearnLessonItem(Guid Id, string Title, string Type, int DurationSeconds, bool FreePreview, bool Completed);

/// <summary>
/// One lesson's content. <c>Html</c> is the text lesson's Markdown, rendered and sanitized. <c>PositionSeconds</c> is
/// where a video was left. Media are short-lived read URLs (<c>ExpiresAt</c>; read the lesson again for new ones).
/// A video lesson's <c>Video</c> is null: the upload itself is never served; the player streams <c>Stream</c>.
/// Quiz lessons carry only <c>QuestionCount</c> here; the questions come from the quiz route.
/// </summary>
public sealed record LearnLesson(
    Guid Id,
    Guid CourseId,
    string CourseSlug,
    string CourseTitle,
    string Title,
    string Type,
    int DurationSeconds,
    bool FreePreview,
    bool Completed,
    int PositionSeconds,
    string? Html,
    MediaFile? Video,
    MediaFile? Download,
    IReadOnlyList<ResourceFile> Resources,
    int QuestionCount,
    Guid? PreviousLessonId,
    Guid? NextLessonId,
    CourseHub.Contracts.Video.LessonStreamInfo? Stream = null);

/// <summary>Where a video is: saved every few seconds and on leaving the page.</summary>
public sealed record LessonPositionRequest(int? Seconds);

/// <summary>Past 90 % of the video the lesson counts as complete (<c>Completed</c>).</summary>
public sealed record LessonPositionResponse(Guid LessonId, int PositionSeconds, bool Completed, int Progress);

/// <summary>The lesson is complete; <c>CourseCompleted</c> when it was the last one.</summary>
public sealed record LessonCompletedResponse(Guid LessonId, bool Completed, int Progress, bool CourseCompleted);

/// <summary>A quiz as the student takes it: the questions and options, never which are correct.</summary>
public sealed record LearnQuiz(Guid LessonId, int PassMarkPercent, IReadOnlyList<LearnQuizQuestion> Questions, int Attempts, QuizAttemptResult? Best);

/// <summary><c>Kind</c>: singleChoice, multipleChoice or fillIn; <c>PartialCredit</c>: a multiple choice that pays a share per correct option.</summary>
public sealed record LearnQuizQuestion(Guid Id, string Kind, string Prompt, int Points, IReadOnlyList<LearnQuizOption> Options, bool PartialCredit = false);

public sealed record LearnQuizOption(Guid Id, string Text);

/// <summary>One answer: the chosen options of a choice question, or the text of a fill-in.</summary>
public sealed record QuizAttemptAnswer(Guid QuestionId, IReadOnlyList<Guid>? OptionIds, string? Text);

public sealed record QuizAttemptRequest(IReadOnlyList<QuizAttemptAnswer>? Answers);

/// <summary>
/// A graded attempt: the score against the pass mark, and per question whether it was right, with the correct options
/// or accepted answers (shown only after submitting).
/// </summary>
public sealed record QuizAttemptResult(Guid AttemptId, int Score, int MaxScore, int Percent, bool Passed, int PassMarkPercent,
    DateTimeOffset SubmittedAt, IReadOnlyList<QuizQuestionResult> Results);

public sealed record QuizQuestionResult(Guid QuestionId, bool Correct, int PointsAwarded, int Points, IReadOnlyList<Guid> CorrectOptionIds,
    IReadOnlyList<string> AcceptedAnswers);

/// <summary>
/// A course on the student's "My learning": progress, last activity and where to resume; once completed, the code of its
/// certificate (a moment after completion: the Worker issues it).
/// </summary>
public sealed record MyLearningItem(Guid CourseId, string Slug, string Title, string TeacherName, string? ThumbnailUrl, int Progress,
    Guid? LastLessonId, int LastPositionSeconds, DateTimeOffset EnrolledAt, DateTimeOffset? LastActivityAt, DateTimeOffset? CompletedAt,
    string? CertificateCode = null);

/// <summary>A student of one of the teacher's courses, with progress.</summary>
public sealed record CourseStudent(Guid UserId, string Name, string Email, DateTimeOffset EnrolledAt, int Progress, DateTimeOffset? LastActivityAt,
    DateTimeOffset? CompletedAt);

/// <summary>One of the signed-in student's certificates.</summary>
public sealed record MyCertificate(string Code, Guid CourseId, string CourseTitle, DateTimeOffset CompletedAt, DateTimeOffset IssuedAt, bool Valid);

/// <summary>What the public verification page shows about a certificate (<c>Valid</c> is false once revoked).</summary>
public sealed record CertificateVerification(string Code, string StudentName, string CourseTitle, string TeacherName, DateTimeOffset CompletedAt,
    DateTimeOffset IssuedAt, bool Valid, DateTimeOffset? RevokedAt, string? RevokedReason, bool HasPdf);

public sealed record RevokeCertificateRequest(string? Reason);

/// <summary>A certificate as the admin's list shows it: whose, which course, and whether it still holds.</summary>
public sealed record AdminCertificate(string Code, Guid UserId, string StudentName, string StudentEmail, Guid CourseId, string CourseTitle,
    string TeacherName, DateTimeOffset CompletedAt, DateTimeOffset IssuedAt, bool Valid, DateTimeOffset? RevokedAt, string? RevokedReason);
