using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain.Messaging;

public static class OutboxExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues <paramref name="integrationEvent"/> in the outbox, occurring (and due for publishing) at
    /// <paramref name="clock"/>'s now. It is saved by the same <c>SaveChanges</c> (and so the same transaction)
    /// as the change it describes. The current trace context travels with it, so the consumer's work joins the
    /// original request's trace.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent<TEvent>(this CourseHubDbContext db, TEvent integrationEvent, TimeProvider clock)
        where TEvent : IIntegrationEvent
    {
        var now = clock.GetUtcNow();
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
}
