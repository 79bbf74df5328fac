using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Api.Features.Status;
using CourseHub.EventBus;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Orchestration;

[Collection(SystemCollection.Name)]
public sealed class ApiTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private string Api => system.Project("api").Url;

    [Fact]
    public async Task OpenApi_document_and_Scalar_UI_are_served()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>($"{Api}/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/status", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/status/details", out var details));
        Assert.Equal(["200", "401", "403"], details.GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        // The auth routes are rate-limited, and say so.
        Assert.True(document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));

        using var scalar = await Http.GetAsync($"{Api}/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("text/html", scalar.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Unknown_routes_answer_with_problem_details()
    {
        using var response = await Http.GetAsync($"{Api}/api/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Public_status_is_a_summary_that_names_no_versions_or_internals()
    {
        // A test before this one may have stopped a server: the replicas report it for a while after it is back.
        await system.WaitUntilApiStatusUpAsync(TimeSpan.FromSeconds(60));
        using var response = await Http.GetAsync($"{Api}/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var status = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["dependencies", "serverTime", "service", "status"], status.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("up", status.GetProperty("status").GetString());
        Assert.Equal("api", status.GetProperty("service").GetString());
        var dependencies = status.GetProperty("dependencies");
        Assert.Equal(["cache", "database", "messaging"], dependencies.EnumerateObject().Select(p => p.Name).Order());
        Assert.All(dependencies.EnumerateObject(), dependency => Assert.Equal("up", dependency.Value.GetString()));
        foreach (var secret in new[] { "PostgreSQL", "version", "migration", "outbox", "job", "instance" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Status_details_are_for_admins_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync($"{Api}/api/status/details")).StatusCode);
        using var student = await system.SignUpAsync("Student", "status");
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/status/details")).StatusCode);

        using var admin = await system.AdminAsync();
        var details = await admin.OkJsonAsync(HttpMethod.Get, "/api/status/details");
        Assert.StartsWith("PostgreSQL 15", details.GetProperty("databaseVersion").GetString());
        await using var db = system.CreateDbContext();
        Assert.Equal(db.Database.GetMigrations().Count(), details.GetProperty("appliedMigrations").GetInt32());
        Assert.True(details.GetProperty("pendingOutboxMessages").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.Array, details.GetProperty("recentJobRuns").ValueKind);
        // The instance that answered is one of the replicas Aspire started (the service.instance.id it gave each).
        var replicas = system.Instances("api").Select(instance => ServiceInstance.FromResourceAttributes(instance.EnvironmentVariables
            .Single(variable => variable.Name == "OTEL_RESOURCE_ATTRIBUTES").Value));
        Assert.Contains(details.GetProperty("instance").GetString(), replicas);
    }

    [Fact]
    public async Task Public_status_shows_the_cache_degraded_while_redis_is_down_and_up_again_after()
    {
        await system.StopAsync("redis");
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                var status = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/status");
                var dependencies = status.GetProperty("dependencies");
                return status.GetProperty("status").GetString() == "degraded" && dependencies.GetProperty("cache").GetString() == "degraded"
                    && dependencies.GetProperty("database").GetString() == "up";
            }, TimeSpan.FromSeconds(30), "the cache reported degraded");
        }
        finally
        {
            await system.StartAsync("redis");
            await system.WaitForHealthyAsync("redis", TimeSpan.FromMinutes(1));
        }
        // Both replicas say "up" again once they have reconnected.
        await system.WaitUntilApiStatusUpAsync(TimeSpan.FromSeconds(60));
        await system.WaitUntilServicesHealthyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Readiness_stays_200_with_the_broker_degraded_while_RabbitMQ_is_down_and_healthy_again_after()
    {
        await system.StopAsync("messaging");
        try
        {
            // Every replica of the Api and the Worker stays ready (200), saying Degraded and naming the broker's check.
            foreach (var replica in system.Project("api").ReplicaUrls.Concat(system.Project("worker").ReplicaUrls))
            {
                await Eventually.TrueAsync(async () =>
                {
                    using var response = await Http.GetAsync($"{replica}/health");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    var report = await response.Content.ReadFromJsonAsync<JsonElement>();
                    return report.GetProperty("status").GetString() == "Degraded"
                        && report.GetProperty("checks").GetProperty(EventBusExtensions.HealthCheckName).GetProperty("status").GetString() == "Degraded";
                }, TimeSpan.FromSeconds(30), $"{replica}/health said Degraded for the broker");
            }
        }
        finally
        {
            await system.StartAsync("messaging");
            await system.WaitForHealthyAsync("messaging", TimeSpan.FromMinutes(1));
        }
        await system.WaitUntilServicesHealthyAsync(TimeSpan.FromSeconds(90));
    }
}
