using CourseHub.Authentication;
using CourseHub.Contracts.Chat;
using CourseHub.Domain;
using CourseHub.Domain.Chat;
using CourseHub.Domain.Notifications;
using CourseHub.Realtime.Features.Connections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Realtime.Features.Chat;

/// <summary>The sub claim as SignalR's user id, so <c>Clients.User(id)</c> reaches every connection of a user on every replica.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(CourseHubJwt.SubjectClaim)?.Value;
}

/// <summary>
/// One-to-one chat. A message is stored in PostgreSQL (its sequence taken from the conversation row in the same
/// transaction) before anyone is told; then <c>MessageReceived</c> goes to every connection of both participants
/// through SignalR's user groups (all devices, all replicas via the Redis backplane). A resend with the same
/// clientMessageId answers the stored message and delivers nothing.
/// </summary>
[Authorize]
public sealed class ChatHub(CourseHubDbContext db, SignedInConnections connections, ChatRateLimiter rateLimiter, ChatPresence presence,
    TimeProvider clock, ILogger<ChatHub> logger) : Hub
{
    private Guid Me => Context.User?.UserId() ?? throw new HubException("Sign in to chat.");

    public override async Task OnConnectedAsync()
    {
        // Included in the ban sweep: a banned user's chat connections close like their notification ones.
        connections.Add(Context);
        await presence.ConnectedAsync(Me, Context.ConnectionId);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        if (Context.User?.UserId() is { } me)
        {
            await presence.DisconnectedAsync(me, Context.ConnectionId);
        }
        await base.OnDisconnectedAsync(exception);
    }

    public async Task<ChatMessage> SendMessage(SendMessageRequest request)
    {
        var me = Me;
        if (request is null)
        {
            throw new HubException("Send a request with conversationId, clientMessageId and text.");
        }
        var clientMessageId = request.ClientMessageId?.Trim() ?? "";
        if (clientMessageId.Length is 0 or > ConversationMessage.MaxClientMessageIdLength)
        {
            throw new HubException($"clientMessageId is required: 1 to {ConversationMessage.MaxClientMessageIdLength} characters of your choosing.");
        }
        var text = request.Text ?? "";
        var attachmentIds = (request.AttachmentIds ?? []).Distinct().ToList();
        if (string.IsNullOrWhiteSpace(text) && attachmentIds.Count == 0)
        {
            throw new HubException("A message cannot be empty.");
        }
        if (text.Length > ConversationMessage.MaxTextLength)
        {
            throw new HubException($"A message is at most {ConversationMessage.MaxTextLength} characters; this one has {text.Length}.");
        }
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new HubException("A message cannot contain control characters.");
        }
        if (attachmentIds.Count > 10)
        {
            throw new HubException("A message carries at most 10 attachments.");
        }
        var conversationId = request.ConversationId;
        try
        {
            // The participant check and the idempotency look-up in one query; a resend then reads the stored message.
            var (conversation, storedMessageId) = await ParticipantAndStoredAsync(conversationId, me, clientMessageId);
            if (storedMessageId is not null)
            {
                return await StoredAsync(conversation.Id, me, clientMessageId) ?? throw new HubException("The message could not be stored; try again.");
            }
            var recipient = conversation.OtherThan(me);
            // Presence is asked while the send limit is counted (both in Redis, neither throws): one wait, not two.
            var recipientOnline = presence.IsOnlineAsync(recipient);
            if (!await rateLimiter.TryAcquireAsync(me, Context.ConnectionAborted))
            {
                throw new HubException($"You are sending messages too fast: at most {rateLimiter.Limit} per {rateLimiter.Window.TotalSeconds:0} seconds. Wait a moment and send again.");
            }
            // Who may talk is judged again at each new message, not only when the conversation began: a refunded student
            // (or a teacher whose course they left) keeps the history but cannot write any more.
            if (!await db.MayTalkAsync(me, recipient, Context.ConnectionAborted))
            {
                throw new HubException("You can no longer write in this conversation: the course that connected you is not yours any more (refunded or removed). The history stays readable.");
            }
            var recipientAway = !await recipientOnline;
            var message = await StoreAsync(conversation, me, clientMessageId, text, attachmentIds, recipientAway);
            if (message is null)
            {
                // The same clientMessageId was stored by a concurrent send (another tab): that one is the message.
                return await StoredAsync(conversation.Id, me, clientMessageId) ?? throw new HubException("The message could not be stored; try again.");
            }
            await Clients.Users(conversation.FirstUserId.ToString(), conversation.SecondUserId.ToString())
                .SendAsync(ChatHubNames.MessageReceived, message);
            return message;
        }
        catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not store a chat message in conversation {ConversationId}", conversationId);
            throw new HubException("The message could not be stored, so it was not sent. Try again in a moment.");
        }
    }

    public async Task Typing(Guid conversationId)
    {
        var me = Me;
        var conversation = await RequireParticipantAsync(conversationId);
        // At most one TypingStarted per user and conversation every few seconds; clients show it for a few seconds.
        if (await rateLimiter.TypingAllowedAsync(conversationId, me))
        {
            await Clients.User(conversation.OtherThan(me).ToString()).SendAsync(ChatHubNames.TypingStarted, new TypingStarted(conversationId, me));
        }
    }

    public async Task<long> MarkRead(Guid conversationId, long upToSequence)
    {
        var me = Me;
        var conversation = await RequireParticipantAsync(conversationId);
        var now = clock.GetUtcNow();
        // Never backwards, never past the newest message.
        var sequence = await db.Database.SqlQuery<long>($"""
            UPDATE conversation_read_states AS r
            SET last_read_sequence = GREATEST(r.last_read_sequence, LEAST({upToSequence}, c.last_sequence)), updated_at = {now}
            FROM conversations AS c
            WHERE r.conversation_id = {conversationId} AND r.user_id = {me} AND c.id = r.conversation_id
            RETURNING r.last_read_sequence AS "Value"
            """).ToListAsync(Context.ConnectionAborted);
        var read = sequence.SingleOrDefault();
        await Clients.Users(conversation.FirstUserId.ToString(), conversation.SecondUserId.ToString())
            .SendAsync(ChatHubNames.ReadUpTo, new ReadUpTo(conversationId, me, read));
        return read;
    }

    /// <summary>Online state and last seen of everyone the user has a conversation with.</summary>
    public async Task<List<PresenceChanged>> GetPresence()
    {
        var me = Me;
        var partners = await ChatPresence.PartnersAsync(db, me, Context.ConnectionAborted);
        return await presence.StatesAsync(partners);
    }

    private async Task<Conversation> RequireParticipantAsync(Guid conversationId)
    {
        var me = Me;
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, Context.ConnectionAborted);
        if (conversation is null || !conversation.Involves(me))
        {
            throw new HubException("You are not a participant of this conversation.");
        }
        return conversation;
    }

    private async Task<(Conversation Conversation, Guid? StoredMessageId)> ParticipantAndStoredAsync(Guid conversationId, Guid me, string clientMessageId)
    {
        var found = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId && (c.FirstUserId == me || c.SecondUserId == me))
            .Select(c => new
            {
                Conversation = c,
                StoredMessageId = db.ConversationMessages
                    .Where(m => m.ConversationId == c.Id && m.SenderId == me && m.ClientMessageId == clientMessageId)
                    .Select(m => (Guid?)m.Id)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(Context.ConnectionAborted);
        return found is null
            ? throw new HubException("You are not a participant of this conversation.")
            : (found.Conversation, found.StoredMessageId);
    }

    private async Task<ChatMessage?> StoredAsync(Guid conversationId, Guid me, string clientMessageId)
    {
        var stored = await db.ConversationMessages.AsNoTracking().Include(m => m.Attachments)
            .SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.SenderId == me && m.ClientMessageId == clientMessageId, Context.ConnectionAborted);
        return stored is null ? null : ToWire(stored);
    }

    /// <summary>The stored message, or null when this clientMessageId was stored meanwhile by another send.</summary>
    private async Task<ChatMessage?> StoreAsync(Conversation conversation, Guid me, string clientMessageId, string text, List<Guid> attachmentIds,
        bool recipientAway)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        // A plain message is one statement and needs no transaction of its own; attachments and the away notification
        // must commit or fail together with it.
        await using var transaction = attachmentIds.Count > 0 || recipientAway
            ? await db.Database.BeginTransactionAsync(Context.ConnectionAborted)
            : null;
        // One statement: the row lock (FOR UPDATE) queues concurrent senders of this conversation, so each gets the next
        // number; the counter moves only when the insert happened, so a clientMessageId stored meanwhile leaves no gap.
        var sequence = (await db.Database.SqlQuery<long>($"""
            WITH locked AS (
                SELECT last_sequence + 1 AS next_sequence FROM conversations WHERE id = {conversation.Id} FOR UPDATE
            ), stored AS (
                INSERT INTO conversation_messages (id, conversation_id, sequence, sender_id, text, client_message_id, sent_at)
                SELECT {id}, {conversation.Id}, next_sequence, {me}, {text}, {clientMessageId}, {now} FROM locked
                ON CONFLICT (conversation_id, sender_id, client_message_id) DO NOTHING
                RETURNING sequence
            )
            UPDATE conversations AS c SET last_sequence = stored.sequence, last_message_at = {now}
            FROM stored WHERE c.id = {conversation.Id}
            RETURNING stored.sequence AS "Value"
            """).ToListAsync(Context.ConnectionAborted)).SingleOrDefault();
        if (sequence == 0)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            return null;
        }
        if (attachmentIds.Count > 0)
        {
            var linked = await db.MessageAttachments
                .Where(a => attachmentIds.Contains(a.Id) && a.ConversationId == conversation.Id && a.UploaderId == me && a.MessageId == null)
                .ExecuteUpdateAsync(update => update.SetProperty(a => a.MessageId, id), Context.ConnectionAborted);
            if (linked != attachmentIds.Count)
            {
                await transaction!.RollbackAsync(CancellationToken.None);
                throw new HubException("An attachment is unknown, not yours, of another conversation or already sent; upload it again.");
            }
        }
        if (recipientAway)
        {
            await NotifyAwayRecipientAsync(conversation, me, text, attachmentIds.Count);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        var attachments = attachmentIds.Count == 0
            ? []
            : await db.MessageAttachments.AsNoTracking().Where(a => a.MessageId == id).ToListAsync(CancellationToken.None);
        return new ChatMessage(id, conversation.Id, sequence, me, text,
            attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(ToWire).ToList(), now, clientMessageId);
    }

    /// <summary>
    /// An in-app notification for a recipient with no chat connection, in the message's transaction: one per conversation
    /// until they read it (a burst of messages is one bell entry, not twenty). The email, if it stays unread, is the Worker's.
    /// </summary>
    private async Task NotifyAwayRecipientAsync(Conversation conversation, Guid me, string text, int attachmentCount)
    {
        var recipient = conversation.OtherThan(me);
        var url = $"/messages/{conversation.Id}";
        if (await db.UserNotifications.AnyAsync(n => n.UserId == recipient && n.Kind == NotificationKinds.Message && n.Url == url && n.ReadAt == null, Context.ConnectionAborted))
        {
            return;
        }
        var sender = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).SingleAsync(Context.ConnectionAborted);
        var preview = text.Length == 0 ? $"{attachmentCount} attachment{(attachmentCount == 1 ? "" : "s")}" : text.Length > 140 ? text[..140] + "…" : text;
        db.Notify(recipient, NotificationKinds.Message, $"New message from {sender}", preview, url, clock);
        await db.SaveChangesAsync(Context.ConnectionAborted);
    }

    private static ChatMessage ToWire(ConversationMessage m) => new(m.Id, m.ConversationId, m.Sequence, m.SenderId, m.Text,
        m.Attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(ToWire).ToList(), m.SentAt, m.ClientMessageId);

    private static ChatAttachment ToWire(MessageAttachment a) => new(a.Id, a.FileName, a.ContentType, a.SizeBytes);
}
