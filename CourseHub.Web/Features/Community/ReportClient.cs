using CourseHub.Contracts.Community;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Community;

/// <summary>Reporting content (a review, question, reply or chat message) to the admins' moderation queue.</summary>
public sealed class ReportClient(ApiCaller api)
{
    public Task<ApiResult<ReportReceipt>> ReportAsync(string targetType, Guid targetId, string reason) =>
        api.SendAsync<ReportReceipt>(HttpMethod.Post, "/api/reports", new ReportRequest(targetType, targetId, reason));
}
