using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Messaging;

/// <summary>A message a consumer has processed; its key makes a second delivery a no-op.</summary>
public class InboxMessage
{
    public required string MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
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
