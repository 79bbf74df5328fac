using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Domain;
using CourseHub.Domain.Community;
using CourseHub.Domain.Identity;
using CourseHub.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>
/// Short comments under a lesson, one reply level deep, for the course's enrolled students, its teacher and admins
/// (the teacher's and admins' marked as instructors). A reply to a reply is attached to the top-level comment it
/// belongs to, so threads never grow deeper and nobody's reply is refused. The teacher hears of new comments, a
/// comment's author of replies to it.
/// </summary>
public static class LessonCommentEndpoints
{
    public const int PageSize = 20;

    public static IEndpointRouteBuilder MapLessonCommentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var lesson = endpoints.MapGroup("/api/lessons/{lessonId:guid}/comments").WithTags("Lesson comments").RequireAuthorization();
        lesson.MapGet("", ListAsync).Refuses(403, 404).WithSummary("A lesson's comments")
            .WithDescription("Top-level comments newest first (`page`, 20 a page), each with its replies oldest first. For enrolled students, the course's teacher and admins: 403 `not-a-participant` otherwise.");
        lesson.MapPost("", CommentAsync).Refuses(403, 404).WithSummary("Comment on a lesson")
            .WithDescription("`text` (up to 2,000 characters) and optionally `parentId`, a comment of this lesson to reply to; a reply to a reply joins that reply's top-level comment.");
        lesson.MapPut("/{commentId:guid}", EditAsync).Refuses(403, 404).WithSummary("Edit your comment")
            .WithDescription("The author's new `text` (as for writing it); the comment is marked edited. 403 `not-yours` for anyone else.");
        lesson.MapDelete("/{commentId:guid}", DeleteAsync).Refuses(403, 404).WithSummary("Delete a comment")
            .WithDescription("By its author, the course's teacher or an admin (403 `not-yours` otherwise). A comment with replies leaves an empty \"deleted\" place so its thread stays readable; one without is removed.");
        return endpoints;
    }

    private sealed record LessonPlace(Guid LessonId, string LessonTitle, Guid CourseId, string CourseSlug, string CourseTitle, Guid TeacherId);

    private static async Task<LessonPlace> RequireParticipantAsync(Guid lessonId, ClaimsPrincipal user, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var place = await db.Lessons.AsNoTracking().Where(l => l.Id == lessonId)
            .Join(db.CourseModules, l => l.ModuleId, m => m.Id, (l, m) => new { l.Id, l.Title, m.CourseId })
            .Join(db.Courses, lm => lm.CourseId, c => c.Id, (lm, c) => new LessonPlace(lm.Id, lm.Title, c.Id, c.Slug, c.Title, c.TeacherId))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound("lesson-not-found", "Lesson not found", "There is no lesson with this id.");
        var me = user.UserId()!.Value;
        if (me != place.TeacherId && !user.IsInRole(Roles.Admin)
            && !await db.Enrollments.AnyAsync(e => e.CourseId == place.CourseId && e.UserId == me && e.RevokedAt == null, cancellationToken))
        {
            throw Refusal.Forbidden("not-a-participant", "Only the course's students comment",
                "Enroll in the course to read and write its lesson comments; the teacher and admins take part too.");
        }
        return place;
    }

    private static async Task<Results<Ok<LessonComments>, ValidationProblem>> ListAsync(Guid lessonId, int? page, HttpContext context, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        if (page is < 1)
        {
            return Problems.Field("page", "Pages are numbered from 1.");
        }
        var place = await RequireParticipantAsync(lessonId, context.User, db, cancellationToken);
        var number = page ?? 1;
        // A deleted top-level comment stays only as the place of its remaining replies.
        var topLevel = db.LessonComments.AsNoTracking().Where(c => c.LessonId == lessonId && c.ParentId == null && c.HiddenAt == null
            && (c.DeletedAt == null || db.LessonComments.Any(r => r.ParentId == c.Id && r.HiddenAt == null && r.DeletedAt == null)));
        var total = await topLevel.CountAsync(cancellationToken);
        var tops = await topLevel.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip((number - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var topIds = tops.Select(c => c.Id).ToList();
        var replies = await db.LessonComments.AsNoTracking()
            .Where(c => c.ParentId != null && topIds.Contains(c.ParentId.Value) && c.HiddenAt == null && c.DeletedAt == null)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var authors = await AuthorsAsync(db, place.TeacherId, tops.Concat(replies).Select(c => c.AuthorId), cancellationToken);
        var byParent = replies.ToLookup(r => r.ParentId!.Value);
        var reader = Reader(context.User, place);
        var items = tops.Select(c => Item(c, authors, reader, byParent[c.Id].Select(r => Item(r, authors, reader, [])).ToList())).ToList();
        return TypedResults.Ok(new LessonComments(new PagedResult<LessonCommentItem>(items, total, number, PageSize), true));
    }

    private static async Task<Results<Created<LessonCommentItem>, ValidationProblem>> CommentAsync(Guid lessonId, LessonCommentRequest request,
        HttpContext context, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.Field("text", "Write a few words.");
        }
        if (text.Length > LessonComment.MaxTextLength)
        {
            return Problems.Field("text", $"Keep it to {LessonComment.MaxTextLength:N0} characters (this has {text.Length:N0}).");
        }
        var place = await RequireParticipantAsync(lessonId, context.User, db, cancellationToken);
        var me = context.User.UserId()!.Value;
        LessonComment? repliedTo = null;
        LessonComment? thread = null;
        if (request.ParentId is { } parentId)
        {
            repliedTo = await db.LessonComments.AsNoTracking()
                .SingleOrDefaultAsync(c => c.Id == parentId && c.LessonId == lessonId && c.HiddenAt == null && c.DeletedAt == null, cancellationToken);
            if (repliedTo is null)
            {
                return Problems.Field("parentId", "Reply to a comment of this lesson.");
            }
            // One level: a reply to a reply joins the thread of the top-level comment.
            thread = repliedTo.ParentId is { } top
                ? await db.LessonComments.AsNoTracking().SingleAsync(c => c.Id == top, cancellationToken)
                : repliedTo;
        }
        var comment = new LessonComment
        {
            Id = Guid.CreateVersion7(), LessonId = lessonId, CourseId = place.CourseId, ParentId = thread?.Id, AuthorId = me, Text = text,
            CreatedAt = clock.GetUtcNow(),
        };
        db.LessonComments.Add(comment);
        var link = $"/learn/{place.CourseSlug}/lessons/{lessonId}#comment-{thread?.Id ?? comment.Id}";
        var told = new HashSet<Guid> { me };
        foreach (var author in new[] { thread?.AuthorId, repliedTo?.AuthorId }.OfType<Guid>())
        {
            if (told.Add(author))
            {
                db.Notify(author, NotificationKinds.LessonCommentReplied, "New reply to your comment",
                    $"On “{place.LessonTitle}” in “{place.CourseTitle}”.", link, clock);
            }
        }
        if (told.Add(place.TeacherId))
        {
            db.Notify(place.TeacherId, NotificationKinds.LessonCommented, "New comment on your lesson",
                $"On “{place.LessonTitle}” in “{place.CourseTitle}”.", link, clock);
        }
        await db.SaveChangesAsync(cancellationToken);
        var authors = await AuthorsAsync(db, place.TeacherId, [me], cancellationToken);
        return TypedResults.Created($"/api/lessons/{lessonId}/comments", Item(comment, authors, Reader(context.User, place), []));
    }

    private static async Task<Results<Ok<LessonCommentItem>, ValidationProblem>> EditAsync(Guid lessonId, Guid commentId, LessonCommentEditRequest request,
        HttpContext context, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.Field("text", "Write a few words (or delete the comment).");
        }
        if (text.Length > LessonComment.MaxTextLength)
        {
            return Problems.Field("text", $"Keep it to {LessonComment.MaxTextLength:N0} characters (this has {text.Length:N0}).");
        }
        var place = await RequireParticipantAsync(lessonId, context.User, db, cancellationToken);
        var comment = await FindAsync(db, lessonId, commentId, cancellationToken);
        if (comment.AuthorId != context.User.UserId())
        {
            // Moderators hide or delete; nobody puts words in another's mouth.
            throw Refusal.Forbidden("not-yours", "Not your comment", "Only its author edits a comment.");
        }
        if (comment.Text != text)
        {
            comment.Text = text;
            comment.EditedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        var authors = await AuthorsAsync(db, place.TeacherId, [comment.AuthorId], cancellationToken);
        return TypedResults.Ok(Item(comment, authors, Reader(context.User, place), []));
    }

    private static async Task<NoContent> DeleteAsync(Guid lessonId, Guid commentId, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var place = await RequireParticipantAsync(lessonId, context.User, db, cancellationToken);
        var comment = await FindAsync(db, lessonId, commentId, cancellationToken);
        if (!Reader(context.User, place).MayDelete(comment))
        {
            throw Refusal.Forbidden("not-yours", "Not your comment", "A comment is deleted by its author, the course's teacher or an admin.");
        }
        var hasReplies = comment.ParentId is null
            && await db.LessonComments.AnyAsync(r => r.ParentId == comment.Id && r.HiddenAt == null && r.DeletedAt == null, cancellationToken);
        if (hasReplies)
        {
            // The words go; the place stays so the replies still answer something.
            comment.Text = "";
            comment.DeletedAt = clock.GetUtcNow();
        }
        else
        {
            db.LessonComments.Remove(comment);
        }
        if (comment.AuthorId != context.User.UserId())
        {
            db.Record(clock, context.User, "lesson-comment.deleted", $"comment {comment.Id} on lesson {lessonId}");
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<LessonComment> FindAsync(CourseHubDbContext db, Guid lessonId, Guid commentId, CancellationToken cancellationToken) =>
        await db.LessonComments.SingleOrDefaultAsync(c => c.Id == commentId && c.LessonId == lessonId && c.HiddenAt == null && c.DeletedAt == null,
            cancellationToken)
        ?? throw Refusal.NotFound("comment-not-found", "Comment not found", "This lesson has no such comment.");

    /// <summary>Who is reading, for the edit and delete rights shown on each comment.</summary>
    private sealed record CommentReader(Guid UserId, bool Moderates)
    {
        public bool MayDelete(LessonComment comment) => comment.AuthorId == UserId || Moderates;
    }

    private static CommentReader Reader(ClaimsPrincipal user, LessonPlace place) =>
        new(user.UserId()!.Value, user.IsInRole(Roles.Admin) || user.UserId() == place.TeacherId);

    private static LessonCommentItem Item(LessonComment comment, IReadOnlyDictionary<Guid, QuestionAuthor> authors, CommentReader reader,
        IReadOnlyList<LessonCommentItem> replies)
    {
        var deleted = comment.DeletedAt is not null;
        return new(comment.Id, comment.LessonId, comment.ParentId, authors[comment.AuthorId], comment.Text, comment.CreatedAt, replies,
            comment.EditedAt, deleted, !deleted && comment.AuthorId == reader.UserId, !deleted && reader.MayDelete(comment));
    }

    /// <summary>The authors by id, the course's teacher and admins marked as instructors.</summary>
    private static async Task<Dictionary<Guid, QuestionAuthor>> AuthorsAsync(CourseHubDbContext db, Guid teacherId, IEnumerable<Guid> userIds,
        CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        var admins = await db.UserRoles.Where(ur => ur.RoleId == adminRole && ids.Contains(ur.UserId)).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.AvatarBlobName }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => new QuestionAuthor(u.Id, u.DisplayName, Avatars.Url(u.Id, u.AvatarBlobName), u.Id == teacherId || admins.Contains(u.Id)));
    }
}
