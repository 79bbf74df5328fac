using CourseHub.EventBus;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client.Exceptions;

namespace CourseHub.Tests.Infrastructure;

/// <summary>Queues a test consumes on its own (a production consumer and handler on a queue nobody else reads).</summary>
public static class TestQueues
{
    public static async Task WaitUntilConsumingAsync(RabbitMqConnection connection, string queue) =>
        await Eventually.TrueAsync(async () =>
        {
            // A passive declare of a queue that is not there yet closes its channel, so each look gets a fresh one.
            await using var channel = await (await connection.GetAsync(CancellationToken.None)).CreateChannelAsync();
            try
            {
                return (await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount > 0;
            }
            catch (OperationInterruptedException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), $"a consumer on {queue}");

    /// <summary>Deletes the queue with its retry and dead-letter queues.</summary>
    public static async Task DeleteAsync(SystemFixture system, string queue)
    {
        await using var connection = new RabbitMqConnection(
            RabbitMqConnection.CreateFactory(system.ConnectionString("messaging"), "tests"), NullLogger<RabbitMqConnection>.Instance);
        await using var channel = await (await connection.GetAsync(CancellationToken.None)).CreateChannelAsync();
        foreach (var name in new[] { queue, EventBusTopology.RetryQueue(queue), EventBusTopology.DeadLetterQueue(queue) })
        {
            await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
        }
    }
}
