using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;

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
    public async Task Status_reports_live_database_facts()
    {
        var status = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/status");
        Assert.StartsWith("PostgreSQL 15", status.GetProperty("databaseVersion").GetString());
        Assert.True(status.GetProperty("appliedMigrations").GetInt32() >= 1);
    }
}
