using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Admin;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Community;

/// <summary>Every review of every course, for admins (hidden ones too), to read, filter and export.</summary>
public static class AdminReviewEndpoints
{
    public static IEndpointRouteBuilder MapAdminReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/reviews", ListAsync).WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy)
            .WithSummary("List all reviews")
            .WithDescription("Newest first; `q` (course title, author email or text), `rating` (1–5), `hidden` (true/false), `courseId`; paged; `format=csv` streams every match as CSV.");
        return endpoints;
    }

    private static async Task<Results<Ok<PagedResult<AdminReview>>, CsvFile, ValidationProblem>> ListAsync(string? q, string? rating, string? hidden, Guid? courseId,
        int? page, int? pageSize, string? format, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var errors = new Dictionary<string, List<string>>();
        var csv = CsvFile.Wants(format, errors);
        int? stars = null;
        if (!string.IsNullOrWhiteSpace(rating))
        {
            if (int.TryParse(rating, out var parsed) && parsed is >= Domain.Community.Review.MinRating and <= Domain.Community.Review.MaxRating)
            {
                stars = parsed;
            }
            else
            {
                errors["rating"] = ["A whole number from 1 to 5."];
            }
        }
        bool? onlyHidden = null;
        if (!string.IsNullOrWhiteSpace(hidden))
        {
            if (bool.TryParse(hidden, out var flag))
            {
                onlyHidden = flag;
            }
            else
            {
                errors["hidden"] = ["true or false."];
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var rows = from review in db.Reviews.AsNoTracking()
                   join course in db.Courses on review.CourseId equals course.Id
                   join author in db.Users on review.AuthorId equals author.Id
                   select new { review, course.Title, author.Email, author.DisplayName };
        if (stars is { } wanted)
        {
            rows = rows.Where(r => r.review.Rating == wanted);
        }
        if (onlyHidden is { } isHidden)
        {
            rows = rows.Where(r => (r.review.HiddenAt != null) == isHidden);
        }
        if (courseId is { } id)
        {
            rows = rows.Where(r => r.review.CourseId == id);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePatterns.Contains(q);
            rows = rows.Where(r => EF.Functions.ILike(r.Title, pattern) || EF.Functions.ILike(r.Email!, pattern) || EF.Functions.ILike(r.review.Text, pattern));
        }
        var ordered = rows.OrderByDescending(r => r.review.CreatedAt).ThenBy(r => r.review.Id);
        if (csv)
        {
            return CsvFile.Of("reviews.csv", ordered.AsAsyncEnumerable(), ("id", r => r.review.Id), ("createdAt", r => r.review.CreatedAt),
                ("courseId", r => r.review.CourseId), ("courseTitle", r => r.Title), ("authorId", r => r.review.AuthorId), ("authorEmail", r => r.Email),
                ("authorName", r => r.DisplayName), ("rating", r => r.review.Rating), ("text", r => r.review.Text), ("editedAt", r => r.review.EditedAt),
                ("reply", r => r.review.Reply), ("helpfulCount", r => r.review.HelpfulCount), ("hidden", r => r.review.HiddenAt != null));
        }
        var total = await rows.CountAsync(cancellationToken);
        var slice = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var items = slice.Select(r => new AdminReview(r.review.Id, r.review.CourseId, r.Title, r.review.AuthorId, r.Email ?? "", r.DisplayName, r.review.Rating,
            r.review.Text, r.review.CreatedAt, r.review.EditedAt, r.review.Reply, r.review.HelpfulCount, r.review.HiddenAt != null)).ToList();
        return TypedResults.Ok(new PagedResult<AdminReview>(items, total, number, size));
    }
}
