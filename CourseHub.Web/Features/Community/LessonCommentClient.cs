using CourseHub.Contracts.Community;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Community;

/// <summary>Comments under a lesson, for the course's students, its teacher and admins.</summary>
public sealed class LessonCommentClient(ApiCaller api)
{
    public Task<ApiResult<LessonComments>> ListAsync(Guid lessonId, int page) =>
        api.SendAsync<LessonComments>(HttpMethod.Get, $"/api/lessons/{lessonId}/comments?page={page}", null);

    public Task<ApiResult<LessonCommentItem>> PostAsync(Guid lessonId, string text, Guid? parentId) =>
        api.SendAsync<LessonCommentItem>(HttpMethod.Post, $"/api/lessons/{lessonId}/comments", new LessonCommentRequest(text, parentId));

    public Task<ApiResult<LessonCommentItem>> EditAsync(Guid lessonId, Guid commentId, string text) =>
        api.SendAsync<LessonCommentItem>(HttpMethod.Put, $"/api/lessons/{lessonId}/comments/{commentId}", new LessonCommentEditRequest(text));

    public Task<ApiResult<NoBody>> DeleteAsync(Guid lessonId, Guid commentId) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/lessons/{lessonId}/comments/{commentId}", null);
}
