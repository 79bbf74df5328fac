using CourseHub.Contracts;
using CourseHub.Contracts.Admin;
using CourseHub.Contracts.Commerce;
using CourseHub.Contracts.Learning;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Admin;

/// <summary>The Api's admin routes: users and the audit log, the course review queue, categories, orders.</summary>
public sealed class AdminClient(ApiCaller api)
{
    /// <summary>An admin list as CSV (a path under /api/admin with <c>format=csv</c>): the open response, for the caller to stream on.</summary>
    public Task<(HttpResponseMessage? File, ApiResult<NoBody> Failure)> OpenCsvAsync(string path, CancellationToken cancellationToken) =>
        api.GetFileAsync(path, cancellationToken);
    public Task<ApiResult<List<AdminInvitation>>> ListInvitationsAsync() =>
        api.SendAsync<List<AdminInvitation>>(HttpMethod.Get, "/api/admin/invitations", null);
    public Task<ApiResult<AdminInvitation>> InviteAsync(string email, string displayName, string role) =>
        api.SendAsync<AdminInvitation>(HttpMethod.Post, "/api/admin/invitations", new InviteMemberRequest(email, displayName, role));
    public Task<ApiResult<NoBody>> RevokeInvitationAsync(Guid id) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/admin/invitations/{id}", null);
    public Task<ApiResult<AdminInvitation>> ResendInvitationAsync(Guid id) =>
        api.SendAsync<AdminInvitation>(HttpMethod.Post, $"/api/admin/invitations/{id}/resend", new { });
    public Task<ApiResult<PagedResult<AdminUser>>> ListUsersAsync(string? search, int page, int pageSize) =>
        api.SendAsync<PagedResult<AdminUser>>(HttpMethod.Get,
            $"/api/admin/users?search={Uri.EscapeDataString(search ?? "")}&page={page}&pageSize={pageSize}", null);
    public Task<ApiResult<NoBody>> ChangeRoleAsync(Guid userId, string role) =>
        api.SendAsync<NoBody>(HttpMethod.Put, $"/api/admin/users/{userId}/role", new ChangeRoleRequest(role));
    public Task<ApiResult<NoBody>> BanAsync(Guid userId, string? reason) =>
        api.SendAsync<NoBody>(HttpMethod.Post, $"/api/admin/users/{userId}/ban", new BanRequest(reason));
    public Task<ApiResult<NoBody>> UnbanAsync(Guid userId) =>
        api.SendAsync<NoBody>(HttpMethod.Post, $"/api/admin/users/{userId}/unban", new { });
    public Task<ApiResult<PagedResult<AuditEntryResponse>>> ListAuditAsync(int page, int pageSize) =>
        api.SendAsync<PagedResult<AuditEntryResponse>>(HttpMethod.Get, $"/api/admin/audit?page={page}&pageSize={pageSize}", null);

    public Task<ApiResult<PagedResult<AdminCourse>>> ListCoursesForReviewAsync(string? status, int page, int pageSize) =>
        api.SendAsync<PagedResult<AdminCourse>>(HttpMethod.Get,
            $"/api/admin/courses?status={Uri.EscapeDataString(status ?? "")}&page={page}&pageSize={pageSize}", null);
    public Task<ApiResult<AdminCourse>> ApproveCourseAsync(Guid id) =>
        api.SendAsync<AdminCourse>(HttpMethod.Post, $"/api/admin/courses/{id}/approve", new { });
    public Task<ApiResult<AdminCourse>> RejectCourseAsync(Guid id, string reason) =>
        api.SendAsync<AdminCourse>(HttpMethod.Post, $"/api/admin/courses/{id}/reject", new CourseReasonRequest(reason));
    public Task<ApiResult<AdminCourse>> RemoveCourseAsync(Guid id, string reason) =>
        api.SendAsync<AdminCourse>(HttpMethod.Post, $"/api/admin/courses/{id}/remove", new CourseReasonRequest(reason));

    public Task<ApiResult<List<AdminCategory>>> ListCategoriesForAdminAsync() =>
        api.SendAsync<List<AdminCategory>>(HttpMethod.Get, "/api/admin/categories", null);
    public Task<ApiResult<AdminCategory>> CreateCategoryAsync(CategoryRequest category) =>
        api.SendAsync<AdminCategory>(HttpMethod.Post, "/api/admin/categories", category);
    public Task<ApiResult<AdminCategory>> UpdateCategoryAsync(int id, CategoryRequest category) =>
        api.SendAsync<AdminCategory>(HttpMethod.Put, $"/api/admin/categories/{id}", category);
    public Task<ApiResult<NoBody>> DeleteCategoryAsync(int id) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/admin/categories/{id}", null);

    /// <summary>One page of orders matching the filters (each optional) and the filtered totals per currency.</summary>
    public Task<ApiResult<AdminOrdersPage>> ListOrdersAsync(AdminOrderFilter filter, int page, int pageSize)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = filter.Status,
            ["from"] = filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim(),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var queryString = string.Join("&", query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return api.SendAsync<AdminOrdersPage>(HttpMethod.Get, $"/api/admin/orders?{queryString}", null);
    }

    /// <summary>One page of reviews, newest first; <paramref name="rating"/> 1–5 and <paramref name="hidden"/> null for any.</summary>
    public Task<ApiResult<PagedResult<AdminReview>>> ListReviewsAsync(string? search, int? rating, bool? hidden, int page, int pageSize)
    {
        var query = $"page={page}&pageSize={pageSize}";
        if (!string.IsNullOrWhiteSpace(search))
        {
            query += $"&q={Uri.EscapeDataString(search.Trim())}";
        }
        if (rating is { } stars)
        {
            query += $"&rating={stars}";
        }
        if (hidden is { } onlyHidden)
        {
            query += $"&hidden={(onlyHidden ? "true" : "false")}";
        }
        return api.SendAsync<PagedResult<AdminReview>>(HttpMethod.Get, $"/api/admin/reviews?{query}", null);
    }

    public Task<ApiResult<NoBody>> DeleteReviewAsync(Guid reviewId) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/reviews/{reviewId}", null);

    public Task<ApiResult<RefundResponse>> RefundOrderAsync(Guid orderId) =>
        api.SendAsync<RefundResponse>(HttpMethod.Post, $"/api/admin/orders/{orderId}/refund", new { });

    /// <summary>One page of certificates, newest first; <paramref name="valid"/> null for all.</summary>
    public Task<ApiResult<PagedResult<AdminCertificate>>> ListCertificatesAsync(string? search, bool? valid, int page, int pageSize)
    {
        var query = $"page={page}&pageSize={pageSize}";
        if (!string.IsNullOrWhiteSpace(search))
        {
            query += $"&q={Uri.EscapeDataString(search.Trim())}";
        }
        if (valid is { } wanted)
        {
            query += $"&valid={(wanted ? "true" : "false")}";
        }
        return api.SendAsync<PagedResult<AdminCertificate>>(HttpMethod.Get, $"/api/admin/certificates?{query}", null);
    }

    public Task<ApiResult<CertificateVerification>> RevokeCertificateAsync(string code, string reason) =>
        api.SendAsync<CertificateVerification>(HttpMethod.Post, $"/api/admin/certificates/{Uri.EscapeDataString(code)}/revoke", new RevokeCertificateRequest(reason));
}

/// <summary>The admin orders page's filters; null or empty means "any".</summary>
public sealed record AdminOrderFilter(string? Status, DateOnly? From, DateOnly? To, string? Search);
