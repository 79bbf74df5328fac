using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Community;
using CourseHub.Domain;
using CourseHub.Domain.Community;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>A reported piece of content as moderation sees it, whatever its kind.</summary>
public sealed record ReportedContent(string Type, Guid Id, Guid AuthorId, string Text, bool Hidden, Guid? CourseId, Guid? ConversationId,
    string? Context, string? Link);

/// <summary>
/// Finds, hides, deletes and describes the content kinds that can be reported, so the report and queue routes speak of
/// one shape. A review that is hidden, shown again or deleted changes its course's rating, so those recount it.
/// </summary>
public sealed class ModeratedContent(CourseHubDbContext db, CatalogVersion catalog, TimeProvider clock)
{
    public const string RemovedMessageText = "This message was removed by a moderator.";

    public async Task<ReportedContent?> FindAsync(string type, Guid id, CancellationToken cancellationToken) => type switch
    {
        ReportTargets.Review => await db.Reviews.AsNoTracking().Where(r => r.Id == id)
            .Join(db.Courses, r => r.CourseId, c => c.Id, (r, c) => new ReportedContent(type, r.Id, r.AuthorId, r.Text, r.HiddenAt != null, c.Id, null,
                "Review of “" + c.Title + "”", "/courses/" + c.Slug + "#reviews"))
            .SingleOrDefaultAsync(cancellationToken),
        ReportTargets.Question => await db.Questions.AsNoTracking().Where(q => q.Id == id)
            .Join(db.Courses, q => q.CourseId, c => c.Id, (q, c) => new ReportedContent(type, q.Id, q.AuthorId, q.Title + "\n\n" + q.BodyMarkdown,
                q.HiddenAt != null, c.Id, null, "Question in “" + c.Title + "”", "/courses/" + c.Slug + "/questions/" + q.Id))
            .SingleOrDefaultAsync(cancellationToken),
        ReportTargets.Reply => await db.QuestionReplies.AsNoTracking().Where(r => r.Id == id)
            .Join(db.Questions, r => r.QuestionId, q => q.Id, (r, q) => new { Reply = r, Question = q })
            .Join(db.Courses, rq => rq.Question.CourseId, c => c.Id, (rq, c) => new ReportedContent(type, rq.Reply.Id, rq.Reply.AuthorId, rq.Reply.BodyMarkdown,
                rq.Reply.HiddenAt != null, c.Id, null, "Reply to “" + rq.Question.Title + "” in “" + c.Title + "”", "/courses/" + c.Slug + "/questions/" + rq.Question.Id))
            .SingleOrDefaultAsync(cancellationToken),
        ReportTargets.Message => await db.ConversationMessages.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new ReportedContent(type, m.Id, m.SenderId, m.Text, false, null, m.ConversationId, "Chat message", null))
            .SingleOrDefaultAsync(cancellationToken),
        ReportTargets.Comment => await db.LessonComments.AsNoTracking().Where(lc => lc.Id == id)
            .Join(db.Lessons, lc => lc.LessonId, l => l.Id, (lc, l) => new { Comment = lc, LessonTitle = l.Title })
            .Join(db.Courses, x => x.Comment.CourseId, c => c.Id, (x, c) => new ReportedContent(type, x.Comment.Id, x.Comment.AuthorId, x.Comment.Text,
                x.Comment.HiddenAt != null, c.Id, null, "Comment on “" + x.LessonTitle + "” in “" + c.Title + "”",
                "/learn/" + c.Slug + "/lessons/" + x.Comment.LessonId))
            .SingleOrDefaultAsync(cancellationToken),
        ReportTargets.BlogComment => await db.BlogComments.AsNoTracking().Where(bc => bc.Id == id)
            .Join(db.BlogPosts, bc => bc.PostId, p => p.Id, (bc, p) => new ReportedContent(type, bc.Id, bc.AuthorId, bc.Text, bc.HiddenAt != null, null, null,
                "Comment on the blog post “" + p.Title + "”", "/blog/" + p.Slug + "#comments"))
            .SingleOrDefaultAsync(cancellationToken),
        _ => null,
    };

    /// <summary>Hides or shows the content again; returns whether it changed. Messages are not hidden (they can be deleted).</summary>
    public async Task<bool> SetHiddenAsync(ReportedContent content, bool hidden, CancellationToken cancellationToken)
    {
        DateTimeOffset? at = hidden ? clock.GetUtcNow() : null;
        var changed = content.Type switch
        {
            ReportTargets.Review => await db.Reviews.Where(r => r.Id == content.Id && (r.HiddenAt != null) != hidden)
                .ExecuteUpdateAsync(update => update.SetProperty(r => r.HiddenAt, at), cancellationToken),
            ReportTargets.Question => await db.Questions.Where(q => q.Id == content.Id && (q.HiddenAt != null) != hidden)
                .ExecuteUpdateAsync(update => update.SetProperty(q => q.HiddenAt, at), cancellationToken),
            ReportTargets.Reply => await db.QuestionReplies.Where(r => r.Id == content.Id && (r.HiddenAt != null) != hidden)
                .ExecuteUpdateAsync(update => update.SetProperty(r => r.HiddenAt, at), cancellationToken),
            ReportTargets.Comment => await db.LessonComments.Where(c => c.Id == content.Id && (c.HiddenAt != null) != hidden)
                .ExecuteUpdateAsync(update => update.SetProperty(c => c.HiddenAt, at), cancellationToken),
            ReportTargets.BlogComment => await db.BlogComments.Where(c => c.Id == content.Id && (c.HiddenAt != null) != hidden)
                .ExecuteUpdateAsync(update => update.SetProperty(c => c.HiddenAt, at), cancellationToken),
            _ => 0,
        };
        if (changed > 0 && content.Type == ReportTargets.Review)
        {
            await db.RecountRatingAsync(content.CourseId!.Value, cancellationToken);
        }
        return changed > 0;
    }

    public async Task DeleteAsync(ReportedContent content, CancellationToken cancellationToken)
    {
        switch (content.Type)
        {
            case ReportTargets.Review:
                await db.Reviews.Where(r => r.Id == content.Id).ExecuteDeleteAsync(cancellationToken);
                await db.RecountRatingAsync(content.CourseId!.Value, cancellationToken);
                break;
            case ReportTargets.Question:
                await db.Questions.Where(q => q.Id == content.Id).ExecuteDeleteAsync(cancellationToken);
                break;
            case ReportTargets.Reply:
                var questionId = await db.QuestionReplies.Where(r => r.Id == content.Id).Select(r => r.QuestionId).SingleAsync(cancellationToken);
                await db.QuestionReplies.Where(r => r.Id == content.Id).ExecuteDeleteAsync(cancellationToken);
                await db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(update => update
                    .SetProperty(q => q.ReplyCount, q => q.ReplyCount - 1)
                    .SetProperty(q => q.AcceptedReplyId, q => q.AcceptedReplyId == content.Id ? null : q.AcceptedReplyId), cancellationToken);
                break;
            case ReportTargets.Message:
                // A conversation's sequence has no gaps: the message stays, its words and files go.
                await db.MessageAttachments.Where(a => a.MessageId == content.Id).ExecuteUpdateAsync(update => update.SetProperty(a => a.MessageId, (Guid?)null), cancellationToken);
                await db.ConversationMessages.Where(m => m.Id == content.Id).ExecuteUpdateAsync(update => update.SetProperty(m => m.Text, RemovedMessageText), cancellationToken);
                break;
            case ReportTargets.Comment:
                // Its replies go with it (cascade).
                await db.LessonComments.Where(c => c.Id == content.Id).ExecuteDeleteAsync(cancellationToken);
                break;
            case ReportTargets.BlogComment:
                await db.BlogComments.Where(c => c.Id == content.Id).ExecuteDeleteAsync(cancellationToken);
                break;
        }
    }

    /// <summary>After the transaction: a review's change moves the catalog (its course's rating) to a new version.</summary>
    public async Task AfterChangeAsync(ReportedContent content, CancellationToken cancellationToken)
    {
        if (content.Type == ReportTargets.Review)
        {
            await catalog.InvalidateAsync();
        }
    }

    public async Task<ModerationItem> ItemAsync(ContentReport report, string reporterName, CancellationToken cancellationToken)
    {
        var content = await FindAsync(report.TargetType, report.TargetId, cancellationToken);
        var author = content is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == content.AuthorId)
            .Select(u => new ModerationAuthor(u.Id, u.DisplayName, u.Email ?? "", u.BannedAt != null)).SingleOrDefaultAsync(cancellationToken);
        var open = await db.ContentReports.AsNoTracking()
            .Where(r => r.TargetType == report.TargetType && r.TargetId == report.TargetId && r.ResolvedAt == null)
            .OrderBy(r => r.CreatedAt).Select(r => r.Reason).ToListAsync(cancellationToken);
        return new ModerationItem(report.Id, report.TargetType, report.TargetId, report.Reason, reporterName, report.CreatedAt,
            content?.Text, author, content?.Context,
            // A chat message has no public place; the admin reads it in its conversation.
            content?.Link ?? (content?.ConversationId is { } conversationId ? $"/admin/conversations/{conversationId}" : null),
            content?.Hidden ?? false, open.Count, open,
            report.ResolvedAt, report.Resolution, report.ResolutionReason);
    }
}
