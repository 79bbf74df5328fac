using RabbitMQ.Client;

namespace CourseHub.EventBus;

/// <summary>
/// Publishes to the events exchange on a channel with publisher confirms: <see cref="PublishAsync"/>
/// returns only once the broker has taken responsibility for the message.
/// </summary>
public sealed class EventPublisher(RabbitMqConnection connection) : IEventPublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await GetChannelAsync(cancellationToken);
            var properties = new BasicProperties
            {
                MessageId = message.MessageId,
                Type = message.Type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(message.OccurredAt.ToUnixTimeSeconds()),
                Headers = new Dictionary<string, object?>(),
            };
            if (message.TraceParent is not null)
            {
                properties.Headers[MessageHeaders.TraceParent] = message.TraceParent;
            }
            await channel.BasicPublishAsync(EventBusTopology.EventsExchange, message.Type, mandatory: false, properties, message.Body, cancellationToken);
        }
        catch
        {
            // A channel that failed once is not trusted again; the next publish opens a fresh one.
            await DropChannelAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }
        await DropChannelAsync();
        var conn = await connection.GetAsync(cancellationToken);
        var channel = await conn.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await EventBusTopology.DeclareExchangesAsync(channel, cancellationToken);
        _channel = channel;
        return channel;
    }

    private async Task DropChannelAsync()
    {
        var channel = _channel;
        _channel = null;
        if (channel is not null)
        {
            try { await channel.DisposeAsync(); } catch { /* already broken */ }
        }
    }

    public async ValueTask DisposeAsync() => await DropChannelAsync();
}
