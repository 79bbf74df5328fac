using System.Collections.Concurrent;
using System.Diagnostics;
using CourseHub.EventBus;
using CourseHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CourseHub.Tests.Messaging;

/// <summary>
/// A handler that cannot take a message yet (another consumer holds its inbox claim) defers it: the production consumer,
/// on a queue of the test's own, brings it back after the delay without counting a failed attempt.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DeferredDeliveryTests(SystemFixture system)
{
    private static readonly TimeSpan Deferral = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task A_deferred_message_comes_back_after_the_delay_it_asked_for_without_using_up_an_attempt()
    {
        var queue = $"tests.deferral-{Guid.NewGuid():N}";
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_ => new RabbitMqConnection(
                RabbitMqConnection.CreateFactory(system.ConnectionString("messaging"), "tests"), NullLogger<RabbitMqConnection>.Instance))
            .AddSingleton<Deliveries>()
            .AddEventHandler<DeferralProbe, DeferFirstDelivery>(queue)
            .BuildServiceProvider();
        var consumer = services.GetServices<IHostedService>().Single();
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var connection = services.GetRequiredService<RabbitMqConnection>();
            await TestQueues.WaitUntilConsumingAsync(connection, queue);
            await using var publisher = new EventPublisher(connection);
            await publisher.PublishAsync(OutgoingMessage.Create(new DeferralProbe(queue)), CancellationToken.None);

            var deliveries = services.GetRequiredService<Deliveries>();
            await Eventually.TrueAsync(() => Task.FromResult(deliveries.Seen.Count >= 2), TimeSpan.FromSeconds(30), "the deferred message to come back");
            // Showing that something does NOT happen needs a window: a wrong third delivery (the handled message deferred
            // or requeued again) would come back after one deferral, so three deferrals are room enough. Polling cannot
            // replace this: the ack is not observable from here, and an absence has no moment to poll for.
            await Task.Delay(Deferral * 3);
            var seen = deliveries.Seen.ToArray();
            Assert.Equal(2, seen.Length);
            Assert.All(seen, delivery => Assert.Equal(1, delivery.Attempt));
            Assert.True(Stopwatch.GetElapsedTime(seen[0].At, seen[1].At) >= Deferral - TimeSpan.FromMilliseconds(100),
                $"came back after {Stopwatch.GetElapsedTime(seen[0].At, seen[1].At).TotalMilliseconds:0} ms");
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
            await TestQueues.DeleteAsync(system, queue);
        }
    }

    public sealed record DeferralProbe(string Queue);

    private sealed class Deliveries
    {
        public ConcurrentQueue<(int Attempt, long At)> Seen { get; } = new();
    }

    private sealed class DeferFirstDelivery(Deliveries deliveries) : IEventHandler<DeferralProbe>
    {
        public Task HandleAsync(DeferralProbe message, MessageContext context, CancellationToken cancellationToken)
        {
            deliveries.Seen.Enqueue((context.Attempt, Stopwatch.GetTimestamp()));
            return deliveries.Seen.Count == 1
                ? throw new DeliveryDeferredException("another consumer holds the claim", Deferral)
                : Task.CompletedTask;
        }
    }
}
