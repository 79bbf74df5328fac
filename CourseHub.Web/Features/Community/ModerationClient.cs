using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Community;

/// <summary>The admins' moderation queue: reports with their content, and the decision on one.</summary>
public sealed class ModerationClient(ApiCaller api)
{
    /// <summary>One page of open or resolved reports, of one kind of content when <paramref name="type"/> is given.</summary>
    public Task<ApiResult<PagedResult<ModerationItem>>> QueueAsync(bool resolved, string? type, int page, int pageSize) =>
        api.SendAsync<PagedResult<ModerationItem>>(HttpMethod.Get,
            $"/api/admin/moderation?status={(resolved ? "resolved" : "open")}&page={page}&pageSize={pageSize}"
            + (string.IsNullOrEmpty(type) ? "" : $"&type={Uri.EscapeDataString(type)}"), null);

    public Task<ApiResult<ModerationItem>> ResolveAsync(Guid reportId, string action, string? reason) =>
        api.SendAsync<ModerationItem>(HttpMethod.Post, $"/api/admin/moderation/{reportId}/resolve", new ResolveReportRequest(action, reason));
}
