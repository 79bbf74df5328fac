using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.AppHost.Hosting.Resources;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

[Collection(SystemCollection.Name)]
public sealed class SystemHealthTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Every_resource_is_running_and_healthy()
    {
        var notReady = system.App.Resources.Where(resource => !resource.IsReady).Select(resource => $"{resource.Name}: {resource.State}/{resource.Health}");
        Assert.Empty(notReady);
        Assert.Equal(
            ["postgres", "coursehub", "redis", "messaging", "storage", "blobs", "mail", "api", "realtime", "worker", "web"],
            system.App.Resources.Select(resource => resource.Name));
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
    public async Task Dashboard_lists_every_resource_with_state_health_and_urls()
    {
        var resources = await Http.GetFromJsonAsync<JsonElement>($"{system.App.DashboardUrl}/api/resources");
        var names = resources.EnumerateArray().Select(resource => resource.GetProperty("name").GetString()).ToList();
        Assert.Equal(system.App.Resources.Select(resource => resource.Name), names);
        foreach (var resource in resources.EnumerateArray())
        {
            Assert.Equal("Running", resource.GetProperty("state").GetString());
            Assert.Equal("Healthy", resource.GetProperty("health").GetString());
            Assert.NotEqual(JsonValueKind.Null, resource.GetProperty("startedAt").ValueKind);
        }
        var api = resources.EnumerateArray().Single(resource => resource.GetProperty("name").GetString() == "api");
        var environment = api.GetProperty("environment");
        Assert.StartsWith("Host=127.0.0.1", environment.GetProperty("ConnectionStrings__coursehub").GetString());
        Assert.Contains("Password=******", environment.GetProperty("ConnectionStrings__coursehub").GetString());
        Assert.Equal("api", environment.GetProperty("OTEL_SERVICE_NAME").GetString());

        var page = await Http.GetStringAsync(system.App.DashboardUrl);
        Assert.Contains("CourseHub AppHost", page);
    }

    [Fact]
    public async Task Dashboard_streams_a_resource_console_log()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{system.App.DashboardUrl}/api/resources/api/logs");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.StartsWith("data: ", first);
    }

    [Fact]
    public async Task Replicated_projects_run_one_process_per_replica_behind_one_endpoint()
    {
        foreach (var name in new[] { "realtime", "worker" })
        {
            var project = system.Project(name);
            Assert.Equal(2, project.ReplicaCount);
            Assert.Equal(2, project.ProcessIds.Distinct().Count());
            // The load-balanced endpoint answers as well as each replica.
            using var response = await Http.GetAsync($"{project.Url}/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void Services_get_the_aspire_environment_contract()
    {
        var api = system.Project("api").Environment;
        Assert.Equal(system.ConnectionString("coursehub"), api["ConnectionStrings__coursehub"]);
        Assert.Equal(system.ConnectionString("redis"), api["ConnectionStrings__redis"]);
        Assert.StartsWith("amqp://", api["ConnectionStrings__messaging"]);
        Assert.Contains("BlobEndpoint=http://127.0.0.1:", api["ConnectionStrings__blobs"]);
        Assert.Equal("Development", api["ASPNETCORE_ENVIRONMENT"]);
        Assert.StartsWith("service.instance.id=api-", api["OTEL_RESOURCE_ATTRIBUTES"]);

        var web = system.Project("web").Environment;
        Assert.Equal(system.Project("api").Url, web["services__api__http__0"]);
        Assert.Equal(system.Project("realtime").Url, web["services__realtime__http__0"]);

        var worker = system.Project("worker").Environment;
        Assert.StartsWith("Endpoint=smtp://127.0.0.1:", worker["ConnectionStrings__mail"]);
    }
}
