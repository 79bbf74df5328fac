using System.Net.Http.Json;
using CourseHub.Contracts.Status;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Status;

/// <summary>Reads the platform status from the Api: the public summary, and for admins the details (with their session's token).</summary>
public sealed class StatusClient(HttpClient http, ApiCaller api)
{
    public Task<ApiResult<StatusDetails>> GetDetailsAsync() => api.SendAsync<StatusDetails>(HttpMethod.Get, "/api/status/details", null);

    public async Task<StatusSummary> GetSummaryAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<StatusSummary>("/api/status", cancellationToken)
        ?? throw new InvalidOperationException("The Api returned an empty status.");
}
