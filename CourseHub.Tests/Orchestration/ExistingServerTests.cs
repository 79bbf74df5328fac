using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CourseHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// With <c>ConnectionStrings:&lt;name&gt;</c> set, the AppHost uses that server instead of starting one (an Aspire
/// connection-string resource) — and really checks it. The app model is built, not started: no second system runs.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ExistingServerTests(SystemFixture system)
{
    private static readonly string[] ServerNames = ["coursehub", "redis", "messaging", "blobs", "mail"];

    [Fact]
    public async Task Configured_connection_strings_become_existing_servers_that_are_health_checked()
    {
        await using var appHost = await CreateAsync(ServerNames.Select(name => $"--ConnectionStrings:{name}={system.ConnectionString(name)}").ToArray());

        // No local server or emulator is left in the model to be started for nothing.
        var servers = appHost.Resources
            .Where(resource => resource is not ProjectResource and not ParameterResource && !resource.HasAnnotationOfType<ExplicitStartupAnnotation>())
            .ToList();
        Assert.Equal(ServerNames, servers.Select(resource => resource.Name));
        Assert.All(servers, resource => Assert.IsType<ConnectionStringResource>(resource));
        Assert.DoesNotContain(appHost.Resources, resource => resource is ExecutableResource && !resource.HasAnnotationOfType<ExplicitStartupAnnotation>());

        foreach (var name in ServerNames)
        {
            var resource = (IResourceWithConnectionString)appHost.Resources.Single(resource => resource.Name == name);
            Assert.Equal(system.ConnectionString(name), await resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None));
            Assert.Equal(HealthStatus.Healthy, await ReadinessAsync(appHost, name));
        }
    }

    [Theory]
    [InlineData("redis", "127.0.0.1:1")]
    [InlineData("messaging", "amqp://guest:guest@127.0.0.1:1")]
    [InlineData("blobs", "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;")]
    [InlineData("mail", "Endpoint=smtp://127.0.0.1:1")]
    [InlineData("coursehub", "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=coursehub")]
    public async Task An_unreachable_existing_server_is_reported_unhealthy(string name, string connectionString)
    {
        await using var appHost = await CreateAsync($"--ConnectionStrings:{name}={connectionString}");
        Assert.IsType<ConnectionStringResource>(appHost.Resources.Single(resource => resource.Name == name));
        Assert.Equal(HealthStatus.Unhealthy, await ReadinessAsync(appHost, name));
    }

    private static Task<IDistributedApplicationTestingBuilder> CreateAsync(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.CourseHub_AppHost>([.. args, "--DynamicPorts=true", $"--DataDirectory={Path.GetTempPath()}coursehub-unused"]);

    /// <summary>
    /// Runs the readiness check the AppHost registered for the resource (what WaitFor and the dashboard use), from the
    /// model's own services, without building the application.
    /// </summary>
    private static async Task<HealthStatus> ReadinessAsync(IDistributedApplicationTestingBuilder appHost, string name)
    {
        await using var services = appHost.Services.BuildServiceProvider();
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == $"{name}-ready")
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Single(report.Entries);
        return report.Status;
    }
}
