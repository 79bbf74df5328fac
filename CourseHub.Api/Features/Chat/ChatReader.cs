using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Chat;
using CourseHub.Domain;
using CourseHub.Domain.Chat;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Chat;

/// <summary>Reads conversations and their messages for participants and monitoring admins (who may open, is the caller's business).</summary>
public sealed class ChatReader(CourseHubDbContext db)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The conversation, or a 404 refusal; 403 <c>not-a-participant</c> when <paramref name="userId"/> is not in it.</summary>
    public async Task<Conversation> RequireParticipantAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await RequireAsync(conversationId, cancellationToken);
        return conversation.Involves(userId)
            ? conversation
            : throw Refusal.Forbidden("not-a-participant", "Not your conversation", "Only the two participants can read a conversation.");
    }

    public async Task<Conversation> RequireAsync(Guid conversationId, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
        ?? throw Refusal.NotFound("conversation-not-found", "Conversation not found", "There is no conversation with this id.");

    public const int DefaultConversationLimit = 50;
    public const int MaxConversationLimit = 100;

    /// <summary>
    /// The signed-in user's conversations, the most recent activity first (the last message, or the start for one without
    /// messages). Keyset paging: <paramref name="before"/> is the activity time and id of the last conversation of the
    /// previous page, so a page never repeats one; a conversation that moves to the top meanwhile is on the first page.
    /// </summary>
    public async Task<List<ChatConversation>> ListAsync(Guid me, Guid? onlyId, CancellationToken cancellationToken,
        (DateTimeOffset At, Guid Id)? before = null, int limit = MaxConversationLimit)
    {
        var mine = db.Conversations.AsNoTracking().Where(c => c.FirstUserId == me || c.SecondUserId == me);
        if (onlyId is { } id)
        {
            mine = mine.Where(c => c.Id == id);
        }
        if (before is var (at, beforeId))
        {
            mine = mine.Where(c => (c.LastMessageAt ?? c.CreatedAt) < at || ((c.LastMessageAt ?? c.CreatedAt) == at && c.Id.CompareTo(beforeId) < 0));
        }
        var rows = await mine
            .OrderByDescending(c => c.LastMessageAt ?? c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(limit)
            .Select(c => new
            {
                c.Id,
                c.CreatedAt,
                ActivityAt = c.LastMessageAt ?? c.CreatedAt,
                Other = db.Users.Where(u => u.Id == (c.FirstUserId == me ? c.SecondUserId : c.FirstUserId))
                    .Select(u => new { u.Id, u.DisplayName, u.AvatarBlobName }).First(),
                Mine = db.ConversationReadStates.Where(r => r.ConversationId == c.Id && r.UserId == me).Select(r => r.LastReadSequence).FirstOrDefault(),
                Theirs = db.ConversationReadStates.Where(r => r.ConversationId == c.Id && r.UserId != me).Select(r => r.LastReadSequence).FirstOrDefault(),
                Unread = db.ConversationMessages.Count(m => m.ConversationId == c.Id && m.SenderId != me
                    && m.Sequence > db.ConversationReadStates.Where(r => r.ConversationId == c.Id && r.UserId == me).Select(r => r.LastReadSequence).FirstOrDefault()),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var last = await db.ConversationMessages.AsNoTracking().Include(m => m.Attachments)
            .Where(m => ids.Contains(m.ConversationId) && db.Conversations.Any(c => c.Id == m.ConversationId && c.LastSequence == m.Sequence))
            .ToDictionaryAsync(m => m.ConversationId, cancellationToken);
        return rows.Select(r => new ChatConversation(r.Id, new ChatUser(r.Other.Id, r.Other.DisplayName, Avatars.Url(r.Other.Id, r.Other.AvatarBlobName)),
            last.TryGetValue(r.Id, out var message) ? ToWire(message) : null, r.Unread, r.Mine, r.Theirs, r.CreatedAt, r.ActivityAt)).ToList();
    }

    /// <summary>How many conversations have messages the user has not read, and how many such messages in all (the badge).</summary>
    public async Task<ChatUnread> UnreadAsync(Guid me, CancellationToken cancellationToken)
    {
        var counts = await db.Conversations.AsNoTracking().Where(c => c.FirstUserId == me || c.SecondUserId == me)
            .Select(c => db.ConversationMessages.Count(m => m.ConversationId == c.Id && m.SenderId != me
                && m.Sequence > db.ConversationReadStates.Where(r => r.ConversationId == c.Id && r.UserId == me).Select(r => r.LastReadSequence).FirstOrDefault()))
            .Where(unread => unread > 0)
            .ToListAsync(cancellationToken);
        return new ChatUnread(counts.Count, counts.Sum());
    }

    /// <summary>
    /// A page of messages in sequence order. With <paramref name="afterSequence"/>: the first <paramref name="limit"/> after it
    /// (catching up); otherwise the last <paramref name="limit"/> before <paramref name="beforeSequence"/> (or the newest).
    /// Keyset by sequence, so new arrivals never shift a page.
    /// </summary>
    public async Task<List<ChatMessage>> MessagesAsync(Guid conversationId, long? beforeSequence, long? afterSequence, int limit,
        CancellationToken cancellationToken)
    {
        var query = db.ConversationMessages.AsNoTracking().Include(m => m.Attachments).Where(m => m.ConversationId == conversationId);
        if (beforeSequence is { } before)
        {
            query = query.Where(m => m.Sequence < before);
        }
        List<ConversationMessage> page;
        if (afterSequence is { } after)
        {
            page = await query.Where(m => m.Sequence > after).OrderBy(m => m.Sequence).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);
        }
        else
        {
            page = await query.OrderByDescending(m => m.Sequence).Take(limit).AsSplitQuery().ToListAsync(cancellationToken);
            page.Reverse();
        }
        return page.Select(ToWire).ToList();
    }

    public static ChatMessage ToWire(ConversationMessage message) => new(message.Id, message.ConversationId, message.Sequence, message.SenderId,
        message.Text, message.Attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(ToWire).ToList(), message.SentAt, message.ClientMessageId);

    public static ChatAttachment ToWire(MessageAttachment attachment) =>
        new(attachment.Id, attachment.FileName, attachment.ContentType, attachment.SizeBytes);
}
