using System.Diagnostics;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.EventBus;
using CourseHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CourseHub.Tests.ServiceDefaults;

/// <summary>The Aspire client integrations as our services configure them, with every server down.</summary>
public sealed class ClientIntegrationTests
{
    [Fact]
    public async Task With_every_server_down_a_service_starts_at_once_and_each_check_says_what_is_missing()
    {
        var builder = ServiceHost.CreateBuilder();
        builder.Services.AddEventHandler<EmailRequested, IgnoredEvents>("tests.never-consumed");
        await using var app = builder.Build();

        var clock = Stopwatch.StartNew();
        await app.StartAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"start-up took {clock.Elapsed}");

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var statuses = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status);
        Assert.Equal(new Dictionary<string, HealthStatus>
        {
            ["self"] = HealthStatus.Healthy,
            ["CourseHubDbContext"] = HealthStatus.Unhealthy,
            // Without Redis a service is slower, not wrong: it stays in rotation.
            [RedisIntegration.HealthCheckName] = HealthStatus.Degraded,
            // Without the broker events wait in the outbox: the service still serves.
            [EventBusExtensions.HealthCheckName] = HealthStatus.Degraded,
            [AzureBlobIntegration.HealthCheckName] = HealthStatus.Unhealthy,
        }, statuses);
        // A readiness probe waits 5 seconds: a Degraded answer that came later would take the replica out all the same.
        Assert.True(report.Entries[RedisIntegration.HealthCheckName].Duration < TimeSpan.FromSeconds(4),
            $"the Redis check took {report.Entries[RedisIntegration.HealthCheckName].Duration}");

        // The outbox relay backs off on a failed publish, so a publish must fail promptly, not hang.
        var publisher = app.Services.GetRequiredService<IEventPublisher>();
        clock.Restart();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            publisher.PublishAsync(OutgoingMessage.Create(new EmailRequested("learner@example.com", "s", "h", "t")), CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"a publish to a broker that is down took {clock.Elapsed}");
        await app.StopAsync();
    }

    private sealed class IgnoredEvents : IEventHandler<EmailRequested>
    {
        public Task HandleAsync(EmailRequested message, MessageContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
