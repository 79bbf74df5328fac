using CourseHub.Contracts.Chat;

namespace CourseHub.Web.Components.Pages.Chat;

/// <summary>A message on its way: shown until the hub's stored message with the same clientMessageId replaces it.</summary>
public sealed class PendingMessage(string clientMessageId, string text, IReadOnlyList<ChatAttachment> attachments)
{
    public string ClientMessageId { get; } = clientMessageId;
    public string Text { get; } = text;
    public IReadOnlyList<ChatAttachment> Attachments { get; } = attachments;
    /// <summary>The connection was down: the circuit's <c>ChatConnection</c> sends it again after the reconnect.</summary>
    public bool Waiting { get; set; }
}
