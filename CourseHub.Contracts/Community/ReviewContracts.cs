namespace CourseHub.Contracts.Community;

/// <summary>Writing or editing one's review: 1–5 stars and text.</summary>
public sealed record ReviewRequest(int? Rating, string? Text);

/// <summary>The course teacher's one reply to a review.</summary>
public sealed record ReviewReplyRequest(string? Text);

public sealed record ReviewAuthor(Guid Id, string DisplayName, string? AvatarUrl);

public sealed record ReviewReply(string Text, DateTimeOffset RepliedAt);

/// <summary>
/// A review as readers see it. <see cref="VotedHelpful"/> and <see cref="IsMine"/> are about the signed-in reader (false
/// for visitors).
/// </summary>
public sealed record CourseReview(
    Guid Id,
    Guid CourseId,
    ReviewAuthor Author,
    int Rating,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    ReviewReply? Reply,
    int HelpfulCount,
    bool VotedHelpful,
    bool IsMine);

/// <summary>A course's rating: the average to one decimal, how many reviews, and how many gave each star (index 0 = 1 star).</summary>
public sealed record RatingSummary(decimal Average, int Count, IReadOnlyList<int> Stars);

/// <summary>
/// A page of a course's reviews with the rating summary, the reader's own review (wherever it sorts) and what the
/// reader may do: <see cref="CanReview"/> for an enrolled student without a review, <see cref="CanReply"/> for the teacher.
/// </summary>
public sealed record CourseReviews(RatingSummary Summary, PagedResult<CourseReview> Reviews, CourseReview? Mine, bool CanReview, bool CanReply);

/// <summary>The helpful count after a vote or its withdrawal.</summary>
public sealed record HelpfulVote(Guid ReviewId, int HelpfulCount, bool VotedHelpful);

public static class ReviewSorts
{
    public const string Newest = "newest";
    public const string Highest = "highest";
    public const string Lowest = "lowest";
    public const string Helpful = "helpful";

    public static readonly IReadOnlyList<string> All = [Newest, Highest, Lowest, Helpful];
}
