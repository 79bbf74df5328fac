using RabbitMQ.Client;

namespace CourseHub.EventBus;

/// <summary>
/// Names and declarations of the exchanges and queues the event bus uses. Declarations are
/// idempotent, so every publisher and consumer declares what it relies on.
/// </summary>
public static class EventBusTopology
{
    /// <summary>Topic exchange every integration event is published to; the routing key is the event type name.</summary>
    public const string EventsExchange = "coursehub.events";

    /// <summary>Events no queue is bound for are parked here instead of being dropped.</summary>
    public const string UnroutedExchange = "coursehub.unrouted";
    public const string UnroutedQueue = "coursehub.unrouted";

    public static string RetryQueue(string queue) => queue + ".retry";
    public static string DeadLetterQueue(string queue) => queue + ".dlq";

    public static async Task DeclareExchangesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(UnroutedExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(UnroutedQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(UnroutedQueue, UnroutedExchange, routingKey: "", cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["alternate-exchange"] = UnroutedExchange },
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A consumer's queue, its retry queue (messages wait there for their back-off delay, then
    /// dead-letter back into the main queue) and its dead-letter queue (messages that failed every attempt).
    /// </summary>
    public static async Task DeclareConsumerQueuesAsync(IChannel channel, string queue, string routingKey, CancellationToken cancellationToken)
    {
        await DeclareExchangesAsync(channel, cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, EventsExchange, routingKey, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(RetryQueue(queue), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
            },
            cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(DeadLetterQueue(queue), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
    }
}
