using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Community;
using CourseHub.Domain.Notifications;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Community;
using CourseHub.Domain.Identity;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>
/// Course reviews: anyone reads a published course's reviews; an enrolled student writes one (and edits or deletes it),
/// the course's teacher replies once, signed-in readers mark reviews helpful. Every change recounts the course's rating
/// in its own transaction and moves the catalog to a new version, so catalog, course page and rating sort follow at once.
/// </summary>
public static class ReviewEndpoints
{
    public const int MaxPageSize = 50;

    public static IServiceCollection AddReviews(this IServiceCollection services) => services.AddScoped<ReviewReader>();

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var course = endpoints.MapGroup("/api/courses/{course}/reviews").WithTags("Reviews");
        course.MapGet("", ListAsync).Refuses(404).WithSummary("Read a course's reviews")
            .WithDescription("A published course's reviews (the course by id or slug), `sort` newest (default), highest, lowest or helpful; `page`, `pageSize` (max 50). With the rating summary, the reader's own review and whether the reader may review or reply.");
        course.MapPost("", CreateAsync).RequireAuthorization().Refuses(403, 404, 409).WithSummary("Review a course")
            .WithDescription("One review per enrolled student and course: `rating` 1–5 and `text`. 403 `review-not-enrolled` for anyone not enrolled, 409 `review-exists` for a second review.");

