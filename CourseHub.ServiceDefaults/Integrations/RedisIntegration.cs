using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CourseHub.ServiceDefaults;

public static class RedisIntegration
{
    /// <summary>Name of the Redis health check (Aspire's own name for it).</summary>
    public const string HealthCheckName = "StackExchange.Redis";

    /// <summary>How long the health check waits for Redis: well inside the readiness probe's 5 seconds.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Registers the one <see cref="IConnectionMultiplexer"/> of the service through Aspire's Redis client
    /// integration (<c>AddRedisClient</c>, <c>ConnectionStrings:{connectionName}</c>), traced by its
    /// instrumentation. Caches, data-protection keys and sessions all use this multiplexer.
    /// </summary>
    /// <remarks>
    /// A Redis outage slows the service down instead of stopping it: the multiplexer connects in the
    /// background and reconnects by itself (<c>AbortOnConnectFail = false</c>), and the health check reports
    /// <see cref="HealthStatus.Degraded"/>, not Unhealthy, so the replica stays in rotation. Aspire's own check
    /// fails as Unhealthy and, while Redis is down, takes longer than a readiness probe waits (the first
    /// resolve connects synchronously, a ping waits out the client's 5-second timeout), which would take the
    /// replica out of rotation all the same; so it is replaced by a bounded ping.
    /// </remarks>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddRedisClient(connectionName,
            settings => settings.DisableHealthChecks = true,
            options => options.AbortOnConnectFail = false);
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(HealthCheckName, failureStatus: HealthStatus.Degraded);
        return builder;
    }

    private sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await Task.Run(() => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync(), cancellationToken)
                    .WaitAsync(HealthCheckTimeout, cancellationToken);
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable", ex);
            }
        }
    }
}
