using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Messaging;

/// <summary>
/// An integration event waiting to be published. It is written in the same transaction as the
/// change it describes, so an event exists exactly when its change was committed; the Worker's
/// relay publishes it and stamps <see cref="SentAt"/>.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public string? TraceParent { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Type).HasMaxLength(200);
        builder.Property(message => message.Payload).HasColumnType("jsonb");
        builder.Property(message => message.TraceParent).HasMaxLength(100);
        builder.Property(message => message.LastError).HasMaxLength(2000);
        // The relay's query: unsent rows that are due, oldest first. A partial index keeps it tiny.
        builder.HasIndex(message => new { message.NextAttemptAt, message.OccurredAt })
            .HasDatabaseName("ix_outbox_messages_pending")
            .HasFilter("sent_at IS NULL");
    }
}
