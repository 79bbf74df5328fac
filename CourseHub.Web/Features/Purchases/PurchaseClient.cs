using CourseHub.Contracts.Commerce;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Purchases;

/// <summary>The buyer's routes of the Api: enrolling, paying through Checkout, the user's enrollments and orders, refunds.</summary>
public sealed class PurchaseClient(ApiCaller api)
{
    /// <summary>Enrolls in a free course (idempotent); a paid course is refused with <c>payment-required</c>.</summary>
    public Task<ApiResult<EnrollResponse>> EnrollAsync(Guid courseId) =>
        api.SendAsync<EnrollResponse>(HttpMethod.Post, $"/api/courses/{courseId}/enroll", new { });

    /// <summary>Starts (or resumes) paying for a course: the answer's <c>Url</c> is Checkout's hosted page.</summary>
    public Task<ApiResult<CheckoutResponse>> StartCheckoutAsync(Guid courseId) =>
        api.SendAsync<CheckoutResponse>(HttpMethod.Post, "/api/checkout", new CheckoutRequest(courseId));

    public Task<ApiResult<List<MyEnrollment>>> ListEnrollmentsAsync() =>
        api.SendAsync<List<MyEnrollment>>(HttpMethod.Get, "/api/me/enrollments", null);

    /// <summary>
    /// The ids of the courses the signed-in user is enrolled in, for marking catalog cards: one call per page, and an
    /// empty set for a visitor or when the Api cannot say (the marks are a convenience; the course page checks again).
    /// </summary>
    public async Task<IReadOnlySet<Guid>> EnrolledCourseIdsAsync(System.Security.Claims.ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new HashSet<Guid>();
        }
        try
        {
            return (await ListEnrollmentsAsync()).Value?.Select(e => e.CourseId).ToHashSet() ?? [];
        }
        catch (SessionEndedException)
        {
            return new HashSet<Guid>();
        }
    }

    public Task<ApiResult<List<OrderResponse>>> ListOrdersAsync() =>
        api.SendAsync<List<OrderResponse>>(HttpMethod.Get, "/api/me/orders", null);

    public Task<ApiResult<OrderResponse>> GetOrderAsync(Guid orderId) =>
        api.SendAsync<OrderResponse>(HttpMethod.Get, $"/api/me/orders/{orderId}", null);

    public Task<ApiResult<RefundResponse>> RequestRefundAsync(Guid orderId) =>
        api.SendAsync<RefundResponse>(HttpMethod.Post, $"/api/me/orders/{orderId}/refund", new { });

    /// <summary>The order's PDF receipt, opened for streaming (404 <c>receipt-not-ready</c> while it is being prepared).</summary>
    public Task<(HttpResponseMessage? File, ApiResult<NoBody> Failure)> OpenReceiptAsync(Guid orderId, CancellationToken cancellationToken) =>
        api.GetFileAsync($"/api/me/orders/{orderId}/receipt", cancellationToken);
}
