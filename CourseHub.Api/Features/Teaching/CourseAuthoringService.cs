using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching;

/// <summary>What a teacher writes about a course (the studio's edit form).</summary>
public sealed record CourseDraftInput(
    string Title,
    string? Subtitle,
    string Description,
    string CategorySlug,
    CourseLevel Level,
    string Language,
    long PriceMinor,
    string Currency,
    IReadOnlyList<string> LearningOutcomes,
    IReadOnlyList<string> Requirements);

/// <summary>
/// Who is editing: a teacher reaches only own courses (another teacher's course is "not found"), an admin reaches all.
/// </summary>
public sealed record Author(Guid UserId, bool IsAdmin)
{
    public static Author From(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.UserId() ?? throw new InvalidOperationException("An authenticated user is required."), user.IsInRole(Domain.Identity.Roles.Admin));

    /// <summary>The courses this author may open and edit.</summary>
    public IQueryable<Course> Scope(IQueryable<Course> courses) => IsAdmin ? courses : courses.Where(c => c.TeacherId == UserId);
}


/// <summary>
/// The course lifecycle, as pure service code (routes with authentication come with accounts):
/// Draft → InReview (submit) → Published (approve) or back to Draft with a reason (reject);
/// Published → Draft (unpublish); any → Removed (with a reason). A teacher edits only own courses,
/// and not while in review or once removed. Every change that a catalog reader could see bumps the
/// catalog version (<see cref="CatalogVersion.InvalidateAsync"/>) after it is saved.
/// </summary>
[FeatureSeam]
public sealed class CourseAuthoringService(CourseHubDbContext db, CatalogVersion catalog, TimeProvider clock)
{
    /// <summary>The largest price Stripe accepts for one amount: 8 digits of minor units.</summary>
    public const long MaxPriceMinor = 99_999_999;

    public async Task<Course> CreateDraftAsync(Guid teacherId, string teacherName, CourseDraftInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var course = new Course
        {
            Id = Guid.NewGuid(),
            Title = "",
            Slug = "",
            TeacherId = teacherId,
            TeacherName = teacherName,
            Status = CourseStatus.Draft,
            CreatedAt = now,
        };
        await ApplyAsync(course, input, cancellationToken);
        course.Slug = await UniqueSlugAsync(course.Title, cancellationToken);
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return course;
    }

    public async Task<Course> UpdateAsync(Author author, Guid courseId, CourseDraftInput input, CancellationToken cancellationToken)
    {
        var course = await OwnCourseAsync(author, courseId, cancellationToken);
        if (course.Status is CourseStatus.InReview or CourseStatus.Removed)
        {
            throw Refusal.Conflict("not-editable", "Not in this state", $"A course that is {course.Status} cannot be edited.");
        }
        await ApplyAsync(course, input, cancellationToken);
        await SaveAsync(course, course.Status == CourseStatus.Published, cancellationToken);
        return course;
    }