        var review = endpoints.MapGroup("/api/reviews/{id:guid}").WithTags("Reviews").RequireAuthorization();
        review.MapPut("", UpdateAsync).Refuses(403, 404).WithSummary("Edit my review").WithDescription("The author changes the stars and text.");
        review.MapDelete("", DeleteAsync).Refuses(403, 404).WithSummary("Delete a review").WithDescription("The author or an admin deletes the review.");
        review.MapPost("/reply", ReplyAsync).Refuses(403, 404, 409).WithSummary("Reply to a review")
            .WithDescription("The course's teacher replies once (409 `reply-exists` after that).");
        review.MapPost("/helpful", VoteAsync).Refuses(403, 404).WithSummary("Mark a review helpful")
            .WithDescription("Counts once per reader (repeating it changes nothing); not for one's own review.");
        review.MapDelete("/helpful", UnvoteAsync).Refuses(404).WithSummary("Withdraw a helpful mark");
        return endpoints;
    }

    private static async Task<Results<Ok<CourseReviews>, ValidationProblem>> ListAsync(string course, string? sort, int? page, int? pageSize,
        HttpContext context, ReviewReader reader, CancellationToken cancellationToken)
    {
        var errors = new Problems.Errors();
        var order = (sort ?? ReviewSorts.Newest).Trim().ToLowerInvariant();
        if (!ReviewSorts.All.Contains(order))
        {
            errors.Add("sort", $"Use {string.Join(", ", ReviewSorts.All)}.");
        }
        if (page is < 1)
        {
            errors.Add("page", "Pages are numbered from 1.");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Ask for 1 to {MaxPageSize} reviews a page.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var target = await reader.RequirePublishedAsync(course, cancellationToken);
        return TypedResults.Ok(await reader.PageAsync(target, context.User.UserId(), order, page ?? 1, pageSize ?? 10, cancellationToken));
    }

    private static async Task<Results<Created<CourseReview>, ValidationProblem>> CreateAsync(string course, ReviewRequest request, HttpContext context,
        CourseHubDbContext db, ReviewReader reader, CatalogVersion catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } problem)
        {
            return problem;
        }
        var target = await reader.RequirePublishedAsync(course, cancellationToken);
        var me = context.User.UserId()!.Value;
        if (!await db.Enrollments.AnyAsync(e => e.CourseId == target.Id && e.UserId == me && e.RevokedAt == null, cancellationToken))
        {
            throw Refusal.Forbidden("review-not-enrolled", "Only enrolled students review",
                "Enroll in the course to review it; students who were refunded cannot review.");
        }
        var review = new Review
        {
            Id = Guid.CreateVersion7(),
            CourseId = target.Id,
            AuthorId = me,
            Rating = request.Rating!.Value,
            Text = request.Text!.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockCourseAsync(target.Id, cancellationToken);
            // Under the course's lock, so a second review by the same student (another tab) waits and sees the first.
            if (await db.Reviews.AnyAsync(r => r.CourseId == target.Id && r.AuthorId == me, cancellationToken))
            {
                throw Refusal.Conflict("review-exists", "You have reviewed this course", "Edit or delete your review instead.");
            }
            db.Reviews.Add(review);
            var author = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            db.Notify(target.TeacherId, NotificationKinds.ReviewReceived, "New review",
                $"{author} gave “{target.Title}” {review.Rating} star{(review.Rating == 1 ? "" : "s")}.", $"/courses/{target.Slug}#reviews", clock);
            await db.SaveChangesAsync(cancellationToken);
            await db.RecountRatingAsync(target.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await catalog.InvalidateAsync();
        return TypedResults.Created($"/api/reviews/{review.Id}", await reader.OneAsync(review.Id, me, cancellationToken));
    }

    private static async Task<Results<Ok<CourseReview>, ValidationProblem>> UpdateAsync(Guid id, ReviewRequest request, HttpContext context,
        CourseHubDbContext db, ReviewReader reader, CatalogVersion catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } problem)
        {
            return problem;
        }
        var me = context.User.UserId()!.Value;
        var review = await RequireAsync(db, id, cancellationToken);
        if (review.AuthorId != me)
        {
            throw Refusal.Forbidden("not-your-review", "Not your review", "Only its author can edit a review.");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockCourseAsync(review.CourseId, cancellationToken);
            review.Rating = request.Rating!.Value;
            review.Text = request.Text!.Trim();
            review.EditedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await db.RecountRatingAsync(review.CourseId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await catalog.InvalidateAsync();
        return TypedResults.Ok(await reader.OneAsync(id, me, cancellationToken));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, HttpContext context, CourseHubDbContext db, CatalogVersion catalog, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var review = await RequireAsync(db, id, cancellationToken);
        var byAdmin = review.AuthorId != me;
        if (byAdmin && !context.User.IsInRole(Roles.Admin))
        {
            throw Refusal.Forbidden("not-your-review", "Not your review", "Only its author or an admin can delete a review.");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.LockCourseAsync(review.CourseId, cancellationToken);
            db.Reviews.Remove(review);
            if (byAdmin)
            {
                db.Record(clock, context.User, "review.deleted", $"review {review.Id} of course {review.CourseId} by user {review.AuthorId}");
            }
            await db.SaveChangesAsync(cancellationToken);
            await db.RecountRatingAsync(review.CourseId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await catalog.InvalidateAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CourseReview>, ValidationProblem>> ReplyAsync(Guid id, ReviewReplyRequest request, HttpContext context,
        CourseHubDbContext db, ReviewReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.Field("text", "Write your reply.");
        }
        if (text.Length > Review.MaxReplyLength)
        {
            return Problems.Field("text", $"Keep the reply to {Review.MaxReplyLength} characters (this one has {text.Length}).");
        }
        var me = context.User.UserId()!.Value;
        var review = await RequireAsync(db, id, cancellationToken);
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == review.CourseId).Select(c => new { c.TeacherId, c.Title, c.Slug })
            .SingleAsync(cancellationToken);
        if (course.TeacherId != me)
        {
            throw Refusal.Forbidden("not-the-teacher", "Only the course's teacher replies", "Replies to reviews are the course teacher's.");
        }
        // One reply: the update only applies while there is none, so two replies at once cannot both land.
        var replied = await db.Reviews.Where(r => r.Id == id && r.Reply == null)
            .ExecuteUpdateAsync(update => update.SetProperty(r => r.Reply, text).SetProperty(r => r.RepliedAt, clock.GetUtcNow()), cancellationToken);
        if (replied == 0)
        {
            throw Refusal.Conflict("reply-exists", "You have replied to this review", "A review gets one reply from the teacher.");
        }
        db.Notify(review.AuthorId, NotificationKinds.ReviewReplied, "Your review has a reply",
            $"The teacher of “{course.Title}” replied to your review.", $"/courses/{course.Slug}#reviews", clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await reader.OneAsync(id, me, cancellationToken));
    }

    private static async Task<Ok<HelpfulVote>> VoteAsync(Guid id, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var review = await RequireAsync(db, id, cancellationToken);
        if (review.AuthorId == me)
        {
            throw Refusal.Forbidden("own-review", "Not for your own review", "Other readers judge whether your review helps.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO review_helpful_votes (review_id, user_id, created_at) VALUES ({id}, {me}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(update => update.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + added), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await VoteStateAsync(db, id, me, cancellationToken));
    }

    private static async Task<Ok<HelpfulVote>> UnvoteAsync(Guid id, HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        await RequireAsync(db, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.ReviewHelpfulVotes.Where(v => v.ReviewId == id && v.UserId == me).ExecuteDeleteAsync(cancellationToken);
        await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(update => update.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount - removed), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await VoteStateAsync(db, id, me, cancellationToken));
    }

    private static async Task<HelpfulVote> VoteStateAsync(CourseHubDbContext db, Guid id, Guid me, CancellationToken cancellationToken)
    {
        var count = await db.Reviews.AsNoTracking().Where(r => r.Id == id).Select(r => r.HelpfulCount).SingleAsync(cancellationToken);
        var voted = await db.ReviewHelpfulVotes.AnyAsync(v => v.ReviewId == id && v.UserId == me, cancellationToken);
        return new HelpfulVote(id, count, voted);
    }

    private static async Task<Review> RequireAsync(CourseHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw Refusal.NotFound("review-not-found", "Review not found", "There is no review with this id.");

    private static ValidationProblem? Validate(ReviewRequest request)
    {
        var errors = new Problems.Errors();
        if (request.Rating is not { } rating)
        {
            errors.Add("rating", $"Give {Review.MinRating} to {Review.MaxRating} stars.");
        }
        else if (rating is < Review.MinRating or > Review.MaxRating)
        {
            errors.Add("rating", $"A rating is {Review.MinRating} to {Review.MaxRating} stars; {rating} is not.");
        }
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("text", "Say in a few words what you thought of the course.");
        }
        else if (text.Length > Review.MaxTextLength)
        {
            errors.Add("text", $"Keep the review to {Review.MaxTextLength} characters (this one has {text.Length}).");
        }
        return errors.Any ? errors.ToProblem() : null;
    }
}
