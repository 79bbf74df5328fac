using System.Text.Json;
using CourseHub.Api.Features.Teaching.Quizzes;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts.Learning;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Learning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Learning;

/// <summary>The learning player: a course's curriculum with progress, its lessons, completion, video positions and quizzes.</summary>
public static class LearningEndpoints
{
    public static IServiceCollection AddLearning(this IServiceCollection services) =>
        services.AddScoped<LearningAccess>().AddScoped<LearningProgress>();

    public static IEndpointRouteBuilder MapLearningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var learn = endpoints.MapGroup("/api/learn").WithTags("Learning");
        learn.MapGet("/courses/{courseId:guid}", CourseByIdAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Open a course to learn")
            .WithDescription("The curriculum with a tick per completed lesson, the progress (0–100) and the lesson to resume; for enrolled students, the teacher and admins (403 `not-enrolled` otherwise).");
        learn.MapGet("/courses/{slug}", CourseBySlugAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Open a course by its slug")
            .WithDescription("As the route by id, addressed by the course's slug (the player's URL).");
        learn.MapGet("/lessons/{lessonId:guid}", LessonAsync).Refuses(401, 403, 404).WithSummary("Read a lesson")
            .WithDescription("A lesson's content with short-lived media URLs, the saved video position and the previous and next lessons. Free-preview lessons of published courses: anyone.");
        learn.MapPost("/lessons/{lessonId:guid}/complete", CompleteAsync).RequireAuthorization().Refuses(403, 404, 409).WithSummary("Mark a lesson complete")
            .WithDescription("Completes a text, download or video lesson (a quiz completes by being passed: 409 `quiz-must-be-passed`).");
        learn.MapPut("/lessons/{lessonId:guid}/position", PositionAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Save the video position")
            .WithDescription("Where the student is in the video, in seconds; from 90 % of its duration the lesson is complete.");
        learn.MapGet("/lessons/{lessonId:guid}/quiz", QuizAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Take a quiz")
            .WithDescription("The quiz's questions and options without any answer, its pass mark, and the best attempt so far.");
        learn.MapPost("/lessons/{lessonId:guid}/quiz/attempts", AttemptAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Submit a quiz attempt")
            .WithDescription("Grades the answers on the server: score, pass or fail against the pass mark, and per-question feedback. Every attempt is kept; passing completes the lesson.");
        endpoints.MapGet("/api/me/learning", MyLearningAsync).WithTags("Learning").RequireAuthorization().WithSummary("List my courses with progress")
            .WithDescription("Every course the user is enrolled in, with progress, last activity and where to resume, most recent first.");
        endpoints.MapGet("/api/teach/courses/{id:guid}/students", StudentsAsync).WithTags("Teaching").RequireAuthorization(IdentitySetup.TeacherPolicy)
            .Refuses(404).WithSummary("List a course's students").WithDescription("The enrolled students of one of the teacher's courses, with progress and last activity.");
        return endpoints;
    }

    private static Task<Ok<LearnCourse>> CourseByIdAsync(Guid courseId, HttpContext context, LearningAccess access, LearningProgress progress,
        CancellationToken cancellationToken) => CourseAsync(context, access, progress, courses => courses.Where(c => c.Id == courseId), cancellationToken);

    private static Task<Ok<LearnCourse>> CourseBySlugAsync(string slug, HttpContext context, LearningAccess access, LearningProgress progress,
        CancellationToken cancellationToken) => CourseAsync(context, access, progress, courses => courses.Where(c => c.Slug == slug), cancellationToken);

    private static async Task<Ok<LearnCourse>> CourseAsync(HttpContext context, LearningAccess access, LearningProgress progress,
        Func<IQueryable<Course>, IQueryable<Course>> which, CancellationToken cancellationToken)
    {
        var learner = await access.RequireCourseAsync(context.User, which, cancellationToken);
        var done = await progress.OfAsync(learner.UserId!.Value, learner.Course.Id, cancellationToken);
        var completed = learner.Lessons.Count(l => done.GetValueOrDefault(l.Id)?.CompletedAt is not null);
        var last = learner.Enrollment?.LastLessonId is { } lastId && learner.Lessons.Any(l => l.Id == lastId) ? lastId : (Guid?)null;
        var course = learner.Course;
        return TypedResults.Ok(new LearnCourse(course.Id, course.Slug, course.Title, course.TeacherId, course.TeacherName, learner.Access,
            LearningProgress.Percent(completed, learner.Lessons.Count), completed, learner.Lessons.Count, last,
            last is { } l ? done.GetValueOrDefault(l)?.PositionSeconds ?? 0 : 0, learner.Enrollment?.CompletedAt,
            course.Modules.OrderBy(m => m.Position).Select(m => new LearnModule(m.Id, m.Title, m.Lessons.OrderBy(x => x.Position)
                .Select(x => new LearnLessonItem(x.Id, x.Title, TypeName(x.Type), x.DurationSeconds, x.IsFreePreview, done.GetValueOrDefault(x.Id)?.CompletedAt is not null))
                .ToList())).ToList()));
    }

    private static async Task<Ok<LearnLesson>> LessonAsync(Guid lessonId, HttpContext context, LearningAccess access, LearningProgress progress,
        CourseHubDbContext db, LessonMediaLinks links, CancellationToken cancellationToken)
    {
        var (learner, outline) = await access.RequireLessonAsync(context.User, lessonId, cancellationToken);
        var lesson = await db.Set<Lesson>().AsNoTracking().Include(l => l.Resources).Include(l => l.Questions).SingleAsync(l => l.Id == lessonId, cancellationToken);
        var state = learner.UserId is { } userId
            ? await db.LessonProgress.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.LessonId == lessonId, cancellationToken)
            : null;
        await progress.VisitedAsync(learner, outline, cancellationToken);
        var (video, download, resources) = await links.ForAsync(lesson, cancellationToken);
        // A visitor's previous/next stay among the free previews; everyone else walks the whole curriculum.
        var walk = learner.Access == LearningAccess.Preview ? learner.Lessons.Where(l => l.IsFreePreview).ToList() : learner.Lessons.ToList();
        var index = walk.FindIndex(l => l.Id == lessonId);
        var html = lesson.Type == LessonType.Quiz || string.IsNullOrWhiteSpace(lesson.TextMarkdown) ? null : SafeMarkdown.ToHtml(lesson.TextMarkdown);
        return TypedResults.Ok(new LearnLesson(lesson.Id, learner.Course.Id, learner.Course.Slug, learner.Course.Title, lesson.Title, TypeName(lesson.Type),
            lesson.DurationSeconds, lesson.IsFreePreview, state?.CompletedAt is not null, state?.PositionSeconds ?? 0, html, video, download, resources,
            lesson.Type == LessonType.Quiz ? lesson.Questions.Count : 0,
            index > 0 ? walk[index - 1].Id : null, index >= 0 && index < walk.Count - 1 ? walk[index + 1].Id : null,
            await Streaming.VideoStreamingEndpoints.InfoAsync(lesson, context.User, db, cancellationToken)));
    }

    private static async Task<Ok<LessonCompletedResponse>> CompleteAsync(Guid lessonId, HttpContext context, LearningAccess access, LearningProgress progress,
        CancellationToken cancellationToken)
    {
        var (learner, lesson) = await access.RequireLessonAsync(context.User, lessonId, cancellationToken);
        LearningProgress.RequireRecording(learner);
        if (lesson.Type == LessonType.Quiz)
        {
            throw Refusal.Conflict("quiz-must-be-passed", "Pass the quiz to complete it", "A quiz lesson is complete once an attempt passes its pass mark.");
        }
        var (percent, courseCompleted) = await progress.CompleteAsync(learner, lesson, cancellationToken);
        return TypedResults.Ok(new LessonCompletedResponse(lesson.Id, true, percent, courseCompleted));
    }

    private static async Task<Results<Ok<LessonPositionResponse>, ValidationProblem>> PositionAsync(Guid lessonId, LessonPositionRequest request,
        HttpContext context, LearningAccess access, LearningProgress progress, CancellationToken cancellationToken)
    {
        if (request.Seconds is not { } seconds || seconds < 0)
        {
            return Problems.Field("seconds", "Give the position in whole seconds, 0 or more.");
        }
        var (learner, lesson) = await access.RequireLessonAsync(context.User, lessonId, cancellationToken);
        LearningProgress.RequireRecording(learner);
        var (position, completed, percent) = await progress.PositionAsync(learner, lesson, seconds, cancellationToken);
        return TypedResults.Ok(new LessonPositionResponse(lesson.Id, position, completed, percent));
    }

    private static async Task<Ok<LearnQuiz>> QuizAsync(Guid lessonId, HttpContext context, LearningAccess access, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var (learner, lesson) = await LoadQuizAsync(lessonId, context, access, db, cancellationToken);
        var attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == learner.UserId && a.LessonId == lessonId).ToListAsync(cancellationToken);
        var best = attempts.OrderByDescending(a => a.MaxScore == 0 ? 0 : a.Score * 100 / a.MaxScore).ThenBy(a => a.SubmittedAt).FirstOrDefault();
        var questions = lesson.Questions.OrderBy(q => q.Position).Select(q => new LearnQuizQuestion(q.Id, KindName(q.Kind), q.Prompt, q.Points,
            q.Kind == QuizQuestionKind.FillIn ? [] : q.Options.OrderBy(o => o.Position).Select(o => new LearnQuizOption(o.Id, o.Text)).ToList(),
            q.PartialCredit)).ToList();
        return TypedResults.Ok(new LearnQuiz(lesson.Id, lesson.PassMarkPercent, questions, attempts.Count, best is null ? null : Result(best, lesson)));
    }

    private static async Task<Results<Ok<QuizAttemptResult>, ValidationProblem>> AttemptAsync(Guid lessonId, QuizAttemptRequest request, HttpContext context,
        LearningAccess access, LearningProgress progress, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Answers is null)
        {
            return Problems.Field("answers", "Send the answers: one entry per question, with optionIds or text.");
        }
        var (learner, lesson) = await LoadQuizAsync(lessonId, context, access, db, cancellationToken);
        var known = lesson.Questions.Select(q => q.Id).ToHashSet();
        if (request.Answers.FirstOrDefault(a => !known.Contains(a.QuestionId)) is { } stray)
        {
            return Problems.Field("answers", $"Question {stray.QuestionId} is not in this quiz.");
        }
        var attempt = new QuizAttempt
        {
            Id = Guid.CreateVersion7(),
            UserId = learner.UserId!.Value,
            LessonId = lesson.Id,
            PassMarkPercent = lesson.PassMarkPercent,
            Answers = JsonSerializer.Serialize(request.Answers, JsonSerializerOptions.Web),
            SubmittedAt = clock.GetUtcNow(),
        };
        var grade = QuizGrader.Grade(lesson.Questions, Answers(attempt));
        attempt.Score = grade.Score;
        attempt.MaxScore = grade.TotalPoints;
        attempt.Passed = PercentOf(grade.Score, grade.TotalPoints) >= lesson.PassMarkPercent;
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        if (attempt.Passed)
        {
            await progress.CompleteAsync(learner, learner.Lessons.Single(l => l.Id == lessonId), cancellationToken);
        }
        return TypedResults.Ok(Result(attempt, lesson));
    }

    private static async Task<Ok<List<MyLearningItem>>> MyLearningAsync(HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var rows = await (from enrollment in db.Enrollments.AsNoTracking()
                          join course in db.Courses on enrollment.CourseId equals course.Id
                          where enrollment.UserId == userId && enrollment.RevokedAt == null
                          orderby enrollment.LastActivityAt ?? enrollment.EnrolledAt descending
                          select new
                          {
                              enrollment,
                              course.Id, course.Slug, course.Title, course.TeacherName, course.ThumbnailBlobName,
                              Lessons = course.Modules.SelectMany(m => m.Lessons).Count(),
                              Completed = db.LessonProgress.Count(p => p.UserId == userId && p.CourseId == course.Id && p.CompletedAt != null),
                              Position = db.LessonProgress.Where(p => p.UserId == userId && p.LessonId == enrollment.LastLessonId).Select(p => p.PositionSeconds).FirstOrDefault(),
                              Certificate = db.Certificates.Where(c => c.UserId == userId && c.CourseId == course.Id).Select(c => c.Code).FirstOrDefault(),
                          }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new MyLearningItem(r.Id, r.Slug, r.Title, r.TeacherName,
            CourseMediaBlobs.PublicThumbnailUrl(r.Id, r.ThumbnailBlobName), LearningProgress.Percent(Math.Min(r.Completed, r.Lessons), r.Lessons),
            r.enrollment.LastLessonId, r.Position, r.enrollment.EnrolledAt, r.enrollment.LastActivityAt, r.enrollment.CompletedAt, r.Certificate)).ToList());
    }

