namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>
/// A server that already exists (its connection string is set in the AppHost's configuration):
/// nothing is started, services are pointed at it, and it is health-checked like our own.
/// </summary>
public sealed class ExternalResource(string name, string type, string connectionString, Func<string, CancellationToken, Task<bool>> probe) : Resource(name)
{
    public override string Type => type + " (existing)";
    public override string ConnectionString => connectionString;

    public override Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        StartedAt = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public override Task StopAsync(TimeSpan grace) => Task.CompletedTask;

    public override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        await probe(connectionString, cancellationToken) ? HealthStatus.Healthy : HealthStatus.Unhealthy;
}
