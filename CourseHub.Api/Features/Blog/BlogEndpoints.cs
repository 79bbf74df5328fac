using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Blog;
using CourseHub.Domain;
using CourseHub.Domain.Blog;
using CourseHub.Domain.Identity;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Blog;

/// <summary>
/// The public blog: published posts (newest first, by tag, paged), one post by its slug, its comments and the images
/// of posts. Signed-in users comment; a first-time commenter's comment waits for an admin when
/// <see cref="BlogOptions.HoldFirstComments"/> is on.
/// </summary>
public static class BlogEndpoints
{
    public const int MaxPageSize = 50;

    public static IServiceCollection AddBlog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BlogOptions>().Bind(configuration.GetSection(BlogOptions.Section));
        return services.AddScoped<BlogReader>();
    }

    public static IEndpointRouteBuilder MapBlogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var blog = endpoints.MapGroup("/api/blog").WithTags("Blog");
        blog.MapGet("/posts", ListAsync).WithSummary("List published posts")
            .WithDescription("Published posts, newest first; `tag` narrows to one tag; `page`, `pageSize` (max 50). With the tags of all published posts.");
        blog.MapGet("/posts/{slug}", GetAsync).Refuses(404).WithSummary("Read a post")
            .WithDescription("A published post with its body as sanitized HTML. Drafts and scheduled posts before their time are 404, except for admins.");
        blog.MapGet("/posts/{slug}/comments", CommentsAsync).Refuses(404).WithSummary("A post's comments")
            .WithDescription("Approved comments, oldest first, and the reader's own held ones (admins see every held one).");
        blog.MapPost("/posts/{slug}/comments", CommentAsync).RequireAuthorization().Refuses(404).WithSummary("Comment on a post")
            .WithDescription("`text` (up to 4,000 characters). A first-time commenter's comment is held for approval when `Blog:HoldFirstComments` is on (`held`).");
        blog.MapPut("/comments/{id:guid}", EditCommentAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Edit your comment")
            .WithDescription("The author's new `text` (as for writing it); the comment is marked edited and keeps its approval. 403 `not-yours` for anyone else.");
        blog.MapDelete("/comments/{id:guid}", DeleteCommentAsync).RequireAuthorization().Refuses(403, 404).WithSummary("Delete your comment")
            .WithDescription("By its author (admins use `DELETE /api/admin/blog/comments/{id}`).");
        blog.MapGet("/images/{name}", ImageAsync).AllowAnonymous().Refuses(404)
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp").WithSummary("An image of a post")
            .WithDescription("An image uploaded for a post's body or cover (cacheable forever: a new upload has a new name).");
        return endpoints;
    }

    private static async Task<Results<Ok<BlogPostPage>, ValidationProblem>> ListAsync(string? tag, int? page, int? pageSize, BlogReader reader,
        CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        if (page is < 1)
        {
            errors.Add("page", "Pages are numbered from 1.");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Ask for 1 to {MaxPageSize} posts a page.");
        }
        if (tag is { Length: > BlogPost.MaxTagLength })
        {
            errors.Add("tag", $"Tags have up to {BlogPost.MaxTagLength} characters.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var posts = reader.PublicPosts();
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var wanted = tag.Trim().ToLowerInvariant();
            posts = posts.Where(p => p.Tags.Contains(wanted));
        }
        return TypedResults.Ok(new BlogPostPage(await reader.PageAsync(posts, page ?? 1, pageSize ?? 10, cancellationToken),
            await reader.PublicTagsAsync(cancellationToken)));
    }

    private static async Task<Ok<BlogPostDetails>> GetAsync(string slug, HttpContext context, BlogReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.DetailsAsync(await reader.RequireReadableAsync(slug, context.User, cancellationToken), cancellationToken));

    private static async Task<Ok<BlogComments>> CommentsAsync(string slug, HttpContext context, BlogReader reader, CancellationToken cancellationToken)
    {
        var post = await reader.RequireReadableAsync(slug, context.User, cancellationToken);
        return TypedResults.Ok(await reader.CommentsAsync(post, context.User, cancellationToken));
    }

    private static async Task<Results<Created<BlogCommentItem>, ValidationProblem>> CommentAsync(string slug, BlogCommentRequest request, HttpContext context,
        CourseHubDbContext db, BlogReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.Field("text", "Write a few words.");
        }
        if (text.Length > BlogComment.MaxTextLength)
        {
            return Problems.Field("text", $"Keep it to {BlogComment.MaxTextLength:N0} characters (this has {text.Length:N0}).");
        }
        var post = await reader.RequireReadableAsync(slug, context.User, cancellationToken);
        if (!reader.IsPublic(post))
        {
            // Admins may read a draft, but nobody discusses a post before it is out.
            throw BlogReader.NotFound();
        }
        var me = context.User.UserId()!.Value;
        var now = clock.GetUtcNow();
        // Held when the setting says so and nothing of this author's was approved yet; admins are never held.
        var held = reader.HoldsFirstComments && !context.User.IsInRole(Roles.Admin)
            && !await db.BlogComments.AnyAsync(c => c.AuthorId == me && c.ApprovedAt != null, cancellationToken);
        var comment = new BlogComment { Id = Guid.CreateVersion7(), PostId = post.Id, AuthorId = me, Text = text, CreatedAt = now, ApprovedAt = held ? null : now };
        db.BlogComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        var author = await db.Users.Where(u => u.Id == me).Select(u => new { u.DisplayName, u.AvatarBlobName }).SingleAsync(cancellationToken);
        return TypedResults.Created($"/api/blog/posts/{post.Slug}/comments", BlogReader.Item(comment, author.DisplayName, author.AvatarBlobName, me));
    }

    private static async Task<Results<Ok<BlogCommentItem>, ValidationProblem>> EditCommentAsync(Guid id, BlogCommentRequest request, HttpContext context,
        CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.Field("text", "Write a few words (or delete the comment).");
        }
        if (text.Length > BlogComment.MaxTextLength)
        {
            return Problems.Field("text", $"Keep it to {BlogComment.MaxTextLength:N0} characters (this has {text.Length:N0}).");
        }
        var me = context.User.UserId()!.Value;
        var comment = await OwnCommentAsync(db, id, me, cancellationToken);
        if (comment.Text != text)
        {
            comment.Text = text;
            comment.EditedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        var author = await db.Users.Where(u => u.Id == me).Select(u => new { u.DisplayName, u.AvatarBlobName }).SingleAsync(cancellationToken);
        return TypedResults.Ok(BlogReader.Item(comment, author.DisplayName, author.AvatarBlobName, me));
    }

    private static async Task<NoContent> DeleteCommentAsync(Guid id, HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        db.BlogComments.Remove(await OwnCommentAsync(db, id, context.User.UserId()!.Value, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The reader's own comment; a hidden one is out of its author's hands until an admin decides.</summary>
    private static async Task<BlogComment> OwnCommentAsync(CourseHubDbContext db, Guid id, Guid me, CancellationToken cancellationToken)
    {
        var comment = await db.BlogComments.SingleOrDefaultAsync(c => c.Id == id && c.HiddenAt == null, cancellationToken)
            ?? throw Refusal.NotFound("comment-not-found", "Comment not found", "There is no comment with this id.");
        return comment.AuthorId == me ? comment : throw Refusal.Forbidden("not-yours", "Not your comment", "Only its author edits or deletes a comment.");
    }

    private static async Task<Results<FileContentHttpResult, NotFoundProblem>> ImageAsync(string name, HttpContext context, BlobServiceClient blobs,
        CancellationToken cancellationToken)
    {
        if (!BlogImages.IsName(name))
        {
            return Problems.NotFound("No such image", "There is no image with this name.");
        }
        try
        {
            var download = await blobs.GetBlobContainerClient(BlogImages.Container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.File(download.Value.Content.ToArray(), download.Value.Details.ContentType);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problems.NotFound("No such image", "There is no image with this name.");
        }
    }
}
