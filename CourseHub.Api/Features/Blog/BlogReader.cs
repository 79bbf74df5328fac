using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Blog;
using CourseHub.Domain;
using CourseHub.Domain.Blog;
using CourseHub.Domain.Identity;
using Markdig;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Blog;

public sealed class BlogOptions
{
    public const string Section = "Blog";

    /// <summary>Hold a commenter's comments for an admin until one of theirs has been approved.</summary>
    public bool HoldFirstComments { get; set; } = true;
}

/// <summary>
/// Reads posts and comments as a given reader sees them. The one visibility rule lives here: a post is public when it is
/// not a draft and its publishing time has come (by <see cref="TimeProvider"/>), so a scheduled post appears at its time
/// on every replica without a job.
/// </summary>
public sealed class BlogReader(CourseHubDbContext db, TimeProvider clock, IOptions<BlogOptions> options)
{
    public const int WordsPerMinute = 200;

    public bool HoldsFirstComments => options.Value.HoldFirstComments;

    public IQueryable<BlogPost> PublicPosts()
    {
        var now = clock.GetUtcNow();
        return db.BlogPosts.AsNoTracking().Where(p => p.Status != BlogPostStatuses.Draft && p.PublishAt != null && p.PublishAt <= now);
    }

    public bool IsPublic(BlogPost post) => post.Status != BlogPostStatuses.Draft && post.PublishAt is { } at && at <= clock.GetUtcNow();

    /// <summary>What a reader is told the status is: a scheduled post whose time has come is published.</summary>
    public string EffectiveStatus(BlogPost post) => post.Status == BlogPostStatuses.Scheduled && IsPublic(post) ? BlogPostStatuses.Published : post.Status;

    public static int ReadingMinutes(string markdown)
    {
        var text = Markdown.ToPlainText(markdown);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
    }

    /// <summary>The post a reader may open: public, or any post for an admin; otherwise 404 (drafts do not exist to the public).</summary>
    public async Task<BlogPost> RequireReadableAsync(string slug, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var post = await db.BlogPosts.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (post is null || (!IsPublic(post) && !user.IsInRole(Roles.Admin)))
        {
            throw NotFound();
        }
        return post;
    }

    public static Refusal NotFound() => Refusal.NotFound("post-not-found", "Post not found", "There is no published post at this address.");

    public async Task<PagedResult<BlogPostSummary>> PageAsync(IQueryable<BlogPost> posts, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await posts.CountAsync(cancellationToken);
        var rows = await posts
            .OrderByDescending(p => p.PublishAt ?? p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                Post = p,
                Author = db.Users.Where(u => u.Id == p.AuthorId).Select(u => new { u.DisplayName, u.AvatarBlobName }).First(),
                Comments = db.BlogComments.Count(c => c.PostId == p.Id && c.ApprovedAt != null && c.HiddenAt == null),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new BlogPostSummary(r.Post.Id, r.Post.Slug, r.Post.Title, r.Post.Excerpt, r.Post.CoverImageUrl, r.Post.Tags,
            EffectiveStatus(r.Post), r.Post.PublishAt, r.Post.ReadingMinutes, new BlogAuthor(r.Post.AuthorId, r.Author.DisplayName,
                Avatars.Url(r.Post.AuthorId, r.Author.AvatarBlobName)), r.Comments, r.Post.UpdatedAt)).ToList();
        return new PagedResult<BlogPostSummary>(items, total, page, pageSize);
    }

    /// <summary>The tags of every public post, most used first.</summary>
    public async Task<IReadOnlyList<BlogTagCount>> PublicTagsAsync(CancellationToken cancellationToken)
    {
        var tags = await PublicPosts().Select(p => p.Tags).ToListAsync(cancellationToken);
        return tags.SelectMany(t => t).GroupBy(t => t).Select(g => new BlogTagCount(g.Key, g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal).ToList();
    }

    public async Task<BlogPostDetails> DetailsAsync(BlogPost post, CancellationToken cancellationToken)
    {
        var author = await db.Users.AsNoTracking().Where(u => u.Id == post.AuthorId).Select(u => new { u.DisplayName, u.AvatarBlobName })
            .SingleAsync(cancellationToken);
        return new BlogPostDetails(post.Id, post.Slug, post.Title, post.Excerpt, post.CoverImageUrl, post.Tags, EffectiveStatus(post), post.PublishAt,
            IsPublic(post), post.ReadingMinutes, new BlogAuthor(post.AuthorId, author.DisplayName, Avatars.Url(post.AuthorId, author.AvatarBlobName)),
            post.BodyMarkdown, SafeMarkdown.ToHtml(post.BodyMarkdown), post.CreatedAt, post.UpdatedAt);
    }

    /// <summary>
    /// A post's comments for this reader: approved and not hidden ones for everyone, plus the reader's own held ones;
    /// an admin sees the held ones of everybody (marked held), to approve them in place.
    /// </summary>
    public async Task<BlogComments> CommentsAsync(BlogPost post, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        var admin = user.IsInRole(Roles.Admin);
        var rows = await db.BlogComments.AsNoTracking()
            .Where(c => c.PostId == post.Id && c.HiddenAt == null && (c.ApprovedAt != null || admin || c.AuthorId == me))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new { Comment = c, u.DisplayName, u.AvatarBlobName })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => Item(r.Comment, r.DisplayName, r.AvatarBlobName, me)).ToList();
        return new BlogComments(items, me is not null, HoldsFirstComments);
    }

    public static BlogCommentItem Item(BlogComment comment, string authorName, string? avatarBlobName, Guid? reader) =>
        new(comment.Id, comment.PostId, new BlogAuthor(comment.AuthorId, authorName, Avatars.Url(comment.AuthorId, avatarBlobName)), comment.Text,
            comment.CreatedAt, comment.ApprovedAt is null, comment.AuthorId == reader, comment.EditedAt);

    /// <summary>The post's page in the Web.</summary>
    public static string Link(string slug) => $"/blog/{slug}";
}
