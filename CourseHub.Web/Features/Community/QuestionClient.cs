using CourseHub.Contracts.Community;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Community;

/// <summary>A course's Q&amp;A: read by anyone (with the reader's upvotes when signed in), written by the course's participants.</summary>
public sealed class QuestionClient(ApiCaller api)
{
    public const int PageSize = 20;

    public Task<ApiResult<CourseQuestions>> ListAsync(string courseSlug, string? search, string sort, int page, bool signedIn) =>
        api.SendAsync<CourseQuestions>(HttpMethod.Get,
            $"/api/courses/{Uri.EscapeDataString(courseSlug)}/questions?sort={Uri.EscapeDataString(sort)}&page={page}&pageSize={PageSize}"
            + (string.IsNullOrWhiteSpace(search) ? "" : $"&q={Uri.EscapeDataString(search)}"), null, authenticated: signedIn);

    public Task<ApiResult<QuestionDetails>> GetAsync(Guid id, bool signedIn) =>
        api.SendAsync<QuestionDetails>(HttpMethod.Get, $"/api/questions/{id}", null, authenticated: signedIn);

    public Task<ApiResult<QuestionDetails>> AskAsync(string courseSlug, string title, string body) =>
        api.SendAsync<QuestionDetails>(HttpMethod.Post, $"/api/courses/{Uri.EscapeDataString(courseSlug)}/questions", new AskQuestionRequest(title, body, null));

    public Task<ApiResult<QuestionReplyItem>> ReplyAsync(Guid id, string body) =>
        api.SendAsync<QuestionReplyItem>(HttpMethod.Post, $"/api/questions/{id}/replies", new QuestionReplyRequest(body));

    public Task<ApiResult<QuestionDetails>> AcceptAsync(Guid id, Guid replyId) =>
        api.SendAsync<QuestionDetails>(HttpMethod.Post, $"/api/questions/{id}/accept", new AcceptReplyRequest(replyId));

    public Task<ApiResult<QuestionVote>> SetUpvoteAsync(Guid id, bool upvote) =>
        api.SendAsync<QuestionVote>(upvote ? HttpMethod.Post : HttpMethod.Delete, $"/api/questions/{id}/upvote", null);
}
