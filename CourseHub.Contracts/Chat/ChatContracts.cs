namespace CourseHub.Contracts.Chat;

// Live chat's wire types: the Api's conversation routes and the Realtime hub /hubs/chat (camelCase JSON both ways).

/// <summary><c>POST /api/conversations</c>: the user to talk with.</summary>
public sealed record StartConversationRequest(Guid? UserId);

/// <summary>The other person of a conversation as the list shows them.</summary>
public sealed record ChatUser(Guid Id, string DisplayName, string? AvatarUrl);

/// <summary>A file sent with a message; its download link comes from <c>GET /api/conversations/{id}/attachments/{attachmentId}</c>.</summary>
public sealed record ChatAttachment(Guid Id, string FileName, string ContentType, long SizeBytes);

/// <summary>
/// A stored message. <c>Sequence</c> is 1, 2, 3 … per conversation with no gaps, <c>SentAt</c> the server's time, and
/// <c>ClientMessageId</c> the sender's own id for it (a resend with the same one returns this message).
/// </summary>
public sealed record ChatMessage(
    Guid Id,
    Guid ConversationId,
    long Sequence,
    Guid SenderId,
    string Text,
    IReadOnlyList<ChatAttachment> Attachments,
    DateTimeOffset SentAt,
    string ClientMessageId);

/// <summary>
/// A conversation of the signed-in user: the other person, the newest message, how many of the other's messages are
/// unread, the user's own read position and the other's (for read ticks). <see cref="ActivityAt"/> (the last message's
/// time, or the start) orders the list; with the id it is the cursor for the next page.
/// </summary>
public sealed record ChatConversation(
    Guid Id,
    ChatUser OtherUser,
    ChatMessage? LastMessage,
    int UnreadCount,
    long LastReadSequence,
    long OtherLastReadSequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset ActivityAt);

/// <summary>Conversations with unread messages and the unread messages in all, for the Messages badge.</summary>
public sealed record ChatUnread(int Conversations, int Messages);

/// <summary>A short-lived download link for an attachment (participants and admins only).</summary>
public sealed record ChatAttachmentLink(Guid Id, string FileName, string ContentType, long SizeBytes, string Url, DateTimeOffset ExpiresAt);

/// <summary>A conversation in the admins' monitoring list.</summary>
public sealed record AdminConversation(
    Guid Id,
    IReadOnlyList<AdminChatParticipant> Participants,
    long MessageCount,
    DateTimeOffset? LastMessageAt,
    DateTimeOffset CreatedAt);

public sealed record AdminChatParticipant(Guid Id, string DisplayName, string Email);

// The hub /hubs/chat.

/// <summary>The argument of the hub method <c>SendMessage</c>.</summary>
public sealed record SendMessageRequest(Guid ConversationId, string? ClientMessageId, string? Text, IReadOnlyList<Guid>? AttachmentIds);

/// <summary>The hub event <c>TypingStarted</c>, to the other participant.</summary>
public sealed record TypingStarted(Guid ConversationId, Guid UserId);

/// <summary>The hub event <c>ReadUpTo</c>, to both participants: <c>UserId</c> has read every message up to <c>Sequence</c>.</summary>
public sealed record ReadUpTo(Guid ConversationId, Guid UserId, long Sequence);

/// <summary>The hub event <c>PresenceChanged</c>, to the user's conversation partners (also the answer of <c>GetPresence</c>).</summary>
public sealed record PresenceChanged(Guid UserId, bool Online, DateTimeOffset? LastSeenAt);

/// <summary>The names of the hub's methods and events, one source for the Realtime service, the Web and the tests.</summary>
public static class ChatHubNames
{
    public const string Path = "/hubs/chat";
    public const string SendMessage = "SendMessage";
    public const string Typing = "Typing";
    public const string MarkRead = "MarkRead";
    public const string GetPresence = "GetPresence";
    public const string MessageReceived = "MessageReceived";
    public const string TypingStarted = "TypingStarted";
    public const string ReadUpTo = "ReadUpTo";
    public const string PresenceChanged = "PresenceChanged";
}
