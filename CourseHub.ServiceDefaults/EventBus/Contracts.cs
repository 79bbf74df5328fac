using System.Text.Json;

namespace CourseHub.EventBus;

/// <summary>An event ready to go on the wire; the outbox relay builds these from outbox rows.</summary>
/// <param name="MessageId">Stable id: the same event keeps it through every retry, which is what makes consumers idempotent.</param>
/// <param name="Type">Event type name, used as the routing key.</param>
public sealed record OutgoingMessage(string MessageId, string Type, ReadOnlyMemory<byte> Body, string? TraceParent, DateTimeOffset OccurredAt)
{
    /// <summary>A message for <paramref name="message"/>, stamped with the time of <paramref name="clock"/> (the system's when not given).</summary>
    public static OutgoingMessage Create<TEvent>(TEvent message, string? messageId = null, TimeProvider? clock = null) where TEvent : notnull => new(
        messageId ?? Guid.CreateVersion7().ToString(),
        typeof(TEvent).Name,
        JsonSerializer.SerializeToUtf8Bytes(message, EventJson.Options),
        System.Diagnostics.Activity.Current?.Id,
        (clock ?? TimeProvider.System).GetUtcNow());
}

/// <summary>What a handler knows about the delivery it is handling.</summary>
public sealed record MessageContext(string MessageId, string Type, int Attempt, string Queue);

public interface IEventPublisher
{
    /// <summary>Publishes and waits for the broker's confirm; throws when the broker did not take the message.</summary>
    Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

public interface IEventHandler<in TEvent>
{
    Task HandleAsync(TEvent message, MessageContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Thrown by a handler that cannot handle a message yet through no fault of the message (another consumer is busy
/// with a copy of it): the message comes back after <see cref="RetryAfter"/> without using up one of its attempts.
/// </summary>
public sealed class DeliveryDeferredException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>Retry policy of one consumer: attempts with exponential back-off, then the dead-letter queue.</summary>
public sealed class ConsumerOptions
{
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
    public ushort Prefetch { get; set; } = 16;

    public TimeSpan DelayBefore(int nextAttempt)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Max(0, nextAttempt - 2));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
