using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CourseHub.AppHost.LocalServers;

/// <summary>
/// Registers a readiness check with Aspire, so <c>WaitFor</c> waits until the server really answers its own protocol
/// (an open port is not "ready"), and the dashboard shows the server's health.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>A probe of the resource's own connection string.</summary>
    public static IResourceBuilder<T> WithReadinessProbe<T>(this IResourceBuilder<T> builder, Func<string, CancellationToken, Task<bool>> probe)
        where T : IResourceWithConnectionString
    {
        var resource = builder.Resource;
        return builder.WithReadinessProbe(async cancellationToken =>
            await probe(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "", cancellationToken));
    }

    /// <summary>A probe that knows by itself where to look (a port, a web UI).</summary>
    public static IResourceBuilder<T> WithReadinessProbe<T>(this IResourceBuilder<T> builder, Func<CancellationToken, Task<bool>> probe)
        where T : IResource
    {
        var key = $"{builder.Resource.Name}-ready";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key,
            _ => new ProbeHealthCheck(probe), failureStatus: HealthStatus.Unhealthy, tags: null));
        return builder.WithHealthCheck(key);
    }

    private sealed class ProbeHealthCheck(Func<CancellationToken, Task<bool>> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await probe(cancellationToken) ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus, "not answering yet");
    }
}
