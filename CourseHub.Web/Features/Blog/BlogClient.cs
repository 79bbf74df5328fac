using CourseHub.Contracts;
using CourseHub.Contracts.Blog;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Blog;

/// <summary>The blog: published posts and their comments for everyone, writing and approving for admins.</summary>
public sealed class BlogClient(ApiCaller api)
{
    public const int PageSize = 9;

    public Task<ApiResult<BlogPostPage>> ListAsync(string? tag, int page) =>
        api.SendAsync<BlogPostPage>(HttpMethod.Get,
            $"/api/blog/posts?page={page}&pageSize={PageSize}" + (string.IsNullOrWhiteSpace(tag) ? "" : $"&tag={Uri.EscapeDataString(tag)}"), null,
            authenticated: false);

    /// <summary>Signed in, an admin also reads drafts and scheduled posts (the preview of the editor).</summary>
    public Task<ApiResult<BlogPostDetails>> GetAsync(string slug, bool signedIn) =>
        api.SendAsync<BlogPostDetails>(HttpMethod.Get, $"/api/blog/posts/{Uri.EscapeDataString(slug)}", null, authenticated: signedIn);

    public Task<ApiResult<BlogComments>> CommentsAsync(string slug, bool signedIn) =>
        api.SendAsync<BlogComments>(HttpMethod.Get, $"/api/blog/posts/{Uri.EscapeDataString(slug)}/comments", null, authenticated: signedIn);

    public Task<ApiResult<BlogCommentItem>> CommentAsync(string slug, string text) =>
        api.SendAsync<BlogCommentItem>(HttpMethod.Post, $"/api/blog/posts/{Uri.EscapeDataString(slug)}/comments", new BlogCommentRequest(text));

    public Task<ApiResult<BlogCommentItem>> EditCommentAsync(Guid commentId, string text) =>
        api.SendAsync<BlogCommentItem>(HttpMethod.Put, $"/api/blog/comments/{commentId}", new BlogCommentRequest(text));

    public Task<ApiResult<NoBody>> DeleteOwnCommentAsync(Guid commentId) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/blog/comments/{commentId}", null);

    public Task<ApiResult<PagedResult<BlogPostSummary>>> AdminListAsync(string? status, int page) =>
        api.SendAsync<PagedResult<BlogPostSummary>>(HttpMethod.Get,
            $"/api/admin/blog/posts?page={page}&pageSize={Paging.DefaultPageSize}" + (string.IsNullOrEmpty(status) ? "" : $"&status={Uri.EscapeDataString(status)}"), null);

    public Task<ApiResult<BlogPostDetails>> AdminGetAsync(Guid id) =>
        api.SendAsync<BlogPostDetails>(HttpMethod.Get, $"/api/admin/blog/posts/{id}", null);

    public Task<ApiResult<BlogPostDetails>> CreateAsync(BlogPostRequest request) =>
        api.SendAsync<BlogPostDetails>(HttpMethod.Post, "/api/admin/blog/posts", request);

    public Task<ApiResult<BlogPostDetails>> UpdateAsync(Guid id, BlogPostRequest request) =>
        api.SendAsync<BlogPostDetails>(HttpMethod.Put, $"/api/admin/blog/posts/{id}", request);

    public Task<ApiResult<NoBody>> DeleteAsync(Guid id) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/admin/blog/posts/{id}", null);

    public Task<ApiResult<BlogImageResponse>> UploadImageAsync(FileUpload file, CancellationToken cancellationToken) =>
        api.UploadAsync<BlogImageResponse>(HttpMethod.Post, "/api/admin/blog/images", file, null, null, cancellationToken);

    public Task<ApiResult<PagedResult<HeldBlogComment>>> HeldCommentsAsync(int page) =>
        api.SendAsync<PagedResult<HeldBlogComment>>(HttpMethod.Get, $"/api/admin/blog/comments?page={page}&pageSize={Paging.DefaultPageSize}", null);

    public Task<ApiResult<BlogCommentItem>> ApproveAsync(Guid commentId) =>
        api.SendAsync<BlogCommentItem>(HttpMethod.Post, $"/api/admin/blog/comments/{commentId}/approve", null);

    public Task<ApiResult<NoBody>> DeleteCommentAsync(Guid commentId) =>
        api.SendAsync<NoBody>(HttpMethod.Delete, $"/api/admin/blog/comments/{commentId}", null);

    /// <summary>Markdown as readers will see it (the studio's preview route renders it the same way the blog does).</summary>
    public async Task<string?> PreviewAsync(string markdown)
    {
        var result = await api.SendAsync<CourseHub.Contracts.Teaching.MarkdownPreview>(HttpMethod.Post, "/api/teach/courses/markdown/preview",
            new CourseHub.Contracts.Teaching.MarkdownRequest(markdown));
        return result.Value?.Html;
    }
}
