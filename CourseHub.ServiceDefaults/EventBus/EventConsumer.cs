using System.Diagnostics;
using System.Text.Json;
using CourseHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CourseHub.EventBus;

/// <summary>
/// Consumes one queue and hands each <typeparamref name="TEvent"/> to a fresh scoped
/// <typeparamref name="THandler"/>. A failed message goes to the retry queue with an
/// exponential delay and comes back; after the last attempt it lands in the dead-letter queue.
/// Acks happen only after the handler finished or the message was safely re-queued, so a crash
/// never loses a message: delivery is at least once. A handler sees a redelivered message again and
/// deduplicates it through the inbox; one that throws <see cref="DeliveryDeferredException"/> gets the
/// message back after the delay it asked for, without losing an attempt.
/// </summary>
public sealed class EventConsumer<TEvent, THandler>(
    string queue,
    ConsumerOptions options,
    RabbitMqConnection connection,
    IServiceScopeFactory scopes,
    ILogger<EventConsumer<TEvent, THandler>> logger) : BackgroundService
    where THandler : IEventHandler<TEvent>
{
    private IChannel? _consumeChannel;
    private IChannel? _republishChannel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartConsumingAsync(stoppingToken);
                logger.LogInformation("Consuming {Queue}", queue);
                return; // from here on the client library recovers the consumer after broker restarts
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot consume {Queue} yet ({Reason}); retrying", queue, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task StartConsumingAsync(CancellationToken cancellationToken)
    {
        var conn = await connection.GetAsync(cancellationToken);
        _republishChannel = await conn.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        _consumeChannel = await conn.CreateChannelAsync(cancellationToken: cancellationToken);
        await EventBusTopology.DeclareConsumerQueuesAsync(_consumeChannel, queue, typeof(TEvent).Name, cancellationToken);
        await _consumeChannel.BasicQosAsync(0, options.Prefetch, global: false, cancellationToken);

        var consumer = new AsyncEventingBasicConsumer(_consumeChannel);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(delivery);
        await _consumeChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
    }

    private async Task OnDeliveryAsync(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        var attempt = MessageHeaders.GetInt(headers, MessageHeaders.Attempt, 1);
        var context = new MessageContext(delivery.BasicProperties.MessageId ?? "", typeof(TEvent).Name, attempt, queue);
        // The work continues the trace that published the message (W3C traceparent header). RabbitMQ.Client's
        // own "deliver" span of that trace is current here when it is traced; then this one nests under it.
        ActivityContext.TryParse(
            MessageHeaders.GetString(headers, MessageHeaders.TraceParent),
            MessageHeaders.GetString(headers, MessageHeaders.TraceState),
            isRemote: true,
            out var carried);
        var parent = Activity.Current is { } deliver && deliver.TraceId == carried.TraceId ? deliver.Context : carried;
        using var activity = Telemetry.Source.StartActivity($"{queue} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.message.id", context.MessageId);
        activity?.SetTag("messaging.destination.name", queue);

        var channel = _consumeChannel!;
        try
        {
            var message = Deserialize(delivery.Body);
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(message, context, CancellationToken.None);
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (DeliveryDeferredException deferred)
        {
            await DeferAsync(delivery, context, deferred);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await RouteFailureAsync(delivery, context, ex);
        }
    }

    private static TEvent Deserialize(ReadOnlyMemory<byte> body) =>
        JsonSerializer.Deserialize<TEvent>(body.Span, EventJson.Options)
        ?? throw new JsonException("The message body is empty.");

    /// <summary>Through the retry queue with the handler's delay and the same attempt number: it did not fail.</summary>
    private async Task DeferAsync(BasicDeliverEventArgs delivery, MessageContext context, DeliveryDeferredException deferred)
    {
        var properties = CopyProperties(delivery);
        properties.Expiration = ((long)deferred.RetryAfter.TotalMilliseconds).ToString();
        logger.LogInformation("Deferring {MessageId} from {Queue} for {Delay}: {Reason}", context.MessageId, queue, deferred.RetryAfter, deferred.Message);
        await MoveAsync(delivery, context, properties, EventBusTopology.RetryQueue(queue));
    }

    private async Task RouteFailureAsync(BasicDeliverEventArgs delivery, MessageContext context, Exception error)
    {
        // A body that cannot be read will never succeed: no point in retrying it.
        var retry = error is not JsonException && context.Attempt < options.MaxAttempts;
        var properties = CopyProperties(delivery);
        properties.Headers![MessageHeaders.LastError] = Truncate($"{error.GetType().Name}: {error.Message}", 1000);
        string target;
        if (retry)
        {
            var delay = options.DelayBefore(context.Attempt + 1);
            properties.Headers[MessageHeaders.Attempt] = (context.Attempt + 1).ToString();
            properties.Expiration = ((long)delay.TotalMilliseconds).ToString();
            target = EventBusTopology.RetryQueue(queue);
            logger.LogWarning(error, "Handling {MessageId} from {Queue} failed (attempt {Attempt} of {Max}); retrying in {Delay}",
                context.MessageId, queue, context.Attempt, options.MaxAttempts, delay);
        }
        else
        {
            target = EventBusTopology.DeadLetterQueue(queue);
            logger.LogError(error, "Handling {MessageId} from {Queue} failed for good after {Attempt} attempt(s); moved to {DeadLetterQueue}",
                context.MessageId, queue, context.Attempt, target);
        }
        await MoveAsync(delivery, context, properties, target);
    }

    private static BasicProperties CopyProperties(BasicDeliverEventArgs delivery) => new(delivery.BasicProperties)
    {
        Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>()),
    };

    private async Task MoveAsync(BasicDeliverEventArgs delivery, MessageContext context, BasicProperties properties, string target)
    {
        try
        {
            // Confirmed re-publish first, ack second: a crash in between re-delivers, never loses.
            await _republishChannel!.BasicPublishAsync("", target, mandatory: false, properties, delivery.Body);
            await _consumeChannel!.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not move {MessageId} to {Target}; leaving it on {Queue}", context.MessageId, target, queue);
            await _consumeChannel!.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var channel in new[] { _consumeChannel, _republishChannel })
        {
            if (channel is not null)
            {
                try { await channel.CloseAsync(cancellationToken); } catch { /* broker gone already */ }
            }
        }
    }
}