    private static async Task<Ok<List<CourseStudent>>> StudentsAsync(Guid id, HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId()!.Value;
        var isAdmin = context.User.IsInRole(Domain.Identity.Roles.Admin);
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == id && (isAdmin || c.TeacherId == userId))
            .Select(c => new { c.Id, Lessons = c.Modules.SelectMany(m => m.Lessons).Count() }).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
        var rows = await (from enrollment in db.Enrollments.AsNoTracking()
                          join user in db.Users on enrollment.UserId equals user.Id
                          where enrollment.CourseId == id && enrollment.RevokedAt == null
                          orderby enrollment.LastActivityAt ?? enrollment.EnrolledAt descending
                          select new
                          {
                              user.Id, user.DisplayName, user.Email, enrollment.EnrolledAt, enrollment.LastActivityAt, enrollment.CompletedAt,
                              Completed = db.LessonProgress.Count(p => p.UserId == user.Id && p.CourseId == id && p.CompletedAt != null),
                          }).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new CourseStudent(r.Id, r.DisplayName, r.Email ?? "", r.EnrolledAt,
            LearningProgress.Percent(Math.Min(r.Completed, course.Lessons), course.Lessons), r.LastActivityAt, r.CompletedAt)).ToList());
    }

    private static async Task<(CourseForLearner Learner, Lesson Lesson)> LoadQuizAsync(Guid lessonId, HttpContext context, LearningAccess access,
        CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (learner, outline) = await access.RequireLessonAsync(context.User, lessonId, cancellationToken);
        LearningProgress.RequireRecording(learner);
        if (outline.Type != LessonType.Quiz)
        {
            throw Refusal.NotFound("not-a-quiz", "Not a quiz", "This lesson has no quiz.");
        }
        var lesson = await db.Set<Lesson>().AsNoTracking().Include(l => l.Questions).ThenInclude(q => q.Options).SingleAsync(l => l.Id == lessonId, cancellationToken);
        return (learner, lesson);
    }

    private static IEnumerable<QuizAnswer> Answers(QuizAttempt attempt) =>
        (JsonSerializer.Deserialize<List<QuizAttemptAnswer>>(attempt.Answers, JsonSerializerOptions.Web) ?? [])
            .Select(a => new QuizAnswer(a.QuestionId, a.OptionIds?.ToList() ?? [], a.Text));

    private static QuizAttemptResult Result(QuizAttempt attempt, Lesson lesson)
    {
        var grade = QuizGrader.Grade(lesson.Questions, Answers(attempt));
        var results = lesson.Questions.OrderBy(q => q.Position).Select(q =>
        {
            var graded = grade.Questions.Single(g => g.QuestionId == q.Id);
            return new QuizQuestionResult(q.Id, graded.Correct, graded.PointsAwarded, graded.Points,
                q.Options.Where(o => o.IsCorrect).Select(o => o.Id).ToList(), q.Kind == QuizQuestionKind.FillIn ? q.AcceptedAnswers : []);
        }).ToList();
        return new QuizAttemptResult(attempt.Id, attempt.Score, attempt.MaxScore, PercentOf(attempt.Score, attempt.MaxScore), attempt.Passed,
            attempt.PassMarkPercent, attempt.SubmittedAt, results);
    }

    private static int PercentOf(int score, int max) => max == 0 ? 100 : score * 100 / max;

    private static string TypeName(LessonType type) => type.ToString().ToLowerInvariant();

    private static string KindName(QuizQuestionKind kind) => kind switch
    {
        QuizQuestionKind.SingleChoice => "singleChoice",
        QuizQuestionKind.MultipleChoice => "multipleChoice",
        _ => "fillIn",
    };
}
