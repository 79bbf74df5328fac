namespace CourseHub.Contracts.Community;

/// <summary>Asking a question in a course's Q&amp;A, optionally about one of its lessons.</summary>
public sealed record AskQuestionRequest(string? Title, string? BodyMarkdown, Guid? LessonId);

public sealed record QuestionReplyRequest(string? BodyMarkdown);

public sealed record AcceptReplyRequest(Guid? ReplyId);

/// <summary>Who wrote a question or reply; <see cref="IsInstructor"/> for the course's teacher and admins (shown with a badge).</summary>
public sealed record QuestionAuthor(Guid Id, string DisplayName, string? AvatarUrl, bool IsInstructor);

/// <summary>A question in the course's list.</summary>
public sealed record QuestionSummary(
    Guid Id,
    Guid CourseId,
    Guid? LessonId,
    string? LessonTitle,
    string Title,
    QuestionAuthor Author,
    DateTimeOffset CreatedAt,
    int UpvoteCount,
    int ReplyCount,
    Guid? AcceptedReplyId,
    bool Upvoted);

public sealed record QuestionReplyItem(Guid Id, Guid QuestionId, QuestionAuthor Author, string BodyMarkdown, string BodyHtml, DateTimeOffset CreatedAt,
    bool IsInstructor, bool IsAccepted);

/// <summary>A question with its replies (oldest first, the accepted one marked), and what the reader may do with it.</summary>
public sealed record QuestionDetails(
    Guid Id,
    Guid CourseId,
    string CourseSlug,
    string CourseTitle,
    Guid? LessonId,
    string? LessonTitle,
    string Title,
    string BodyMarkdown,
    string BodyHtml,
    QuestionAuthor Author,
    DateTimeOffset CreatedAt,
    int UpvoteCount,
    bool Upvoted,
    Guid? AcceptedReplyId,
    IReadOnlyList<QuestionReplyItem> Replies,
    bool CanReply,
    bool CanAccept);

/// <summary>A page of a course's questions and whether the reader may ask (enrolled students, the teacher, admins).</summary>
public sealed record CourseQuestions(PagedResult<QuestionSummary> Questions, bool CanAsk, Guid CourseId, string CourseSlug, string CourseTitle);

/// <summary>The upvote count after an upvote or its withdrawal.</summary>
public sealed record QuestionVote(Guid QuestionId, int UpvoteCount, bool Upvoted);

public static class QuestionSorts
{
    public const string Newest = "newest";
    public const string Votes = "votes";
    public const string Unanswered = "unanswered";

    public static readonly IReadOnlyList<string> All = [Newest, Votes, Unanswered];
}
