using CourseHub.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using CourseHub.Contracts.Quizzes;

namespace CourseHub.Api.Features.Teaching.Quizzes;

/// <summary>
/// The quiz builder's routes under a course of the studio: read the quiz, replace it as a whole, and grade answers
/// against it (the teacher's "preview as student"). Same rules as the rest of the studio: another teacher's course
/// is 404, a course in review or removed is 409 <c>not-editable</c>; a lesson that is not a quiz is 409 <c>not-a-quiz</c>.
/// </summary>
public static class QuizEndpoints
{
    public static IEndpointRouteBuilder MapQuizEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var quiz = endpoints.MapGroup("/api/teach/courses/{id:guid}/lessons/{lessonId:guid}/quiz").WithTags("Teaching")
            .RequireAuthorization(IdentitySetup.TeacherPolicy).Refuses(404, 409);
        quiz.MapGet("", GetAsync).WithSummary("Read a quiz").WithDescription("The quiz of a quiz lesson, with the correct answers (the author's view).");
        quiz.MapPut("", ReplaceAsync).WithSummary("Replace a quiz").WithDescription("Replace the whole quiz (body {questions}) in one transaction. Questions and options sent with their id keep it; " +
            "those without (or with an id that is not in this quiz) are new; those not sent are deleted.");
        quiz.MapPost("/check", CheckAsync).WithSummary("Check quiz answers").WithDescription("Grade answers (body {answers:[{questionId, optionIds, text}]}) against the saved quiz: score and which questions were right.");
        return endpoints;
    }

    private static async Task<Ok<TeacherQuiz>> GetAsync(Guid id, Guid lessonId, HttpContext context, QuizAuthoringService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(Author.From(context.User), id, lessonId, cancellationToken));

    private static async Task<Results<Ok<TeacherQuiz>, ValidationProblem>> ReplaceAsync(Guid id, Guid lessonId, QuizRequest request,
        HttpContext context, QuizAuthoringService service, CancellationToken cancellationToken)
    {
        if (!QuizValidator.TryValidate(request, out var quiz, out var errors))
        {
            return errors.ToProblem();
        }
        return TypedResults.Ok(await service.ReplaceAsync(Author.From(context.User), id, lessonId, quiz, cancellationToken));
    }

    private static async Task<Results<Ok<QuizGrade>, ValidationProblem>> CheckAsync(Guid id, Guid lessonId, QuizCheckRequest request,
        HttpContext context, QuizAuthoringService service, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        var answers = new List<QuizAnswer>();
        var answered = new HashSet<Guid>();
        var sent = request.Answers ?? [];
        for (var i = 0; i < sent.Count; i++)
        {
            if (sent[i]?.QuestionId is not { } questionId)
            {
                errors.Add($"answers[{i}].questionId", "Name the question this answers.");
            }
            else if (!answered.Add(questionId))
            {
                errors.Add($"answers[{i}].questionId", "Answer each question once.");
            }
            else
            {
                answers.Add(new QuizAnswer(questionId, sent[i]!.OptionIds ?? [], sent[i]!.Text));
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return TypedResults.Ok(await service.CheckAsync(Author.From(context.User), id, lessonId, answers, cancellationToken));
    }
}
