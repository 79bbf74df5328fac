using System.Net.Http.Json;

namespace CourseHub.Web.Features.Status;

public sealed record PlatformStatus(
    string Service,
    string Instance,
    DateTimeOffset ServerTime,
    string DatabaseVersion,
    int AppliedMigrations,
    int PendingOutboxMessages,
    IReadOnlyList<RecentJobRun> RecentJobRuns);

public sealed record RecentJobRun(string JobName, string SchedulerInstance, DateTimeOffset StartedAt, bool? Succeeded);

/// <summary>Reads the platform status from the Api (the Web never touches the database).</summary>
public sealed class StatusClient(HttpClient http)
{
    public async Task<PlatformStatus> GetAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<PlatformStatus>("/api/status", cancellationToken)
        ?? throw new InvalidOperationException("The Api returned an empty status.");
}
