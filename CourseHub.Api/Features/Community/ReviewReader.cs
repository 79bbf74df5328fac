using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Community;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>The reviewed course as the review routes need it.</summary>
public sealed record ReviewedCourse(Guid Id, Guid TeacherId, string Title, string Slug);

/// <summary>Reads reviews as a given reader sees them (their votes, their own review).</summary>
public sealed class ReviewReader(CourseHubDbContext db)
{
    /// <summary>A published course by id or slug; anything else is 404, as for the course page.</summary>
    public async Task<ReviewedCourse> RequirePublishedAsync(string course, CancellationToken cancellationToken)
    {
        var courses = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published);
        courses = Guid.TryParse(course, out var id) ? courses.Where(c => c.Id == id) : courses.Where(c => c.Slug == course);
        return await courses.Select(c => new ReviewedCourse(c.Id, c.TeacherId, c.Title, c.Slug)).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound("course-not-found", "Course not found", "There is no published course with this id or slug.");
    }

    public async Task<CourseReviews> PageAsync(ReviewedCourse course, Guid? reader, string sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        var reviews = db.Reviews.AsNoTracking().Where(r => r.CourseId == course.Id && r.HiddenAt == null);
        var stars = await reviews.GroupBy(r => r.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var total = stars.Sum(s => s.Count);
        var byStar = Enumerable.Range(Review.MinRating, Review.MaxRating).Select(star => stars.FirstOrDefault(s => s.Rating == star)?.Count ?? 0).ToList();
        // Rounded as the course row stores it, so the summary and the catalog never disagree.
        var average = total == 0 ? 0m : Math.Round((decimal)stars.Sum(s => s.Rating * s.Count) / total, 1, MidpointRounding.AwayFromZero);

        var ordered = sort switch
        {
            ReviewSorts.Highest => reviews.OrderByDescending(r => r.Rating).ThenByDescending(r => r.CreatedAt),
            ReviewSorts.Lowest => reviews.OrderBy(r => r.Rating).ThenByDescending(r => r.CreatedAt),
            ReviewSorts.Helpful => reviews.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt),
            _ => reviews.OrderByDescending(r => r.CreatedAt),
        };
        var items = await ProjectAsync(ordered.ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize), reader, cancellationToken);

        CourseReview? mine = null;
        var canReview = false;
        if (reader is { } me)
        {
            // Their own review even when hidden, so they know it exists (and cannot write a second).
            mine = (await ProjectAsync(db.Reviews.AsNoTracking().Where(r => r.CourseId == course.Id && r.AuthorId == me), me, cancellationToken)).SingleOrDefault();
            canReview = mine is null && await db.Enrollments.AnyAsync(e => e.CourseId == course.Id && e.UserId == me && e.RevokedAt == null, cancellationToken);
        }
        return new CourseReviews(new RatingSummary(average, total, byStar), new PagedResult<CourseReview>(items, total, page, pageSize), mine,
            canReview, reader == course.TeacherId);
    }

    public async Task<CourseReview> OneAsync(Guid id, Guid? reader, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.Reviews.AsNoTracking().Where(r => r.Id == id), reader, cancellationToken)).Single();

    private async Task<List<CourseReview>> ProjectAsync(IQueryable<Review> reviews, Guid? reader, CancellationToken cancellationToken)
    {
        var rows = await reviews
            .Join(db.Users, r => r.AuthorId, u => u.Id, (r, u) => new { Review = r, u.DisplayName, u.AvatarBlobName })
            .Select(row => new
            {
                row.Review,
                row.DisplayName,
                row.AvatarBlobName,
                Voted = reader != null && db.ReviewHelpfulVotes.Any(v => v.ReviewId == row.Review.Id && v.UserId == reader),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(row => new CourseReview(row.Review.Id, row.Review.CourseId,
            new ReviewAuthor(row.Review.AuthorId, row.DisplayName, Avatars.Url(row.Review.AuthorId, row.AvatarBlobName)),
            row.Review.Rating, row.Review.Text, row.Review.CreatedAt, row.Review.EditedAt,
            row.Review.Reply is { } reply ? new ReviewReply(reply, row.Review.RepliedAt!.Value) : null,
            row.Review.HelpfulCount, row.Voted, row.Review.AuthorId == reader)).ToList();
    }
}
