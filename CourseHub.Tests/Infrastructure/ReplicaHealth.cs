using System.Net.Http.Json;
using System.Text.Json;

namespace CourseHub.Tests.Infrastructure;

/// <summary>
/// Waiting for the services after a test stopped and restarted a server: a server Aspire reports healthy again is
/// not yet reconnected in every service replica.
/// </summary>
public static class ReplicaHealth
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Waits until every replica of every service reports all its checks Healthy on <c>/health</c>.</summary>
    public static async Task WaitUntilServicesHealthyAsync(this SystemFixture system, TimeSpan timeout)
    {
        foreach (var service in new[] { "api", "realtime", "worker", "web" })
        {
            await system.WaitForEveryReplicaAsync(service, "/health", report => report.GetProperty("status").GetString() == "Healthy", timeout);
        }
    }

    /// <summary>Waits until every Api replica's public status says "up" (it keeps its answer for a few seconds).</summary>
    public static Task WaitUntilApiStatusUpAsync(this SystemFixture system, TimeSpan timeout) =>
        system.WaitForEveryReplicaAsync("api", "/api/status", status => status.GetProperty("status").GetString() == "up", timeout);

    private static async Task WaitForEveryReplicaAsync(this SystemFixture system, string service, string path, Func<JsonElement, bool> condition,
        TimeSpan timeout)
    {
        foreach (var replica in system.Project(service).ReplicaUrls)
        {
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    using var response = await Http.GetAsync($"{replica}{path}");
                    return condition(await response.Content.ReadFromJsonAsync<JsonElement>());
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException
                                               or KeyNotFoundException)
                {
                    return false;
                }
            }, timeout, $"{replica}{path}");
        }
    }
}
