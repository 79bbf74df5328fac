using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Teaching;

/// <summary>A signed-in user of the studio routes: sends requests with the access token and checks the answers.</summary>
public sealed record StudioUser(IdentityClient Client, string Email, string Token) : IDisposable
{
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        Client.SendAsync(method, path, Token, body);

    public async Task<JsonElement> OkJsonAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(method, path, body);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>Signing in to the studio and writing courses through its routes, for the teaching tests.</summary>
public static class Studio
{
    public static async Task<StudioUser> SignUpAsync(this SystemFixture system, string role, string prefix)
    {
        var client = new IdentityClient(system);
        var email = IdentityClient.NewEmail(prefix);
        await client.RegisterAndActivateAsync(email, role: role);
        var tokens = await client.LoginOkAsync(email);
        return new StudioUser(client, email, tokens.AccessToken);
    }

    public static async Task<StudioUser> AdminAsync(this SystemFixture system)
    {
        var client = new IdentityClient(system);
        var tokens = await client.LoginOkAsync(SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        return new StudioUser(client, SystemFixture.AdminEmail, tokens.AccessToken);
    }

    public static object Draft(string title, string? categorySlug = "programming") => new
    {
        title,
        subtitle = "Studio subtitle",
        description = "A **real** description.",
        categorySlug,
        level = "Beginner",
        language = "en",
        priceMinor = 1999,
        currency = "usd",
        learningOutcomes = new[] { "Ship things" },
        requirements = new[] { "A laptop" },
    };

    /// <summary>Creates a draft with one module and one free-preview text lesson, ready for review; returns its id.</summary>
    public static async Task<Guid> CompleteDraftAsync(this StudioUser teacher, string title)
    {
        var created = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses", Draft(title), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var module = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Getting started" }, HttpStatusCode.Created);
        var moduleId = module.GetProperty("id").GetGuid();
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{moduleId}/lessons",
            new { title = "Welcome", type = "Text", textMarkdown = "Hello", isFreePreview = true }, HttpStatusCode.Created);
        return id;
    }
}
