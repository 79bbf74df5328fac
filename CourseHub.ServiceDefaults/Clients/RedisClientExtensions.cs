using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CourseHub.ServiceDefaults;

public static class RedisClientExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{connectionName}</c>
    /// (<c>host:port[,options]</c>). It connects in the background and reconnects by itself, so a
    /// Redis outage slows the service down instead of stopping it from starting.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var options = ConfigurationOptions.Parse(ConnectionStrings.GetRequired(builder.Configuration, connectionName));
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        // Degraded, not unhealthy: without Redis the service is slower, not wrong, so it stays in rotation.
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>($"redis-{connectionName}", failureStatus: HealthStatus.Degraded);
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable", ex);
            }
        }
    }
}
