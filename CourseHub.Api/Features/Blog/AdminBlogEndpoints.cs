using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Blog;
using CourseHub.Domain;
using CourseHub.Domain.Blog;
using CourseHub.Domain.Notifications;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Api.Features.Blog;

/// <summary>
/// Admins write the blog: posts with draft, scheduled and published status, images for them, and the queue of
/// comments held for approval. Every change is audited (<c>blog.*</c>).
/// </summary>
public static class AdminBlogEndpoints
{
    public static IEndpointRouteBuilder MapAdminBlogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/blog").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("/posts", ListAsync).WithSummary("List every post")
            .WithDescription("Drafts, scheduled and published posts, newest first; `status` narrows to one; paged.");
        admin.MapGet("/posts/{id:guid}", GetAsync).Refuses(404).WithSummary("Read a post to edit it");
        admin.MapPost("/posts", CreateAsync).Refuses(409).WithSummary("Write a post")
            .WithDescription("`title`, `slug` (made from the title when left out; 409 `slug-taken` when used), `bodyMarkdown`, `excerpt`, `coverImageUrl`, `tags`, `status` draft|scheduled|published, `publishAt` (required and in the future for scheduled).");
        admin.MapPut("/posts/{id:guid}", UpdateAsync).Refuses(404, 409).WithSummary("Edit a post").WithDescription("The whole post, as for creating one.");
        admin.MapDelete("/posts/{id:guid}", DeleteAsync).Refuses(404).WithSummary("Delete a post").WithDescription("The post and its comments.");
        admin.MapPost("/images", UploadImageAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BlogImages.MaxBytes + 64 * 1024))
            .WithSummary("Upload an image for a post").WithDescription("A JPEG, PNG or WebP image of at most 5 MB (multipart field 'file', checked by content); returns the URL to use in Markdown or as the cover.");
        admin.MapGet("/comments", HeldCommentsAsync).WithSummary("Comments held for approval").WithDescription("Oldest first; paged.");
        admin.MapPost("/comments/{id:guid}/approve", ApproveAsync).Refuses(404).WithSummary("Approve a held comment")
            .WithDescription("Shows the comment to everyone; the author's later comments are not held. The author is notified.");
        admin.MapDelete("/comments/{id:guid}", DeleteCommentAsync).Refuses(404).WithSummary("Delete a comment").WithDescription("A held comment rejected, or any comment removed.");
        return endpoints;
    }

    private static async Task<Ok<PagedResult<BlogPostSummary>>> ListAsync(string? status, int? page, int? pageSize, CourseHubDbContext db, BlogReader reader,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var posts = db.BlogPosts.AsNoTracking();
        var now = clock.GetUtcNow();
        posts = status?.Trim().ToLowerInvariant() switch
        {
            BlogPostStatuses.Draft => posts.Where(p => p.Status == BlogPostStatuses.Draft),
            BlogPostStatuses.Scheduled => posts.Where(p => p.Status == BlogPostStatuses.Scheduled && p.PublishAt > now),
            BlogPostStatuses.Published => posts.Where(p => p.Status != BlogPostStatuses.Draft && p.PublishAt <= now),
            _ => posts,
        };
        return TypedResults.Ok(await reader.PageAsync(posts, number, size, cancellationToken));
    }

    private static async Task<Ok<BlogPostDetails>> GetAsync(Guid id, CourseHubDbContext db, BlogReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.DetailsAsync(await RequirePostAsync(db, id, cancellationToken), cancellationToken));

    private static async Task<Results<Created<BlogPostDetails>, ValidationProblem>> CreateAsync(BlogPostRequest request, HttpContext context,
        CourseHubDbContext db, BlogReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var post = new BlogPost
        {
            Id = Guid.CreateVersion7(), Title = "", Slug = "", BodyMarkdown = "", Status = BlogPostStatuses.Draft,
            AuthorId = context.User.UserId()!.Value, CreatedAt = now,
        };
        if (Apply(request, post, now) is { Any: true } errors)
        {
            return errors.ToProblem();
        }
        db.BlogPosts.Add(post);
        db.Record(clock, context.User, "blog.post-created", $"{post.Slug} ({post.Status})");
        await SaveAsync(db, post, cancellationToken);
        return TypedResults.Created($"/api/admin/blog/posts/{post.Id}", await reader.DetailsAsync(post, cancellationToken));
    }

    private static async Task<Results<Ok<BlogPostDetails>, ValidationProblem>> UpdateAsync(Guid id, BlogPostRequest request, HttpContext context,
        CourseHubDbContext db, BlogReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var post = await db.BlogPosts.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw PostNotFound();
        if (Apply(request, post, clock.GetUtcNow()) is { Any: true } errors)
        {
            return errors.ToProblem();
        }
        db.Record(clock, context.User, "blog.post-updated", $"{post.Slug} ({post.Status})");
        await SaveAsync(db, post, cancellationToken);
        return TypedResults.Ok(await reader.DetailsAsync(post, cancellationToken));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, HttpContext context, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var post = await RequirePostAsync(db, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BlogPosts.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        db.Record(clock, context.User, "blog.post-deleted", post.Slug);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Validates the request and copies it onto the post; the slug, status and publishing time follow the rules of the route's description.</summary>
    private static Problems.Errors Apply(BlogPostRequest request, BlogPost post, DateTimeOffset now)
    {
        var errors = new Problems.Errors();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("title", "Give the post a title.");
        }
        else if (title.Length > BlogPost.MaxTitleLength)
        {
            errors.Add("title", $"Keep the title to {BlogPost.MaxTitleLength} characters (this one has {title.Length}).");
        }
        var slug = string.IsNullOrWhiteSpace(request.Slug) ? Slugs.FromTitle(title ?? "") : request.Slug.Trim();
        if (string.IsNullOrWhiteSpace(request.Slug) && title is { Length: > 0 } && slug.Length == 0)
        {
            errors.Add("slug", "The title has no letters a web address can use: choose a slug.");
        }
        else if (slug.Length > 0 && (slug.Length > BlogPost.MaxSlugLength || slug != Slugs.FromTitle(slug)))
        {
            errors.Add("slug", $"Use lower-case letters, digits and single hyphens, up to {BlogPost.MaxSlugLength} characters.");
        }
        var body = request.BodyMarkdown?.Trim() ?? "";
        if (body.Length > BlogPost.MaxBodyLength)
        {
            errors.Add("bodyMarkdown", $"Keep the article to {BlogPost.MaxBodyLength:N0} characters (this has {body.Length:N0}).");
        }
        var excerpt = request.Excerpt?.Trim() ?? "";
        if (excerpt.Length > BlogPost.MaxExcerptLength)
        {
            errors.Add("excerpt", $"Keep the excerpt to {BlogPost.MaxExcerptLength} characters (this one has {excerpt.Length}).");
        }
        var cover = string.IsNullOrWhiteSpace(request.CoverImageUrl) ? null : request.CoverImageUrl.Trim();
        if (cover is not null && !IsImageAddress(cover))
        {
            errors.Add("coverImageUrl", "Use an http(s) address or a path on this site (such as an uploaded image's /media/blog/… address).");
        }
        var tags = (request.Tags ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (tags.Count > BlogPost.MaxTags)
        {
            errors.Add("tags", $"Use up to {BlogPost.MaxTags} tags.");
        }
        if (tags.FirstOrDefault(t => t.Length > BlogPost.MaxTagLength) is { } longTag)
        {
            errors.Add("tags", $"“{longTag}” is longer than {BlogPost.MaxTagLength} characters.");
        }
        var status = request.Status?.Trim().ToLowerInvariant();
        DateTimeOffset? publishAt = null;
        if (status is null || !BlogPostStatuses.All.Contains(status))
        {
            errors.Add("status", $"Use {string.Join(", ", BlogPostStatuses.All)}.");
        }
        else if (status == BlogPostStatuses.Scheduled)
        {
            if (request.PublishAt is not { } at)
            {
                errors.Add("publishAt", "Say when the post goes out.");
            }
            else if (at <= now)
            {
                errors.Add("publishAt", "Pick a time in the future, or publish the post now.");
            }
            publishAt = request.PublishAt;
        }
        else if (status == BlogPostStatuses.Published)
        {
            if (request.PublishAt is { } at && at > now)
            {
                errors.Add("publishAt", "A time in the future schedules the post: use the status scheduled.");
            }
            // Editing a published post keeps its date; publishing a draft dates it now (or when the admin says it was).
            publishAt = request.PublishAt ?? (post.Status != BlogPostStatuses.Draft && post.PublishAt is { } was && was <= now ? was : now);
        }
        if (status is BlogPostStatuses.Scheduled or BlogPostStatuses.Published && body.Length == 0)
        {
            errors.Add("bodyMarkdown", "Write the article before it goes out.");
        }
        if (errors.Any)
        {
            return errors;
        }
        post.Title = title!;
        post.Slug = slug;
        post.BodyMarkdown = body;
        post.Excerpt = excerpt;
        post.CoverImageUrl = cover;
        post.Tags = tags;
        post.Status = status!;
        post.PublishAt = publishAt;
        post.ReadingMinutes = BlogReader.ReadingMinutes(body);
        post.UpdatedAt = now;
        return errors;
    }

    private static bool IsImageAddress(string value) =>
        value.Length <= BlogPost.MaxUrlLength
        && ((value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)));

    /// <summary>Saves the post; the unique slug index turns a slug taken meanwhile into the same 409 as one taken before.</summary>
    private static async Task SaveAsync(CourseHubDbContext db, BlogPost post, CancellationToken cancellationToken)
    {
        if (await db.BlogPosts.AnyAsync(p => p.Slug == post.Slug && p.Id != post.Id, cancellationToken))
        {
            throw SlugTaken(post.Slug);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw SlugTaken(post.Slug);
        }
    }

    private static Refusal SlugTaken(string slug) =>
        Refusal.Conflict("slug-taken", "That address is taken", $"Another post is at /blog/{slug}: choose another slug.");

    private static Refusal PostNotFound() => Refusal.NotFound("post-not-found", "Post not found", "There is no post with this id.");

    private static async Task<BlogPost> RequirePostAsync(CourseHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.BlogPosts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw PostNotFound();

    private static async Task<Results<Ok<BlogImageResponse>, ValidationProblem>> UploadImageAsync(HttpContext context, BlobServiceClient blobs,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Problems.Field("file", "Send the image as multipart/form-data in a field named 'file'.");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            return Problems.Field("file", "Choose an image to upload.");
        }
        if (file.Length > BlogImages.MaxBytes)
        {
            return Problems.Field("file", "The image is larger than 5 MB.");
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        if (ImageSniffer.Detect(content) is not { } contentType)
        {
            return Problems.Field("file", "Only JPEG, PNG or WebP images are accepted (checked by content, not by file name).");
        }
        var container = blobs.GetBlobContainerClient(BlogImages.Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        var name = BlogImages.NewName(contentType);
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return TypedResults.Ok(new BlogImageResponse(BlogImages.Url(name)));
    }

    private static async Task<Ok<PagedResult<HeldBlogComment>>> HeldCommentsAsync(int? page, int? pageSize, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var held = db.BlogComments.AsNoTracking().Where(c => c.ApprovedAt == null);
        var total = await held.CountAsync(cancellationToken);
        var rows = await held.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Skip((number - 1) * size).Take(size)
            .Join(db.BlogPosts, c => c.PostId, p => p.Id, (c, p) => new { Comment = c, p.Slug, p.Title })
            .Join(db.Users, r => r.Comment.AuthorId, u => u.Id, (r, u) => new { r.Comment, r.Slug, r.Title, u.DisplayName, u.AvatarBlobName, u.Email })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new HeldBlogComment(r.Comment.Id, r.Comment.PostId, r.Slug, r.Title,
            new BlogAuthor(r.Comment.AuthorId, r.DisplayName, Avatars.Url(r.Comment.AuthorId, r.AvatarBlobName)), r.Email ?? "", r.Comment.Text,
            r.Comment.CreatedAt)).ToList();
        return TypedResults.Ok(new PagedResult<HeldBlogComment>(items, total, number, size));
    }

    private static async Task<Ok<BlogCommentItem>> ApproveAsync(Guid id, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var comment = await db.BlogComments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw CommentNotFound();
        if (comment.ApprovedAt is null)
        {
            comment.ApprovedAt = clock.GetUtcNow();
            var post = await db.BlogPosts.AsNoTracking().SingleAsync(p => p.Id == comment.PostId, cancellationToken);
            db.Notify(comment.AuthorId, NotificationKinds.BlogCommentApproved, "Your comment is published",
                $"Your comment on “{post.Title}” is visible to everyone now.", BlogReader.Link(post.Slug), clock);
            db.Record(clock, context.User, "blog.comment-approved", $"{comment.Id} on {post.Slug}");
            await db.SaveChangesAsync(cancellationToken);
        }
        var author = await db.Users.Where(u => u.Id == comment.AuthorId).Select(u => new { u.DisplayName, u.AvatarBlobName }).SingleAsync(cancellationToken);
        return TypedResults.Ok(BlogReader.Item(comment, author.DisplayName, author.AvatarBlobName, context.User.UserId()));
    }

    private static async Task<NoContent> DeleteCommentAsync(Guid id, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var comment = await db.BlogComments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw CommentNotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BlogComments.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        db.Record(clock, context.User, comment.ApprovedAt is null ? "blog.comment-rejected" : "blog.comment-deleted", $"{id} on post {comment.PostId}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Refusal CommentNotFound() => Refusal.NotFound("comment-not-found", "Comment not found", "There is no blog comment with this id.");
}
