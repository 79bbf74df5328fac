using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain.Messaging;

public static class OutboxExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues <paramref name="integrationEvent"/> in the outbox. It is saved by the same
    /// <c>SaveChanges</c> (and so the same transaction) as the change it describes. The current
    /// trace context travels with it, so the consumer's work joins the original request's trace.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent<TEvent>(this CourseHubDbContext db, TEvent integrationEvent)
        where TEvent : IIntegrationEvent
    {
        var now = DateTimeOffset.UtcNow;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = typeof(TEvent).Name,
            Payload = JsonSerializer.Serialize(integrationEvent, Json),
            TraceParent = Activity.Current?.Id,
            OccurredAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>
    /// Runs <paramref name="work"/> at most once per (message, consumer): the inbox row and the
    /// work's own changes commit together, so a redelivered message finds its row and is skipped.
    /// Returns false when the message had been processed already.
    /// </summary>
    public static async Task<bool> ProcessOnceAsync(this CourseHubDbContext db, string messageId, string consumer,
        Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate blocks on the primary key until the first commits, then inserts nothing.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 0)
        {
            return false;
        }
        await work(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
