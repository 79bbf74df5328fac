using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Chat;

/// <summary>
/// A stored chat message. <see cref="Sequence"/> is 1, 2, 3 … per conversation, taken from the conversation row in the
/// sending transaction (so concurrent senders queue on that row and never share a number); <see cref="ClientMessageId"/>
/// is the sender's own id for the message, unique per sender and conversation, so a resend finds the stored one.
/// </summary>
public class ConversationMessage
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 64;

    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public long Sequence { get; set; }
    public Guid SenderId { get; set; }
    public required string Text { get; set; }
    public required string ClientMessageId { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public List<MessageAttachment> Attachments { get; set; } = [];
}

/// <summary>
/// A file uploaded to a conversation (blob storage, container <see cref="Container"/>). It is uploaded first and linked to
/// a message when the message is sent (<see cref="MessageId"/>); until then only its uploader sees it.
/// </summary>
public class MessageAttachment
{
    public const string Container = "chat-attachments";

    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid? MessageId { get; set; }
    public Guid UploaderId { get; set; }
    public required string BlobName { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("conversation_messages", table =>
            table.HasCheckConstraint("ck_conversation_messages_text_length", $"char_length(text) <= {ConversationMessage.MaxTextLength}"));
        builder.Property(m => m.Text).HasMaxLength(ConversationMessage.MaxTextLength);
        builder.Property(m => m.ClientMessageId).HasMaxLength(ConversationMessage.MaxClientMessageIdLength);
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        builder.HasIndex(m => new { m.ConversationId, m.SenderId, m.ClientMessageId }).IsUnique();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.ToTable("message_attachments", table => table.HasCheckConstraint("ck_message_attachments_size", "size_bytes >= 0"));
        builder.Property(a => a.BlobName).HasMaxLength(300);
        builder.Property(a => a.FileName).HasMaxLength(260);
        builder.Property(a => a.ContentType).HasMaxLength(200);
        builder.HasIndex(a => a.BlobName).IsUnique();
        builder.HasIndex(a => a.MessageId);
        builder.HasIndex(a => new { a.ConversationId, a.UploaderId });
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(a => a.UploaderId).OnDelete(DeleteBehavior.Cascade);
    }
}
