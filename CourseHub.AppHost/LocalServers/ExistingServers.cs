using Microsoft.Extensions.Configuration;

namespace CourseHub.AppHost.LocalServers;

/// <summary>
/// With <c>ConnectionStrings:{name}</c> configured, the AppHost uses that server instead of starting one: an Aspire
/// connection-string resource (its value a secret parameter, masked on the dashboard) with the same readiness check as a
/// local server, so <c>WaitFor</c> still waits for a server that really answers.
/// </summary>
public static class ExistingServers
{
    public static IResourceBuilder<IResourceWithConnectionString>? TryAddExistingServer(this IDistributedApplicationBuilder builder, string name,
        Func<string, CancellationToken, Task<bool>> probe)
    {
        if (builder.Configuration.GetConnectionString(name) is not { Length: > 0 } configured)
        {
            return null;
        }
        var value = builder.AddParameter($"{name}-connection-string", configured, secret: true);
        var existing = builder.AddConnectionString(name, ReferenceExpression.Create($"{value}"))
            .WithReadinessProbe(probe);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(existing.Resource);
    }
}
