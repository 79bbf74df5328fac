using OpenTelemetry;
using System.Diagnostics;
using System.Text;
using CourseHub.Domain;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.Outbox;

/// <summary>
/// Publishes outbox rows to RabbitMQ (with publisher confirms) and stamps them sent. Rows are
/// claimed with FOR UPDATE SKIP LOCKED, so several Worker replicas share the work without
/// publishing a row twice at the same time. A row whose publish fails is retried with back-off
/// until it goes through — also rows left over by a crash, since "unsent" is all the relay looks at.
/// </summary>
public sealed class OutboxRelay(IServiceScopeFactory scopes, IEventPublisher publisher, TimeProvider clock, ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>How long a message waits after its <paramref name="attempts"/>-th failed publish: 0.5 s, 1 s, 2 s, … up to 10 s.</summary>
    private static TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, attempts)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RelayBatchAsync(stoppingToken) < BatchSize)
                {
                    await Task.Delay(IdleDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>Publishes one batch of due messages; returns how many were claimed.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<OutboxMessage> batch;
        // "Due" by the relay's clock, the one that set next_attempt_at after a failure (the Api's clock set it at first).
        var now = clock.GetUtcNow();
        // The relay polls four times a second: an empty poll is not worth a trace of its own on the dashboard.
        using (SuppressInstrumentationScope.Begin())
        {
            batch = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND next_attempt_at <= {now} ORDER BY occurred_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return 0;
            }
        }
        Exception? brokerError = null;
        foreach (var message in batch)
        {
            if (brokerError is null)
            {
                try
                {
                    await PublishAsync(message, cancellationToken);
                    message.SentAt = clock.GetUtcNow();
                    continue;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failure means the broker is unwell: do not hammer it with the rest of the batch.
                    brokerError = ex;
                    logger.LogWarning("Publishing outbox message {Id} failed: {Reason}", message.Id, ex.Message);
                }
            }
            message.Attempts++;
            message.LastError = Truncate(brokerError!.Message, 2000);
            message.NextAttemptAt = clock.GetUtcNow() + BackoffAfter(message.Attempts);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // The publish joins the trace of the request that wrote the event; the consumer continues it.
        ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var parent);
        using var activity = Telemetry.Source.StartActivity($"{message.Type} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        await publisher.PublishAsync(new OutgoingMessage(
            message.Id.ToString(),
            message.Type,
            Encoding.UTF8.GetBytes(message.Payload),
            Activity.Current?.Id ?? message.TraceParent,
            message.OccurredAt), cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
