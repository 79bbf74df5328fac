using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CourseHub.ServiceDefaults;

public static class RedisIntegration
{
    /// <summary>Name of the Redis health check (Aspire's own name for it).</summary>
    public const string HealthCheckName = "StackExchange.Redis";

    /// <summary>
    /// Registers the one <see cref="IConnectionMultiplexer"/> of the service through Aspire's Redis client
    /// integration (<c>AddRedisClient</c>, <c>ConnectionStrings:{connectionName}</c>), traced by its
    /// instrumentation. Caches, data-protection keys and sessions all use this multiplexer.
    /// </summary>
    /// <remarks>
    /// A Redis outage slows the service down instead of stopping it: the multiplexer connects in the
    /// background and reconnects by itself (<c>AbortOnConnectFail = false</c>), and the health check reports
    /// <see cref="HealthStatus.Degraded"/>, not Unhealthy, so the replica stays in rotation. Aspire's own check
    /// always fails as Unhealthy, so it is replaced by the same check (AspNetCore.HealthChecks.Redis) registered
    /// with a Degraded failure status.
    /// </remarks>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddRedisClient(connectionName,
            settings => settings.DisableHealthChecks = true,
            options => options.AbortOnConnectFail = false);
        builder.Services.AddHealthChecks().AddRedis(
            services => services.GetRequiredService<IConnectionMultiplexer>(),
            HealthCheckName,
            failureStatus: HealthStatus.Degraded);
        return builder;
    }
}
