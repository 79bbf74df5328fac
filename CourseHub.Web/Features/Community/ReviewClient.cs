using CourseHub.Contracts.Community;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Community;

/// <summary>A course's reviews: read by anyone (with the reader's votes when signed in), written by enrolled students.</summary>
public sealed class ReviewClient(ApiCaller api)
{
    public const int PageSize = 10;

    public Task<ApiResult<CourseReviews>> ListAsync(Guid courseId, string sort, int page, bool signedIn) =>
        api.SendAsync<CourseReviews>(HttpMethod.Get, $"/api/courses/{courseId}/reviews?sort={Uri.EscapeDataString(sort)}&page={page}&pageSize={PageSize}",
            null, authenticated: signedIn);

    public Task<ApiResult<CourseReview>> CreateAsync(Guid courseId, int rating, string text) =>
        api.SendAsync<CourseReview>(HttpMethod.Post, $"/api/courses/{courseId}/reviews", new ReviewRequest(rating, text));

    public Task<ApiResult<CourseReview>> UpdateAsync(Guid reviewId, int rating, string text) =>
        api.SendAsync<CourseReview>(HttpMethod.Put, $"/api/reviews/{reviewId}", new ReviewRequest(rating, text));

    public Task<ApiResult<NoBody>> DeleteAsync(Guid reviewId) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/reviews/{reviewId}", null);

    public Task<ApiResult<CourseReview>> ReplyAsync(Guid reviewId, string text) =>
        api.SendAsync<CourseReview>(HttpMethod.Post, $"/api/reviews/{reviewId}/reply", new ReviewReplyRequest(text));

    public Task<ApiResult<HelpfulVote>> SetHelpfulAsync(Guid reviewId, bool helpful) =>
        api.SendAsync<HelpfulVote>(helpful ? HttpMethod.Post : HttpMethod.Delete, $"/api/reviews/{reviewId}/helpful", null);
}
