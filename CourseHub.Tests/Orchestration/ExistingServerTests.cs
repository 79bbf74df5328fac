using CourseHub.AppHost.Hosting;
using CourseHub.AppHost.Hosting.Resources;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

/// <summary>With <c>ConnectionStrings:&lt;name&gt;</c> set, the AppHost uses that server instead of starting one — and really checks it.</summary>
[Collection(SystemCollection.Name)]
public sealed class ExistingServerTests(SystemFixture system)
{
    [Fact]
    public async Task Configured_connection_strings_become_existing_servers_that_are_health_checked()
    {
        var builder = DistributedApplicationBuilder.CreateBuilder(
        [
            $"--ConnectionStrings:coursehub={system.ConnectionString("coursehub")}",
            $"--ConnectionStrings:redis={system.ConnectionString("redis")}",
            $"--ConnectionStrings:messaging={system.ConnectionString("messaging")}",
            $"--ConnectionStrings:blobs={system.ConnectionString("blobs")}",
            $"--ConnectionStrings:mail={system.ConnectionString("mail")}",
            "--DynamicPorts=true",
        ]);
        var resources = new[]
        {
            builder.AddPostgres("postgres").AddDatabase("coursehub").Resource,
            builder.AddRedis("redis").Resource,
            builder.AddRabbitMQ("messaging").Resource,
            builder.AddAzurite("storage").AddBlobs("blobs").Resource,
            builder.AddMailDev("mail").Resource,
        };

        // No local server or emulator is left in the model to be started for nothing.
        Assert.Equal(["coursehub", "redis", "messaging", "blobs", "mail"], builder.Resources.Select(resource => resource.Name));
        foreach (var resource in resources)
        {
            Assert.IsType<ExternalResource>(resource);
            Assert.Equal(system.ConnectionString(resource.Name), resource.ConnectionString);
            Assert.Equal(HealthStatus.Healthy, await resource.CheckHealthAsync(CancellationToken.None));
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
        var builder = DistributedApplicationBuilder.CreateBuilder([$"--ConnectionStrings:{name}={connectionString}", "--DynamicPorts=true"]);
        Resource resource = name switch
        {
            "redis" => builder.AddRedis(name).Resource,
            "messaging" => builder.AddRabbitMQ(name).Resource,
            "blobs" => builder.AddAzurite("storage").AddBlobs(name).Resource,
            "mail" => builder.AddMailDev(name).Resource,
            _ => builder.AddPostgres("postgres").AddDatabase(name).Resource,
        };
        Assert.IsType<ExternalResource>(resource);
        Assert.Equal(HealthStatus.Unhealthy, await resource.CheckHealthAsync(CancellationToken.None));
    }
}
