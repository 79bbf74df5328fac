using CourseHub.Contracts;
using CourseHub.Contracts.Chat;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Chat;

/// <summary>
/// The chat routes of the Api: conversations, history pages, attachments and their short-lived links, and the admins'
/// read-only monitoring (every read audited by the Api). Sending goes through the hub (<see cref="ChatConnection"/>).
/// </summary>
public sealed class ChatClient(ApiCaller api)
{
    /// <summary>Messages per history page (the Api allows up to 200).</summary>
    public const int PageSize = 30;

    /// <summary>The Api's default attachment limit (Chat:MaxAttachmentBytes): larger files are stopped before they travel; the Api judges content and its own limit.</summary>
    public const long MaxAttachmentBytes = 25L * 1024 * 1024;

    /// <summary>Conversations per page of the list (the Api allows up to 100).</summary>
    public const int ConversationPageSize = 30;

    /// <summary>A page of the conversation list, most recent first; the next one after <paramref name="after"/>, the last one shown.</summary>
    public Task<ApiResult<List<ChatConversation>>> ListAsync(ChatConversation? after = null, int limit = ConversationPageSize) =>
        api.SendAsync<List<ChatConversation>>(HttpMethod.Get, $"/api/conversations?limit={limit}"
            + (after is null ? "" : $"&before={Uri.EscapeDataString(after.ActivityAt.ToString("O"))}&beforeId={after.Id}"), null);

    public Task<ApiResult<ChatConversation>> GetAsync(Guid conversationId) =>
        api.SendAsync<ChatConversation>(HttpMethod.Get, $"/api/conversations/{conversationId}", null);

    /// <summary>Unread conversations and messages, for the Messages badge.</summary>
    public Task<ApiResult<ChatUnread>> UnreadAsync() =>
        api.SendAsync<ChatUnread>(HttpMethod.Get, "/api/conversations/unread", null);

    /// <summary>The conversation with <paramref name="userId"/>, created when there is none; 403 <c>chat-not-allowed</c> when they may not talk.</summary>
    public Task<ApiResult<ChatConversation>> StartAsync(Guid userId) =>
        api.SendAsync<ChatConversation>(HttpMethod.Post, "/api/conversations", new StartConversationRequest(userId));

    /// <summary>A page of messages in sequence order: before <paramref name="beforeSequence"/> (older) or after <paramref name="afterSequence"/> (catch-up).</summary>
    public Task<ApiResult<List<ChatMessage>>> MessagesAsync(Guid conversationId, long? beforeSequence = null, long? afterSequence = null, int limit = PageSize) =>
        api.SendAsync<List<ChatMessage>>(HttpMethod.Get, $"/api/conversations/{conversationId}/messages{Query(beforeSequence, afterSequence, limit)}", null);

    public Task<ApiResult<ChatAttachment>> UploadAsync(Guid conversationId, FileUpload file, CancellationToken cancellationToken) =>
        api.UploadAsync<ChatAttachment>(HttpMethod.Post, $"/api/conversations/{conversationId}/attachments", file, null, null, cancellationToken);

    /// <summary>A download link valid for a few minutes (participants, and admins monitoring).</summary>
    public Task<ApiResult<ChatAttachmentLink>> AttachmentLinkAsync(Guid conversationId, Guid attachmentId) =>
        api.SendAsync<ChatAttachmentLink>(HttpMethod.Get, $"/api/conversations/{conversationId}/attachments/{attachmentId}", null);

    public Task<ApiResult<PagedResult<AdminConversation>>> AdminListAsync(int page, int pageSize) =>
        api.SendAsync<PagedResult<AdminConversation>>(HttpMethod.Get, $"/api/admin/conversations?page={page}&pageSize={pageSize}", null);

    public Task<ApiResult<AdminConversation>> AdminGetAsync(Guid conversationId) =>
        api.SendAsync<AdminConversation>(HttpMethod.Get, $"/api/admin/conversations/{conversationId}", null);

    public Task<ApiResult<List<ChatMessage>>> AdminMessagesAsync(Guid conversationId, long? beforeSequence = null, int limit = PageSize) =>
        api.SendAsync<List<ChatMessage>>(HttpMethod.Get, $"/api/admin/conversations/{conversationId}/messages{Query(beforeSequence, null, limit)}", null);

    private static string Query(long? beforeSequence, long? afterSequence, int limit) =>
        $"?limit={limit}" + (beforeSequence is { } before ? $"&beforeSequence={before}" : "") + (afterSequence is { } after ? $"&afterSequence={after}" : "");
}