    /// <summary>
    /// Deletes a course that was never published, with its curriculum; returns the blobs it used, for the caller to
    /// delete once saved. A course that has been public (students may own it) is unpublished or removed instead.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteDraftAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await author.Scope(db.Courses).Include(c => c.Modules).ThenInclude(m => m.Lessons).ThenInclude(l => l.Resources)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
        if (course.Status != CourseStatus.Draft || course.PublishedAt is not null)
        {
            throw Refusal.Conflict("not-deletable", "Not in this state", "Only a draft that was never published can be deleted; unpublish a published course instead.");
        }
        var blobs = course.Modules.SelectMany(m => m.Lessons).SelectMany(l => l.BlobNames())
            .Append(course.ThumbnailBlobName).OfType<string>().ToList();
        db.Courses.Remove(course);
        await db.SaveChangesAsync(cancellationToken);
        return blobs;
    }

    public async Task<Course> SubmitForReviewAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await WithCurriculumAsync(author, courseId, cancellationToken);
        Require(course, CourseStatus.Draft, "submit");
        var readiness = SubmissionRules.Check(course);
        if (!readiness.Ready)
        {
            var missing = SubmissionRules.Unmet(readiness);
            throw Refusal.Unprocessable("incomplete", "Course incomplete",
                $"Before review the course still needs: {string.Join(" ", missing.Values)}", missing);
        }
        // A paid course's sales go to its teacher's Stripe account, so that account must be able to receive them first.
        if (!course.IsFree && !await Commerce.PayoutReadiness.CanReceivePaymentsAsync(db, course.TeacherId, cancellationToken))
        {
            throw Refusal.Unprocessable("payouts-not-enabled", "Set up payouts first",
                "A paid course can be submitted once its teacher can receive payouts: open “Get paid” in the studio and finish Stripe's onboarding.");
        }
        course.Status = CourseStatus.InReview;
        course.ReviewReason = null;
        await SaveAsync(course, catalogVisible: false, cancellationToken);
        return course;
    }

    /// <summary>The submission checklist of one of the author's courses (see <see cref="SubmissionRules"/>).</summary>
    public async Task<Contracts.Teaching.CourseReadiness> ReadinessAsync(Author author, Guid courseId, CancellationToken cancellationToken) =>
        SubmissionRules.Check(await WithCurriculumAsync(author, courseId, cancellationToken, tracked: false));

    // Lessons with their questions: a quiz lesson's content is its questions.
    private async Task<Course> WithCurriculumAsync(Author author, Guid courseId, CancellationToken cancellationToken, bool tracked = true)
    {
        var courses = author.Scope(db.Courses);
        return await (tracked ? courses : courses.AsNoTracking())
            .Include(c => c.Modules).ThenInclude(m => m.Lessons).ThenInclude(l => l.Questions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
    }

    public async Task<Course> ApproveAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await FindAsync(courseId, cancellationToken);
        Require(course, CourseStatus.InReview, "approve");
        course.Status = CourseStatus.Published;
        course.ReviewReason = null;
        course.PublishedAt ??= clock.GetUtcNow();
        await SaveAsync(course, catalogVisible: true, cancellationToken);
        return course;
    }

    public async Task<Course> RejectAsync(Guid courseId, string reason, CancellationToken cancellationToken)
    {
        var why = RequireReason(reason);
        var course = await FindAsync(courseId, cancellationToken);
        Require(course, CourseStatus.InReview, "reject");
        course.Status = CourseStatus.Draft;
        course.ReviewReason = why;
        await SaveAsync(course, catalogVisible: false, cancellationToken);
        return course;
    }

    public async Task<Course> UnpublishAsync(Author author, Guid courseId, CancellationToken cancellationToken)
    {
        var course = await OwnCourseAsync(author, courseId, cancellationToken);
        Require(course, CourseStatus.Published, "unpublish");
        course.Status = CourseStatus.Draft;
        await SaveAsync(course, catalogVisible: true, cancellationToken);
        return course;
    }

    public async Task<Course> RemoveAsync(Guid courseId, string reason, CancellationToken cancellationToken)
    {
        var why = RequireReason(reason);
        var course = await FindAsync(courseId, cancellationToken);
        if (course.Status == CourseStatus.Removed)
        {
            return course;
        }
        var wasPublished = course.Status == CourseStatus.Published;
        course.Status = CourseStatus.Removed;
        course.ReviewReason = why;
        await SaveAsync(course, wasPublished, cancellationToken);
        return course;
    }

    private async Task SaveAsync(Course course, bool catalogVisible, CancellationToken cancellationToken)
    {
        course.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (catalogVisible)
        {
            await catalog.InvalidateAsync();
        }
    }

    private async Task ApplyAsync(Course course, CourseDraftInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 160)
        {
            errors["title"] = "A title of 1 to 160 characters is required.";
        }
        if (input.PriceMinor < 0)
        {
            errors["priceMinor"] = "The price may not be negative.";
        }
        else if (input.PriceMinor > MaxPriceMinor)
        {
            // Stripe takes at most 8 digits of minor units per amount.
            errors["priceMinor"] = $"The price may be at most {MaxPriceMinor} minor units.";
        }
        if (input.Currency is not { Length: 3 } || !input.Currency.All(char.IsAsciiLetter))
        {
            errors["currency"] = "Use an ISO 4217 code such as USD.";
        }
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == input.CategorySlug, cancellationToken);
        if (category is null)
        {
            errors["categorySlug"] = "Unknown category.";
        }
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors);
        }
        course.Title = input.Title.Trim();
        course.Subtitle = string.IsNullOrWhiteSpace(input.Subtitle) ? null : input.Subtitle.Trim();
        course.Description = input.Description;
        course.CategoryId = category!.Id;
        course.Level = input.Level;
        course.Language = input.Language.Trim().ToLowerInvariant();
        course.PriceMinor = input.PriceMinor;
        course.Currency = input.Currency.ToUpperInvariant();
        course.LearningOutcomes = [.. input.LearningOutcomes];
        course.Requirements = [.. input.Requirements];
        course.UpdatedAt = clock.GetUtcNow();
    }

    private async Task<string> UniqueSlugAsync(string title, CancellationToken cancellationToken)
    {
        var baseSlug = Slugs.FromTitle(title);
        baseSlug = string.IsNullOrEmpty(baseSlug) ? "course" : baseSlug[..Math.Min(baseSlug.Length, 180)];
        var slug = baseSlug;
        for (var n = 2; await db.Courses.AnyAsync(c => c.Slug == slug, cancellationToken); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        return slug;
    }

    private async Task<Course> OwnCourseAsync(Author author, Guid courseId, CancellationToken cancellationToken) =>
        await author.Scope(db.Courses).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
        ?? throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");

    private async Task<Course> FindAsync(Guid courseId, CancellationToken cancellationToken) =>
        await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
        ?? throw Refusal.NotFound("not-found", "Course not found", "No such course.");

    private static void Require(Course course, CourseStatus expected, string action)
    {
        if (course.Status != expected)
        {
            throw Refusal.Conflict("wrong-status", "Not in this state", $"Only a {expected} course can {action}; this one is {course.Status}.");
        }
    }

    internal static void RequireEditable(Course course)
    {
        if (course.Status is CourseStatus.InReview or CourseStatus.Removed)
        {
            throw Refusal.Conflict("not-editable", "Not in this state", $"A course that is {course.Status} cannot be edited.");
        }
    }

    internal static string RequireTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200
            ? throw Refusal.Invalid("title", "A title of 1 to 200 characters is required.")
            : title.Trim();

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw Refusal.Invalid("reason", "A reason is required.", "reason-required") : reason.Trim();
}
