using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Messaging;

/// <summary>
/// A message a consumer is processing or has processed (see <see cref="Inbox"/>): claimed while
/// <see cref="ProcessedAt"/> is null, done once it is set.
/// </summary>
public class InboxMessage
{
    public required string MessageId { get; set; }
    public required string Consumer { get; set; }
    /// <summary>While claimed: until when. A claim past it was abandoned (a crash) and may be taken over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(message => new { message.MessageId, message.Consumer });
        builder.Property(message => message.MessageId).HasMaxLength(100);
        builder.Property(message => message.Consumer).HasMaxLength(200);
    }
}
