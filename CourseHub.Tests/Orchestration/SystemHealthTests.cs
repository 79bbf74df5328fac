using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using CourseHub.AppHost.LocalServers;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

[Collection(SystemCollection.Name)]
public sealed class SystemHealthTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Every_resource_is_running_and_healthy_in_the_order_of_the_app_model()
    {
        Assert.Equal(
            ["postgres", "coursehub", "redis", "messaging", "messaging-epmd", "storage", "blobs", "mail", "api", "stripe", "realtime", "worker", "web", "google"],
            system.Resources.Select(resource => resource.Name));
        var notReady = system.Resources
            .SelectMany(resource => system.Instances(resource.Name).Select(instance => (resource.Name, instance)))
            .Where(entry => entry.instance.State?.Text != KnownResourceStates.Running || entry.instance.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(entry => $"{entry.Name}: {entry.instance.State?.Text}/{entry.instance.HealthStatus}");
        Assert.Empty(notReady);
    }

    [Fact]
    public void Servers_are_our_executable_resources_with_connection_strings_and_the_database_and_blobs_are_their_children()
    {
        Assert.IsType<PostgresServerResource>(Resource("postgres"));
        Assert.Same(Resource("postgres"), Assert.IsType<PostgresDatabaseResource>(Resource("coursehub")).Parent);
        Assert.IsType<RedisServerResource>(Resource("redis"));
        Assert.IsType<RabbitMqServerResource>(Resource("messaging"));
        Assert.Same(Resource("storage"), Assert.IsType<BlobsResource>(Resource("blobs")).Parent);
        Assert.IsType<MailDevResource>(Resource("mail"));
        foreach (var name in new[] { "postgres", "redis", "messaging", "storage", "mail" })
        {
            Assert.IsAssignableFrom<ExecutableResource>(Resource(name));
        }
        // Every server is health-checked through Aspire, which is what WaitFor waits for.
        foreach (var name in new[] { "postgres", "coursehub", "redis", "messaging", "storage", "blobs", "mail" })
        {
            Assert.True(Resource(name).TryGetAnnotationsOfType<HealthCheckAnnotation>(out var checks) && checks.Any(), $"{name} has no health check");
        }
    }

    [Theory]
    [InlineData("api")]
    [InlineData("realtime")]
    [InlineData("worker")]
    [InlineData("web")]
    public async Task Every_replica_of_every_service_reports_all_its_checks_healthy(string service)
    {
        var project = system.Project(service);
        Assert.NotEmpty(project.ReplicaUrls);
        foreach (var url in project.ReplicaUrls)
        {
            using var response = await Http.GetAsync($"{url}/health");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}/health answered {response.StatusCode}: {body}");
            using var report = JsonDocument.Parse(body);
            Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
            // Development shows each dependency's check; every service checks more than itself.
            var checks = report.RootElement.GetProperty("checks").EnumerateObject().Select(check => check.Name).ToList();
            Assert.Contains("self", checks);
            Assert.True(checks.Count > 1, $"{service} has no dependency checks: {string.Join(", ", checks)}");

            using var alive = await Http.GetAsync($"{url}/alive");
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }

    [Fact]
    public async Task Replicated_projects_run_one_process_per_replica_behind_one_endpoint()
    {
        foreach (var name in new[] { "api", "realtime", "worker" })
        {
            var project = system.Project(name);
            Assert.Equal(2, project.ProcessIds.Distinct().Count());
            Assert.Equal(2, project.ReplicaUrls.Distinct().Count());
            Assert.DoesNotContain(project.Url, project.ReplicaUrls);
            // The shared endpoint (DCP's proxy) answers as well as each replica.
            using var response = await Http.GetAsync($"{project.Url}/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_Api_replicas_started_together_share_one_data_protection_key()
    {
        // Two replicas each making their own key at start would protect links another replica cannot open for a day.
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        await using (redis)
        {
            var keys = await redis.GetDatabase().ListRangeAsync("coursehub:api:data-protection-keys");
            Assert.Single(keys);
        }
    }

    [Fact]
    public void Services_get_the_aspire_environment_contract()
    {
        var api = system.Project("api").Environment;
        Assert.Equal(system.ConnectionString("coursehub"), api["ConnectionStrings__coursehub"]);
        Assert.StartsWith("Host=127.0.0.1;Port=", api["ConnectionStrings__coursehub"]);
        Assert.Equal(system.ConnectionString("redis"), api["ConnectionStrings__redis"]);
        Assert.StartsWith("amqp://", api["ConnectionStrings__messaging"]);
        Assert.Contains("BlobEndpoint=http://127.0.0.1:", api["ConnectionStrings__blobs"]);
        Assert.Equal("Development", api["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("api", api["OTEL_SERVICE_NAME"]);
        Assert.StartsWith("service.instance.id=", api["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.False(string.IsNullOrEmpty(api["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        Assert.Equal(system.Project("web").Url, api["App__WebBaseUrl"].TrimEnd('/'));

        var web = system.Project("web").Environment;
        Assert.Equal(system.Project("api").Url, web["services__api__http__0"].TrimEnd('/'));
        Assert.Equal(system.Project("realtime").Url, web["services__realtime__http__0"].TrimEnd('/'));

        var worker = system.Project("worker").Environment;
        Assert.StartsWith("Endpoint=smtp://127.0.0.1:", worker["ConnectionStrings__mail"]);
    }

    [Fact]
    public void The_throw_away_data_lives_in_the_test_run_folder()
    {
        foreach (var name in new[] { "postgres", "redis", "messaging", "storage", "mail" })
        {
            var folder = ((ExecutableResource)Resource(name)).WorkingDirectory;
            Assert.StartsWith(system.DataDirectory, folder);
        }
        Assert.True(File.Exists(Path.Combine(system.DataDirectory, "postgres", "data", "PG_VERSION")));
    }

    private IResource Resource(string name) => system.Resources.Single(resource => resource.Name == name);
}
