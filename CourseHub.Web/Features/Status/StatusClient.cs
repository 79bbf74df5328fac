using System.Net.Http.Json;

namespace CourseHub.Web.Features.Status;

/// <summary>The public summary: overall "up" or "degraded", and the same per dependency.</summary>
public sealed record StatusSummary(string Status, string Service, DateTimeOffset ServerTime, DependencyStates Dependencies);

public sealed record DependencyStates(string Database, string Cache, string Messaging);

/// <summary>What admins see besides (from <c>/api/status/details</c>, through the signed-in session's token).</summary>
public sealed record StatusDetails(
    string Service,
    string Instance,
    DateTimeOffset ServerTime,
    string DatabaseVersion,
    int AppliedMigrations,
    int PendingOutboxMessages,
    IReadOnlyList<RecentJobRun> RecentJobRuns);

public sealed record RecentJobRun(string JobName, string SchedulerInstance, DateTimeOffset StartedAt, bool? Succeeded);

/// <summary>Reads the public platform status from the Api (the Web never touches the database).</summary>
public sealed class StatusClient(HttpClient http)
{
    public async Task<StatusSummary> GetSummaryAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<StatusSummary>("/api/status", cancellationToken)
        ?? throw new InvalidOperationException("The Api returned an empty status.");
}
