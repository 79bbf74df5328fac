namespace CourseHub.Contracts.Blog;

/// <summary>
/// An admin writing or editing a post. <c>slug</c> is made from the title when left out; <c>status</c> draft, scheduled
/// (needs a future <c>publishAt</c>) or published (<c>publishAt</c> defaults to now); tags are lower-cased.
/// </summary>
public sealed record BlogPostRequest(
    string? Title,
    string? Slug,
    string? BodyMarkdown,
    string? Excerpt,
    string? CoverImageUrl,
    IReadOnlyList<string>? Tags,
    string? Status,
    DateTimeOffset? PublishAt);

public sealed record BlogAuthor(Guid Id, string DisplayName, string? AvatarUrl);

/// <summary>A post in a list: everything a card shows, no body.</summary>
public sealed record BlogPostSummary(
    Guid Id,
    string Slug,
    string Title,
    string Excerpt,
    string? CoverImageUrl,
    IReadOnlyList<string> Tags,
    string Status,
    DateTimeOffset? PublishAt,
    int ReadingMinutes,
    BlogAuthor Author,
    int CommentCount,
    DateTimeOffset UpdatedAt);

/// <summary>A post in full: the Markdown as written (for the editor) and as sanitized HTML (for readers).</summary>
public sealed record BlogPostDetails(
    Guid Id,
    string Slug,
    string Title,
    string Excerpt,
    string? CoverImageUrl,
    IReadOnlyList<string> Tags,
    string Status,
    DateTimeOffset? PublishAt,
    bool IsPublic,
    int ReadingMinutes,
    BlogAuthor Author,
    string BodyMarkdown,
    string BodyHtml,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A page of posts and the tags of every public post (for the filter), most used first.</summary>
public sealed record BlogPostPage(PagedResult<BlogPostSummary> Posts, IReadOnlyList<BlogTagCount> Tags);

public sealed record BlogTagCount(string Tag, int Count);

public sealed record BlogCommentRequest(string? Text);

/// <summary>
/// A comment on a post. <see cref="Held"/> while it waits for an admin (only its author and admins see it then);
/// <see cref="IsMine"/> for the signed-in reader, who may edit and delete it; <see cref="EditedAt"/> once edited.
/// </summary>
public sealed record BlogCommentItem(Guid Id, Guid PostId, BlogAuthor Author, string Text, DateTimeOffset CreatedAt, bool Held, bool IsMine,
    DateTimeOffset? EditedAt = null);

/// <summary>A post's comments, oldest first, and whether the reader may comment.</summary>
public sealed record BlogComments(IReadOnlyList<BlogCommentItem> Items, bool CanComment, bool HoldsFirstComments);

/// <summary>A held comment in the admin's queue, with the post it is on.</summary>
public sealed record HeldBlogComment(Guid Id, Guid PostId, string PostSlug, string PostTitle, BlogAuthor Author, string AuthorEmail, string Text,
    DateTimeOffset CreatedAt);

/// <summary>An image uploaded for a post's body or cover: the address to use in Markdown (<c>![alt](url)</c>) or as the cover.</summary>
public sealed record BlogImageResponse(string Url);
