using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Features.Teaching.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Catalog;
using CourseHub.Contracts.Teaching;
using CourseHub.Domain.Catalog;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching;

/// <summary>
/// The course studio: a teacher (or admin) writes own courses and sends them to review. Another teacher's
/// course answers 404, as if it did not exist. Lifecycle rules live in <see cref="CourseAuthoringService"/>.
/// </summary>
public static class TeachingEndpoints
{
    public static IEndpointRouteBuilder MapTeachingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var teach = endpoints.MapGroup("/api/teach/courses").WithTags("Teaching").RequireAuthorization(IdentitySetup.TeacherPolicy);
        teach.MapGet("", ListAsync).WithSummary("List my courses").WithDescription("The signed-in teacher's courses, with status and review reason.");
        teach.MapPost("", CreateAsync).WithSummary("Create a draft course");
        teach.MapGet("/{id:guid}", GetAsync).WithSummary("Read my course").WithDescription("One of the teacher's courses, with its curriculum.");
        teach.MapPut("/{id:guid}", UpdateAsync).Refuses(409).WithSummary("Edit a course").WithDescription("Edit a draft or published course (not while in review).");
        teach.MapGet("/{id:guid}/readiness", ReadinessAsync).Refuses(404).WithSummary("Read the submission checklist")
            .WithDescription("What the course still needs before it can be sent to review (the submission checklist).");
        teach.MapPost("/{id:guid}/submit", SubmitAsync).Refuses(409, 422).WithSummary("Submit for review")
            .WithDescription("Send a draft to review. Refused with 422 `incomplete` while an item of the readiness checklist is unmet; `errors` lists each one under its field.");
        teach.MapPost("/{id:guid}/unpublish", UnpublishAsync).Refuses(409).WithSummary("Unpublish a course").WithDescription("Take a published course back to draft.");
        teach.MapDelete("/{id:guid}", DeleteAsync).Refuses(404, 409).WithSummary("Delete a draft").WithDescription("Delete a draft that was never published.");
        teach.MapGet("/{id:guid}/preview", PreviewAsync).WithSummary("Preview as a student").WithDescription("The course page as students will see it, whatever the status.");
        teach.MapCurriculumEndpoints();
        return endpoints;
    }

    private static async Task<Ok<List<TeacherCourseSummary>>> ListAsync(HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        // The studio lists the signed-in user's own courses, admins included (admins reach others' through the review queue).
        var teacherId = context.User.UserId();
        var rows = await db.Courses.AsNoTracking().Where(c => c.TeacherId == teacherId)
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => new { c.Id, c.Title, c.Slug, c.Status, c.ReviewReason, c.CreatedAt, c.UpdatedAt, c.PublishedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(c => new TeacherCourseSummary(c.Id, c.Title, c.Slug, c.Status.ToString(), c.ReviewReason,
            c.CreatedAt, c.UpdatedAt, c.PublishedAt)).ToList());
    }

    private static async Task<Results<Created<TeacherCourse>, ValidationProblem, UnauthorizedProblem>> CreateAsync(CourseDraftRequest request,
        HttpContext context, CourseHubDbContext db, CourseAuthoringService service, CancellationToken cancellationToken)
    {
        if (!TryInput(request, out var input, out var problem))
        {
            return problem;
        }
        var teacherId = context.User.UserId()!.Value;
        var teacherName = await db.Users.Where(u => u.Id == teacherId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        if (teacherName is null)
        {
            return Problems.Unauthorized("Account not found", "Sign in again.");
        }
        var course = await service.CreateDraftAsync(teacherId, teacherName, input, cancellationToken);
        var created = await LoadAsync(db, context, course.Id, cancellationToken);
        return TypedResults.Created($"/api/teach/courses/{course.Id}", created);
    }

    private static async Task<Results<Ok<TeacherCourse>, NotFoundProblem>> GetAsync(Guid id, HttpContext context, CourseHubDbContext db,
        CancellationToken cancellationToken) =>
        await LoadAsync(db, context, id, cancellationToken) is { } course ? TypedResults.Ok(course) : NotFound();

    private static async Task<Results<Ok<TeacherCourse>, NotFoundProblem, ValidationProblem>> UpdateAsync(Guid id, CourseDraftRequest request,
        HttpContext context, CourseHubDbContext db, CourseAuthoringService service, CancellationToken cancellationToken)
    {
        if (!TryInput(request, out var input, out var problem))
        {
            return problem;
        }
        await service.UpdateAsync(Author.From(context.User), id, input, cancellationToken);
        db.ChangeTracker.Clear();
        return await LoadAsync(db, context, id, cancellationToken) is { } course ? TypedResults.Ok(course) : NotFound();
    }

    private static Task<Results<Ok<TeacherCourse>, NotFoundProblem>> SubmitAsync(Guid id, HttpContext context, CourseHubDbContext db,
        CourseAuthoringService service, CancellationToken cancellationToken) =>
        RunAsync(db, context, id, () => service.SubmitForReviewAsync(Author.From(context.User), id, cancellationToken), cancellationToken);

    private static async Task<Ok<CourseReadiness>> ReadinessAsync(Guid id, HttpContext context, CourseAuthoringService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReadinessAsync(Author.From(context.User), id, cancellationToken));

    private static Task<Results<Ok<TeacherCourse>, NotFoundProblem>> UnpublishAsync(Guid id, HttpContext context, CourseHubDbContext db,
        CourseAuthoringService service, CancellationToken cancellationToken) =>
        RunAsync(db, context, id, () => service.UnpublishAsync(Author.From(context.User), id, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<CourseDetails>, NotFoundProblem>> PreviewAsync(Guid id, HttpContext context, CourseHubDbContext db,
        CourseDetailsReader reader, CancellationToken cancellationToken) =>
        await reader.ReadPreviewAsync(Author.From(context.User).Scope(db.Courses), id, cancellationToken) is { } details
            ? TypedResults.Ok(details)
            : NotFound();

    private static async Task<NoContent> DeleteAsync(Guid id, HttpContext context, CourseAuthoringService service, CourseMediaCleanup media,
        CancellationToken cancellationToken)
    {
        await media.DeleteAsync(await service.DeleteDraftAsync(Author.From(context.User), id, cancellationToken));
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Runs a change and answers with the whole course as it is now (what the studio's editor redraws from). A broken
    /// rule is a <see cref="Refusal"/>, answered by the exception handler.
    /// </summary>
    internal static async Task<Results<Ok<TeacherCourse>, NotFoundProblem>> RunAsync(CourseHubDbContext db, HttpContext context, Guid id,
        Func<Task> action, CancellationToken cancellationToken)
    {
        await action();
        db.ChangeTracker.Clear();
        return await LoadAsync(db, context, id, cancellationToken) is { } course ? TypedResults.Ok(course) : NotFound();
    }

    internal static NotFoundProblem NotFound() => Problems.NotFound("Course not found", "No such course of yours.");

    private static bool TryInput(CourseDraftRequest request, out CourseDraftInput input, out ValidationProblem problem)
    {
        var errors = new Problems.Errors();
        errors.Require("title", request.Title, "A title of 1 to 160 characters is required.");
        errors.Require("categorySlug", request.CategorySlug, "Choose a category.");
        var level = CourseLevel.All;
        if (request.Level is not null && !Enum.TryParse(request.Level, ignoreCase: true, out level))
        {
            errors.Add("level", "Choose Beginner, Intermediate, Advanced or All.");
        }
        if (request.Description is { Length: > 20_000 })
        {
            errors.Add("description", "Keep the description under 20,000 characters.");
        }
        if (request.Subtitle is { Length: > 300 })
        {
            errors.Add("subtitle", "Keep the subtitle under 300 characters.");
        }
        if (request.Language is { } language && (language.Trim().Length is < 2 or > 10))
        {
            errors.Add("language", "Use an ISO 639-1 code such as en.");
        }
        input = new CourseDraftInput(request.Title ?? "", request.Subtitle, request.Description ?? "", request.CategorySlug ?? "", level,
            string.IsNullOrWhiteSpace(request.Language) ? "en" : request.Language, request.PriceMinor ?? 0, request.Currency ?? "USD",
            request.LearningOutcomes ?? [], request.Requirements ?? []);
        problem = errors.ToProblem();
        return !errors.Any;
    }

    internal static async Task<TeacherCourse?> LoadAsync(CourseHubDbContext db, HttpContext context, Guid id, CancellationToken cancellationToken)
    {
        var course = await Author.From(context.User).Scope(db.Courses).AsNoTracking().Include(c => c.Category)
            .Include(c => c.Modules).ThenInclude(m => m.Lessons).ThenInclude(l => l.Resources)
            .Include(c => c.Modules).ThenInclude(m => m.Lessons).ThenInclude(l => l.Questions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return course is null ? null : new TeacherCourse(course.Id, course.Title, course.Subtitle, course.Slug, course.Description,
            course.Category?.Slug ?? "", course.Level.ToString(), course.Language, course.PriceMinor, course.Currency,
            course.LearningOutcomes, course.Requirements, course.Status.ToString(), course.ReviewReason, course.TeacherName,
            course.CreatedAt, course.UpdatedAt, course.PublishedAt,
            course.Modules.OrderBy(m => m.Position).Select(m => new TeacherModule(m.Id, m.Position, m.Title,
                m.Lessons.OrderBy(l => l.Position).Select(l => new TeacherLesson(l.Id, l.Position, l.Title, l.Type.ToString(),
                    l.DurationSeconds, l.IsFreePreview, l.TextMarkdown, l.VideoBlobName is not null, l.DownloadBlobName is not null,
                    l.Resources.Count, l.Questions.Count)).ToList())).ToList(),
            // The teacher sees the thumbnail whatever the course's status: a short-lived read URL.
            await context.RequestServices.GetRequiredService<CourseMediaStore>().ThumbnailPreviewUrlAsync(course.ThumbnailBlobName, cancellationToken));
    }
}
