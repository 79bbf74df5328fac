using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Domain;
using CourseHub.Domain.Community;
using CourseHub.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>
/// A course's Q&amp;A: anyone reads a published course's questions; enrolled students, the teacher and admins ask and
/// reply (teacher and admin replies badged); the asker or the teacher marks the answering reply; signed-in readers
/// upvote once. The asker hears of replies, the teacher of new questions.
/// </summary>
public static class QuestionEndpoints
{
    public const int MaxPageSize = 50;

    public static IServiceCollection AddQuestions(this IServiceCollection services) => services.AddScoped<QuestionReader>();

    public static IEndpointRouteBuilder MapQuestionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var course = endpoints.MapGroup("/api/courses/{course}/questions").WithTags("Questions");
        course.MapGet("", ListAsync).Refuses(404).WithSummary("List a course's questions")
            .WithDescription("A published course's questions (the course by id or slug): `q` searches titles and bodies, `lessonId` narrows to one lesson, `sort` newest (default), votes or unanswered; `page`, `pageSize` (max 50).");
        course.MapPost("", AskAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Ask a question")
            .WithDescription("`title`, `bodyMarkdown` and optionally `lessonId` (a lesson of this course). For enrolled students, the course's teacher and admins: 403 `not-a-participant` otherwise.");

        var question = endpoints.MapGroup("/api/questions/{id:guid}").WithTags("Questions");
        question.MapGet("", GetAsync).Refuses(404).WithSummary("Read a question").WithDescription("The question with its replies, oldest first.");
        question.MapPost("/replies", ReplyAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Reply to a question")
            .WithDescription("For enrolled students, the course's teacher and admins; the teacher's and admins' replies carry `isInstructor`.");
        question.MapPost("/accept", AcceptAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Mark the answering reply")
            .WithDescription("The asker or the course's teacher marks one of the question's replies (`replyId`) as the answer; marking another moves the mark.");
        question.MapPost("/upvote", UpvoteAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Upvote a question")
            .WithDescription("Counts once per reader (repeating it changes nothing); not for one's own question.");
        question.MapDelete("/upvote", WithdrawUpvoteAsync).RequireAuthorization().Refuses(404).WithSummary("Withdraw an upvote");
        return endpoints;
    }

    private static async Task<Results<Ok<CourseQuestions>, ValidationProblem>> ListAsync(string course, string? q, Guid? lessonId, string? sort, int? page,
        int? pageSize, HttpContext context, QuestionReader reader, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        var order = (sort ?? QuestionSorts.Newest).Trim().ToLowerInvariant();
        if (!QuestionSorts.All.Contains(order))
        {
            errors.Add("sort", $"Use {string.Join(", ", QuestionSorts.All)}.");
        }
        if (page is < 1)
        {
            errors.Add("page", "Pages are numbered from 1.");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Ask for 1 to {MaxPageSize} questions a page.");
        }
        if (q is { Length: > 200 })
        {
            errors.Add("q", "Search with up to 200 characters.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var target = await reader.RequirePublishedAsync(course, cancellationToken);
        return TypedResults.Ok(await reader.PageAsync(target, context.User, q?.Trim(), lessonId, order, page ?? 1, pageSize ?? Paging.DefaultPageSize, cancellationToken));
    }

    private static async Task<Results<Created<QuestionDetails>, ValidationProblem>> AskAsync(string course, AskQuestionRequest request, HttpContext context,
        CourseHubDbContext db, QuestionReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("title", "Sum up your question in a line.");
        }
        else if (title.Length > Question.MaxTitleLength)
        {
            errors.Add("title", $"Keep the title to {Question.MaxTitleLength} characters (this one has {title.Length}).");
        }
        BodyProblem(request.BodyMarkdown, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var target = await reader.RequirePublishedAsync(course, cancellationToken);
        await reader.RequireParticipantAsync(target, context.User, cancellationToken);
        if (request.LessonId is { } lessonId
            && !await db.Lessons.AnyAsync(l => l.Id == lessonId && db.CourseModules.Any(m => m.Id == l.ModuleId && m.CourseId == target.Id), cancellationToken))
        {
            return Problems.Field("lessonId", "Choose a lesson of this course.");
        }
        var me = context.User.UserId()!.Value;
        var question = new Question
        {
            Id = Guid.CreateVersion7(),
            CourseId = target.Id,
            LessonId = request.LessonId,
            AuthorId = me,
            Title = title!,
            BodyMarkdown = request.BodyMarkdown!.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Questions.Add(question);
        if (target.TeacherId != me)
        {
            db.Notify(target.TeacherId, NotificationKinds.QuestionAsked, "New question",
                $"“{question.Title}” in “{target.Title}”.", QuestionReader.Link(target.Slug, question.Id), clock);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/questions/{question.Id}", await reader.DetailsAsync(question.Id, context.User, cancellationToken));
    }

    private static async Task<Ok<QuestionDetails>> GetAsync(Guid id, HttpContext context, QuestionReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.DetailsAsync(id, context.User, cancellationToken));

    private static async Task<Results<Created<QuestionReplyItem>, ValidationProblem>> ReplyAsync(Guid id, QuestionReplyRequest request, HttpContext context,
        CourseHubDbContext db, QuestionReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        BodyProblem(request.BodyMarkdown, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var question = await reader.RequireQuestionAsync(id, context.User, cancellationToken);
        var course = await reader.RequirePublishedAsync(question.CourseId.ToString(), cancellationToken);
        await reader.RequireParticipantAsync(course, context.User, cancellationToken);
        var me = context.User.UserId()!.Value;
        var reply = new QuestionReply { Id = Guid.CreateVersion7(), QuestionId = id, AuthorId = me, BodyMarkdown = request.BodyMarkdown!.Trim(), CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.QuestionReplies.Add(reply);
        if (question.AuthorId != me)
        {
            db.Notify(question.AuthorId, NotificationKinds.QuestionReplied, "New reply to your question",
                $"“{question.Title}” has a new reply.", QuestionReader.Link(course.Slug, id), clock);
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(update => update.SetProperty(q => q.ReplyCount, q => q.ReplyCount + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var details = await reader.DetailsAsync(id, context.User, cancellationToken);
        return TypedResults.Created($"/api/questions/{id}", details.Replies.Single(r => r.Id == reply.Id));
    }

    private static async Task<Results<Ok<QuestionDetails>, ValidationProblem>> AcceptAsync(Guid id, AcceptReplyRequest request, HttpContext context,
        CourseHubDbContext db, QuestionReader reader, CancellationToken cancellationToken)
    {
        if (request.ReplyId is not { } replyId)
        {
            return Problems.Field("replyId", "Name the reply that answers the question.");
        }
        var question = await reader.RequireQuestionAsync(id, context.User, cancellationToken);
        var me = context.User.UserId()!.Value;
        var teacherId = await db.Courses.Where(c => c.Id == question.CourseId).Select(c => c.TeacherId).SingleAsync(cancellationToken);
        if (question.AuthorId != me && teacherId != me)
        {
            throw Refusal.Forbidden("not-asker-or-teacher", "Only the asker or the teacher marks the answer",
                "The person who asked and the course's teacher can mark which reply answers the question.");
        }
        if (!await db.QuestionReplies.AnyAsync(r => r.Id == replyId && r.QuestionId == id, cancellationToken))
        {
            return Problems.Field("replyId", "Choose a reply to this question.");
        }
        await db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(update => update.SetProperty(q => q.AcceptedReplyId, replyId), cancellationToken);
        return TypedResults.Ok(await reader.DetailsAsync(id, context.User, cancellationToken));
    }

    private static async Task<Ok<QuestionVote>> UpvoteAsync(Guid id, HttpContext context, CourseHubDbContext db, QuestionReader reader, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var question = await reader.RequireQuestionAsync(id, context.User, cancellationToken);
        if (question.AuthorId == me)
        {
            throw Refusal.Forbidden("own-question", "Not for your own question", "Other readers upvote the questions they want answered too.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO question_upvotes (question_id, user_id, created_at) VALUES ({id}, {me}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(update => update.SetProperty(q => q.UpvoteCount, q => q.UpvoteCount + added), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await VoteStateAsync(db, id, me, cancellationToken));
    }

    private static async Task<Ok<QuestionVote>> WithdrawUpvoteAsync(Guid id, HttpContext context, CourseHubDbContext db, QuestionReader reader,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        await reader.RequireQuestionAsync(id, context.User, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.QuestionUpvotes.Where(v => v.QuestionId == id && v.UserId == me).ExecuteDeleteAsync(cancellationToken);
        await db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(update => update.SetProperty(q => q.UpvoteCount, q => q.UpvoteCount - removed), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await VoteStateAsync(db, id, me, cancellationToken));
    }

    private static async Task<QuestionVote> VoteStateAsync(CourseHubDbContext db, Guid id, Guid me, CancellationToken cancellationToken) =>
        new(id, await db.Questions.Where(q => q.Id == id).Select(q => q.UpvoteCount).SingleAsync(cancellationToken),
            await db.QuestionUpvotes.AnyAsync(v => v.QuestionId == id && v.UserId == me, cancellationToken));

    private static void BodyProblem(string? body, Problems.Errors errors)
    {
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("bodyMarkdown", "Write a few words.");
        }
        else if (text.Length > Question.MaxBodyLength)
        {
            errors.Add("bodyMarkdown", $"Keep it to {Question.MaxBodyLength:N0} characters (this has {text.Length:N0}).");
        }
    }
}
