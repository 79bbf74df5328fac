using System.Net;
using System.Net.Sockets;
using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CourseHub.Tests.Messaging;

/// <summary>
/// The relay's back-off, on a fake clock: the relay itself, on a database of the test's own (it works on every unsent
/// row), publishing through the real publisher to an address where no broker listens.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OutboxRelayTests(SystemFixture system)
{
    [Fact]
    public async Task A_message_whose_publish_fails_is_due_again_after_a_back_off_that_doubles_up_to_its_cap()
    {
        await using var database = await ScratchDatabase.CreateMigratedAsync(system, "relay");
        await using var services = new ServiceCollection()
            .AddDbContext<CourseHubDbContext>(options => options.UseNpgsql(database.ConnectionString))
            .BuildServiceProvider();
        await using var nowhere = new RabbitMqConnection(
            RabbitMqConnection.CreateFactory($"amqp://guest:guest@127.0.0.1:{UnusedPort()}", "tests"), NullLogger<RabbitMqConnection>.Instance);
        await using var publisher = new EventPublisher(nowhere);
        // A whole second, so that every time the test compares is one PostgreSQL stores exactly (it keeps microseconds).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var relay = new OutboxRelay(services.GetRequiredService<IServiceScopeFactory>(), publisher, clock, NullLogger<OutboxRelay>.Instance);

        Guid id;
        await using (var db = database.CreateDbContext())
        {
            id = db.AddIntegrationEvent(new EmailRequested("learner@example.com", "Backed off", "<p>x</p>", "x"), clock).Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await relay.RelayBatchAsync(CancellationToken.None));
        var first = await RowAsync(database, id);
        Assert.Null(first.SentAt);
        Assert.Equal(1, first.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(first.LastError));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMilliseconds(500), first.NextAttemptAt, TimeSpan.FromMilliseconds(1));

        // Not due a moment before its time; due at it, and then it waits twice as long.
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(0, await relay.RelayBatchAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await relay.RelayBatchAsync(CancellationToken.None));
        var second = await RowAsync(database, id);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(1), second.NextAttemptAt, TimeSpan.FromMilliseconds(1));

        // However often it failed, it is tried again within 10 s.
        await using (var db = database.CreateDbContext())
        {
            await db.OutboxMessages.Where(row => row.Id == id).ExecuteUpdateAsync(update => update.SetProperty(row => row.Attempts, 20));
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await relay.RelayBatchAsync(CancellationToken.None));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(10), (await RowAsync(database, id)).NextAttemptAt, TimeSpan.FromMilliseconds(1));
    }

    private static async Task<OutboxMessage> RowAsync(ScratchDatabase database, Guid id)
    {
        await using var db = database.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(row => row.Id == id);
    }

    /// <summary>A loopback port nothing listens on (taken from the OS and given back at once).</summary>
    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
