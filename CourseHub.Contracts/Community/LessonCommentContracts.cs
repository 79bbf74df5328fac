namespace CourseHub.Contracts.Community;

/// <summary>A comment under a lesson, or with <c>parentId</c> a reply (a reply to a reply joins its top-level comment).</summary>
public sealed record LessonCommentRequest(string? Text, Guid? ParentId);

/// <summary>
/// A lesson comment. <see cref="ParentId"/> is null for a top-level comment, whose <see cref="Replies"/> come oldest first;
/// <see cref="Author"/>'s <c>IsInstructor</c> marks the course's teacher and admins. A <see cref="Deleted"/> comment is
/// the empty place of a deleted comment kept for its replies. <see cref="CanEdit"/> is the author's right,
/// <see cref="CanDelete"/> also the course's teacher's and admins'.
/// </summary>
public sealed record LessonCommentItem(Guid Id, Guid LessonId, Guid? ParentId, QuestionAuthor Author, string Text, DateTimeOffset CreatedAt,
    IReadOnlyList<LessonCommentItem> Replies, DateTimeOffset? EditedAt = null, bool Deleted = false, bool CanEdit = false, bool CanDelete = false);

/// <summary>A comment's new text.</summary>
public sealed record LessonCommentEditRequest(string? Text);

/// <summary>A page of a lesson's top-level comments (newest first, each with its replies) and whether the reader may comment.</summary>
public sealed record LessonComments(PagedResult<LessonCommentItem> Comments, bool CanComment);
