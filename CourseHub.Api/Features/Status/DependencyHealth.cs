using CourseHub.Contracts.Status;
using CourseHub.Domain;
using CourseHub.EventBus;
using CourseHub.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CourseHub.Api.Features.Status;

/// <summary>
/// Up or degraded, per dependency the public status page names, from the same health checks as <c>/health</c>.
/// The answer is kept for a few seconds: the status page is anonymous, and a burst of visitors should not turn into
/// a burst of pings to the database, Redis and RabbitMQ.
/// </summary>
public sealed class DependencyHealth(HealthCheckService checks, TimeProvider time)
{
    public const string Up = "up";
    public const string Degraded = "degraded";

    // The checks' names as the integrations register them.
    private const string DatabaseCheck = nameof(CourseHubDbContext);
    private const string CacheCheck = RedisIntegration.HealthCheckName;
    private const string MessagingCheck = EventBusExtensions.HealthCheckName;

    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(3);

    private sealed record Snapshot(DependencyStates States, DateTimeOffset At);

    private volatile Snapshot? _last;

    public async Task<DependencyStates> GetAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && time.GetUtcNow() - last.At < KeepFor)
        {
            return last.States;
        }
        var report = await checks.CheckHealthAsync(check => check.Name is DatabaseCheck or CacheCheck or MessagingCheck, cancellationToken);
        // A check that did not run counts as degraded: the page must never claim what nobody checked.
        string State(string check) =>
            report.Entries.TryGetValue(check, out var entry) && entry.Status == HealthStatus.Healthy ? Up : Degraded;
        var states = new DependencyStates(State(DatabaseCheck), State(CacheCheck), State(MessagingCheck));
        _last = new Snapshot(states, time.GetUtcNow());
        return states;
    }
}
