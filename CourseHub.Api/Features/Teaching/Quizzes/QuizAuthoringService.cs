using System.Text.Json;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Quizzes;
using CourseHub.Domain.Catalog;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching.Quizzes;

/// <summary>
/// Reads, replaces and tries out the quiz of a quiz lesson, under the studio's rules: the author reaches only own
/// courses (admins all), and a course in review or removed is not editable. Ids of questions and options that are
/// sent back survive a save, so answers students give later keep pointing at the same questions.
/// </summary>
public sealed class QuizAuthoringService(CourseHubDbContext db, CatalogVersion catalog, TimeProvider clock)
{
    /// <summary>The lesson's length estimate per question, used while the teacher has not set a duration of their own.</summary>
    public const int SecondsPerQuestion = 60;

    /// <summary>Error codes of this service, besides the studio's own (<c>not-found</c>, <c>not-editable</c>).</summary>
    public const string LessonNotFound = "lesson-not-found";
    public const string NotAQuiz = "not-a-quiz";

    public async Task<TeacherQuiz> GetAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken)
    {
        var (_, lesson) = await FindAsync(author, courseId, lessonId, tracked: false, cancellationToken);
        return ToResponse(lesson);
    }

    public async Task<QuizGrade> CheckAsync(Author author, Guid courseId, Guid lessonId, IReadOnlyList<QuizAnswer> answers,
        CancellationToken cancellationToken)
    {
        var (_, lesson) = await FindAsync(author, courseId, lessonId, tracked: false, cancellationToken);
        return QuizGrader.Grade(lesson.Questions, answers);
    }

    public async Task<TeacherQuiz> ReplaceAsync(Author author, Guid courseId, Guid lessonId, ValidQuiz quiz,
        CancellationToken cancellationToken)
    {
        var questions = quiz.Questions;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two saves of the same quiz (two tabs, a double click) run one after the other, so the result is one of
        // the two quizzes and never a mix of both: the lesson row is locked before its questions are read.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM lessons WHERE id = {lessonId} FOR UPDATE", cancellationToken);
        var (course, lesson) = await FindAsync(author, courseId, lessonId, tracked: true, cancellationToken);
        if (course.Status is CourseStatus.InReview or CourseStatus.Removed)
        {
            throw Refusal.Conflict("not-editable", "Not in this state", $"A course that is {course.Status} cannot be edited.");
        }

        // The estimate follows the quiz until the teacher sets a duration of their own.
        var durationBefore = lesson.DurationSeconds;
        if (lesson.DurationSeconds == 0 || lesson.DurationSeconds == lesson.Questions.Count * SecondsPerQuestion)
        {
            lesson.DurationSeconds = questions.Count * SecondsPerQuestion;
        }
        ReplaceQuestions(lesson, questions);
        lesson.PassMarkPercent = quiz.PassMarkPercent ?? lesson.PassMarkPercent;
        course.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // The catalog's course page shows lesson durations; nothing else of a quiz is public.
        if (course.Status == CourseStatus.Published && lesson.DurationSeconds != durationBefore)
        {
            await catalog.InvalidateAsync();
        }
        return ToResponse(lesson);
    }

    private static void ReplaceQuestions(Lesson lesson, IReadOnlyList<ValidQuestion> questions)
    {
        var existing = lesson.Questions.ToDictionary(q => q.Id);
        var kept = new HashSet<Guid>();
        var position = 0;
        foreach (var valid in questions)
        {
            // An id is kept only if it names a question of this quiz (and only once); any other id is a new question.
            var question = valid.Id is { } id && existing.TryGetValue(id, out var found) && kept.Add(id) ? found : null;
            if (question is null)
            {
                // New rows get their ids from EF when saved (the key is left unset so EF adds, rather than updates, them).
                question = new QuizQuestion { Prompt = valid.Prompt };
                lesson.Questions.Add(question);
            }
            question.Position = ++position;
            question.Kind = valid.Kind;
            question.Prompt = valid.Prompt;
            question.Points = valid.Points;
            question.PartialCredit = valid.PartialCredit;
            question.AcceptedAnswers = [.. valid.AcceptedAnswers];
            ReplaceOptions(question, valid.Options);
        }
        // Removing from the navigation deletes the row (and its options, by cascade) on save.
        lesson.Questions.RemoveAll(q => existing.ContainsKey(q.Id) && !kept.Contains(q.Id));
    }

    private static void ReplaceOptions(QuizQuestion question, IReadOnlyList<ValidOption> options)
    {
        var existing = question.Options.ToDictionary(o => o.Id);
        var kept = new HashSet<Guid>();
        var position = 0;
        foreach (var valid in options)
        {
            var option = valid.Id is { } id && existing.TryGetValue(id, out var found) && kept.Add(id) ? found : null;
            if (option is null)
            {
                option = new QuizOption { Text = valid.Text };
                question.Options.Add(option);
            }
            option.Position = ++position;
            option.Text = valid.Text;
            option.IsCorrect = valid.IsCorrect;
        }
        question.Options.RemoveAll(o => existing.ContainsKey(o.Id) && !kept.Contains(o.Id));
    }

    /// <summary>The course (scoped to the author) and its quiz lesson with questions and options.</summary>
    private async Task<(Course Course, Lesson Lesson)> FindAsync(Author author, Guid courseId, Guid lessonId, bool tracked,
        CancellationToken cancellationToken)
    {
        var courses = author.Scope(db.Courses);
        var course = await (tracked ? courses : courses.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
        var lessons = db.Lessons.Include(l => l.Questions).ThenInclude(q => q.Options).AsSplitQuery();
        var lesson = await (tracked ? lessons : lessons.AsNoTracking())
            .Where(l => l.Id == lessonId && db.CourseModules.Any(m => m.Id == l.ModuleId && m.CourseId == courseId))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound(LessonNotFound, "Lesson not found", "No such lesson in this course.");
        if (lesson.Type != LessonType.Quiz)
        {
            throw Refusal.Conflict(NotAQuiz, "Not a quiz lesson", $"“{lesson.Title}” is a {lesson.Type} lesson; only a Quiz lesson has questions.");
        }
        return (course, lesson);
    }

    private static TeacherQuiz ToResponse(Lesson lesson)
    {
        // Numbered 1..n by order, whatever numbering older data (such as the demo seed) used.
        var questions = lesson.Questions.OrderBy(q => q.Position).Select((q, i) => new TeacherQuizQuestion(q.Id, i + 1, KindName(q.Kind), q.Prompt,
            q.Points, q.AcceptedAnswers, q.Options.OrderBy(o => o.Position).Select((o, j) => new TeacherQuizOption(o.Id, j + 1, o.Text, o.IsCorrect))
                .ToList(), q.PartialCredit)).ToList();
        return new TeacherQuiz(lesson.Id, questions.Sum(q => q.Points), questions, lesson.PassMarkPercent);
    }

    /// <summary>singleChoice, multipleChoice, fillIn: the names the request uses.</summary>
    public static string KindName(QuizQuestionKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
