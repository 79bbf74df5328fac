using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Community;
using CourseHub.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>Reads a course's Q&amp;A as a given reader sees it (their upvotes, what they may do), and says who may take part.</summary>
public sealed class QuestionReader(CourseHubDbContext db, ReviewReader courses)
{
    /// <summary>The question's page in the Web.</summary>
    public static string Link(string courseSlug, Guid questionId) => $"/courses/{courseSlug}/questions/{questionId}";

    public Task<ReviewedCourse> RequirePublishedAsync(string course, CancellationToken cancellationToken) =>
        courses.RequirePublishedAsync(course, cancellationToken);

    /// <summary>
    /// The question, for <paramref name="user"/>: a question hidden while it is reviewed is not found for anyone but
    /// admins, on every route, so nobody replies to (or votes on) a question they cannot read.
    /// </summary>
    public async Task<Question> RequireQuestionAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var question = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken)
            ?? throw Refusal.NotFound("question-not-found", "Question not found", "There is no question with this id.");
        if (question.HiddenAt is not null && !user.IsInRole(Roles.Admin))
        {
            throw Refusal.NotFound("question-not-found", "Question not found", "This question is hidden while it is reviewed.");
        }
        return question;
    }

    /// <summary>Enrolled students (not refunded), the course's teacher and admins take part; anyone else is refused.</summary>
    public async Task RequireParticipantAsync(ReviewedCourse course, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await IsParticipantAsync(course, user, cancellationToken))
        {
            throw Refusal.Forbidden("not-a-participant", "Only the course's students ask and reply",
                "Enroll in the course to ask questions and reply; the teacher and admins take part too.");
        }
    }

    private async Task<bool> IsParticipantAsync(ReviewedCourse course, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } me)
        {
            return false;
        }
        return me == course.TeacherId || user.IsInRole(Roles.Admin)
            || await db.Enrollments.AnyAsync(e => e.CourseId == course.Id && e.UserId == me && e.RevokedAt == null, cancellationToken);
    }

    public async Task<CourseQuestions> PageAsync(ReviewedCourse course, ClaimsPrincipal user, string? search, Guid? lessonId, string sort, int page,
        int pageSize, CancellationToken cancellationToken)
    {
        var reader = user.UserId();
        var questions = db.Questions.AsNoTracking().Where(q => q.CourseId == course.Id && q.HiddenAt == null);
        if (lessonId is { } lesson)
        {
            questions = questions.Where(q => q.LessonId == lesson);
        }
        if (!string.IsNullOrEmpty(search))
        {
            var pattern = LikePatterns.Contains(search);
            questions = questions.Where(q => EF.Functions.ILike(q.Title, pattern) || EF.Functions.ILike(q.BodyMarkdown, pattern));
        }
        var ordered = sort switch
        {
            QuestionSorts.Votes => questions.OrderByDescending(q => q.UpvoteCount).ThenByDescending(q => q.CreatedAt),
            QuestionSorts.Unanswered => questions.Where(q => q.AcceptedReplyId == null).OrderBy(q => q.ReplyCount).ThenByDescending(q => q.CreatedAt),
            _ => questions.OrderByDescending(q => q.CreatedAt),
        };
        var total = await ordered.CountAsync(cancellationToken);
        var rows = await ordered.ThenByDescending(q => q.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(q => new
            {
                Question = q,
                LessonTitle = db.Lessons.Where(l => l.Id == q.LessonId).Select(l => l.Title).FirstOrDefault(),
                Author = db.Users.Where(u => u.Id == q.AuthorId).Select(u => new { u.DisplayName, u.AvatarBlobName }).First(),
                Upvoted = reader != null && db.QuestionUpvotes.Any(v => v.QuestionId == q.Id && v.UserId == reader),
            })
            .ToListAsync(cancellationToken);
        var instructors = await InstructorsAsync(course.TeacherId, rows.Select(r => r.Question.AuthorId), cancellationToken);
        var items = rows.Select(r => new QuestionSummary(r.Question.Id, r.Question.CourseId, r.Question.LessonId, r.LessonTitle, r.Question.Title,
            new QuestionAuthor(r.Question.AuthorId, r.Author.DisplayName, Avatars.Url(r.Question.AuthorId, r.Author.AvatarBlobName), instructors.Contains(r.Question.AuthorId)),
            r.Question.CreatedAt, r.Question.UpvoteCount, r.Question.ReplyCount, r.Question.AcceptedReplyId, r.Upvoted)).ToList();
        return new CourseQuestions(new PagedResult<QuestionSummary>(items, total, page, pageSize), await IsParticipantAsync(course, user, cancellationToken),
            course.Id, course.Slug, course.Title);
    }

    public async Task<QuestionDetails> DetailsAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var question = await RequireQuestionAsync(id, user, cancellationToken);
        // A question of a course that is no longer published is as gone as its course page.
        var course = await RequirePublishedAsync(question.CourseId.ToString(), cancellationToken);
        var reader = user.UserId();
        var lessonTitle = question.LessonId is { } lessonId
            ? await db.Lessons.Where(l => l.Id == lessonId).Select(l => l.Title).FirstOrDefaultAsync(cancellationToken)
            : null;
        var replies = await db.QuestionReplies.AsNoTracking().Where(r => r.QuestionId == id && r.HiddenAt == null).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Join(db.Users, r => r.AuthorId, u => u.Id, (r, u) => new { Reply = r, u.DisplayName, u.AvatarBlobName })
            .ToListAsync(cancellationToken);
        var author = await db.Users.Where(u => u.Id == question.AuthorId).Select(u => new { u.DisplayName, u.AvatarBlobName }).SingleAsync(cancellationToken);
        var instructors = await InstructorsAsync(course.TeacherId, replies.Select(r => r.Reply.AuthorId).Append(question.AuthorId), cancellationToken);
        var upvoted = reader is { } me && await db.QuestionUpvotes.AnyAsync(v => v.QuestionId == id && v.UserId == me, cancellationToken);
        QuestionAuthor Author(Guid userId, string name, string? avatar) => new(userId, name, Avatars.Url(userId, avatar), instructors.Contains(userId));
        return new QuestionDetails(question.Id, course.Id, course.Slug, course.Title, question.LessonId, lessonTitle, question.Title,
            question.BodyMarkdown, SafeMarkdown.ToHtml(question.BodyMarkdown), Author(question.AuthorId, author.DisplayName, author.AvatarBlobName),
            question.CreatedAt, question.UpvoteCount, upvoted, question.AcceptedReplyId,
            replies.Select(r => new QuestionReplyItem(r.Reply.Id, id, Author(r.Reply.AuthorId, r.DisplayName, r.AvatarBlobName), r.Reply.BodyMarkdown,
                SafeMarkdown.ToHtml(r.Reply.BodyMarkdown), r.Reply.CreatedAt, instructors.Contains(r.Reply.AuthorId), r.Reply.Id == question.AcceptedReplyId)).ToList(),
            await IsParticipantAsync(course, user, cancellationToken),
            reader is { } viewer && (viewer == question.AuthorId || viewer == course.TeacherId));
    }

    /// <summary>Which of these users answer with authority here: the course's teacher and admins.</summary>
    private async Task<HashSet<Guid>> InstructorsAsync(Guid teacherId, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        var admins = await db.UserRoles.Where(ur => ur.RoleId == adminRole && ids.Contains(ur.UserId)).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        return [.. admins, .. ids.Where(id => id == teacherId)];
    }
}
