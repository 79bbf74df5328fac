using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Teaching;
using CourseHub.Domain.Catalog;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching;

/// <summary>
/// The curriculum routes of the studio: modules and lessons, added, edited, deleted and moved (also across modules,
/// for drag and drop). Lessons are addressed by id under their course; the older module-scoped move route stays.
/// </summary>
public static class CurriculumEndpoints
{
    public static RouteGroupBuilder MapCurriculumEndpoints(this RouteGroupBuilder teach)
    {
        teach.MapPost("/{id:guid}/modules", AddModuleAsync).Refuses(400, 404, 409).WithSummary("Add a module").WithDescription("Append a module to the curriculum.");
        teach.MapPut("/{id:guid}/modules/{moduleId:guid}", RenameModuleAsync).Refuses(400, 409).WithSummary("Rename a module").WithDescription("Rename a module; returns the course.");
        teach.MapDelete("/{id:guid}/modules/{moduleId:guid}", DeleteModuleAsync).Refuses(409)
            .WithSummary("Delete a module").WithDescription("Delete a module with its lessons; returns the course.");
        teach.MapPost("/{id:guid}/modules/{moduleId:guid}/move", MoveModuleAsync).Refuses(409)
            .WithSummary("Move a module").WithDescription("Move a module to a 1-based position (body {position}); returns the course.");
        teach.MapPost("/{id:guid}/modules/{moduleId:guid}/lessons", AddLessonAsync).Refuses(404, 409).WithSummary("Add a lesson").WithDescription("Append a lesson to a module.");
        teach.MapPost("/{id:guid}/modules/{moduleId:guid}/lessons/{lessonId:guid}/move", MoveLessonInModuleAsync).Refuses(409)
            .WithSummary("Reorder a lesson").WithDescription("Move a lesson to a 1-based position within its module (body {position}); returns the course.");
        teach.MapGet("/{id:guid}/lessons/{lessonId:guid}", GetLessonAsync).WithSummary("Read a lesson").WithDescription("One lesson in full, with its Markdown rendered.");
        teach.MapPut("/{id:guid}/lessons/{lessonId:guid}", UpdateLessonAsync).Refuses(409)
            .WithSummary("Edit a lesson").WithDescription("Edit a lesson: title, type, duration, free preview, Markdown text.");
        teach.MapDelete("/{id:guid}/lessons/{lessonId:guid}", DeleteLessonAsync).Refuses(409)
            .WithSummary("Delete a lesson").WithDescription("Delete a lesson with its quiz and files; returns the course.");
        teach.MapPost("/{id:guid}/lessons/{lessonId:guid}/move", MoveLessonAsync).Refuses(409)
            .WithSummary("Move a lesson").WithDescription("Move a lesson to a 1-based position, in another module of the course when {moduleId} is given; returns the course.");
        teach.MapPost("/markdown/preview", PreviewMarkdown).WithSummary("Preview Markdown").WithDescription("Render Markdown exactly as students will see it (sanitized HTML).");
        return teach;
    }

    private static async Task<Created<TeacherModule>> AddModuleAsync(Guid id, ModuleRequest request, HttpContext context, CurriculumService curriculum,
        CancellationToken cancellationToken)
    {
        var module = await curriculum.AddModuleAsync(Author.From(context.User), id, request.Title ?? "", cancellationToken);
        return TypedResults.Created($"/api/teach/courses/{id}/modules/{module.Id}", new TeacherModule(module.Id, module.Position, module.Title, []));
    }

    private static Task<Results<Ok<TeacherCourse>, NotFoundProblem>> RenameModuleAsync(Guid id, Guid moduleId, ModuleRequest request,
        HttpContext context, CourseHubDbContext db, CurriculumService curriculum, CancellationToken cancellationToken) =>
        TeachingEndpoints.RunAsync(db, context, id,
            () => curriculum.RenameModuleAsync(Author.From(context.User), id, moduleId, request.Title ?? "", cancellationToken), cancellationToken);

    private static Task<Results<Ok<TeacherCourse>, NotFoundProblem>> DeleteModuleAsync(Guid id, Guid moduleId, HttpContext context,
        CourseHubDbContext db, CurriculumService curriculum, CourseMediaCleanup media, CancellationToken cancellationToken) =>
        TeachingEndpoints.RunAsync(db, context, id,
            async () => await media.DeleteAsync(await curriculum.DeleteModuleAsync(Author.From(context.User), id, moduleId, cancellationToken)),
            cancellationToken);

    private static async Task<Results<Ok<TeacherCourse>, NotFoundProblem, ValidationProblem>> MoveModuleAsync(Guid id, Guid moduleId,
        MoveRequest request, HttpContext context, CourseHubDbContext db, CurriculumService curriculum, CancellationToken cancellationToken)
    {
        if (request.Position is not { } position)
        {
            return PositionRequired();
        }
        await curriculum.MoveModuleAsync(Author.From(context.User), id, moduleId, position, cancellationToken);
        return await ReloadAsync(db, context, id, cancellationToken);
    }

    private static async Task<Results<Created<TeacherLesson>, ValidationProblem>> AddLessonAsync(Guid id, Guid moduleId, LessonRequest request,
        HttpContext context, CurriculumService curriculum, CancellationToken cancellationToken)
    {
        if (!TryInput(request, out var input, out var problem))
        {
            return problem;
        }
        // A new lesson defaults to text, no duration, not a preview.
        input = input with { Type = input.Type ?? LessonType.Text, DurationSeconds = input.DurationSeconds ?? 0, IsFreePreview = input.IsFreePreview ?? false };
        var lesson = await curriculum.AddLessonAsync(Author.From(context.User), id, moduleId, input, cancellationToken);
        return TypedResults.Created($"/api/teach/courses/{id}/lessons/{lesson.Id}",
            new TeacherLesson(lesson.Id, lesson.Position, lesson.Title, lesson.Type.ToString(), lesson.DurationSeconds, lesson.IsFreePreview,
                lesson.TextMarkdown, false, false, 0, 0));
    }

    private static Task<Results<Ok<TeacherCourse>, NotFoundProblem, ValidationProblem>> MoveLessonInModuleAsync(Guid id, Guid moduleId,
        Guid lessonId, MoveRequest request, HttpContext context, CourseHubDbContext db, CurriculumService curriculum,
        CancellationToken cancellationToken) =>
        MoveLessonAsync(id, lessonId, request with { ModuleId = request.ModuleId ?? moduleId }, context, db, curriculum, cancellationToken);

    private static async Task<Results<Ok<TeacherCourse>, NotFoundProblem, ValidationProblem>> MoveLessonAsync(Guid id, Guid lessonId,
        MoveRequest request, HttpContext context, CourseHubDbContext db, CurriculumService curriculum, CancellationToken cancellationToken)
    {
        if (request.Position is not { } position)
        {
            return PositionRequired();
        }
        await curriculum.MoveLessonAsync(Author.From(context.User), id, lessonId, request.ModuleId, position, cancellationToken);
        return await ReloadAsync(db, context, id, cancellationToken);
    }

    private static async Task<Results<Ok<TeacherLessonDetails>, NotFoundProblem>> GetLessonAsync(Guid id, Guid lessonId, HttpContext context,
        CourseHubDbContext db, CancellationToken cancellationToken) =>
        await ReadLessonAsync(id, lessonId, context, db, cancellationToken) is { } lesson ? TypedResults.Ok(lesson) : LessonNotFound();

    private static NotFoundProblem LessonNotFound() => Problems.NotFound("Lesson not found", "No such lesson in a course of yours.");

    private static async Task<TeacherLessonDetails?> ReadLessonAsync(Guid id, Guid lessonId, HttpContext context, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var row = await Author.From(context.User).Scope(db.Courses).AsNoTracking()
            .Where(c => c.Id == id)
            .SelectMany(c => c.Modules.SelectMany(m => m.Lessons.Where(l => l.Id == lessonId)
                .Select(l => new { Lesson = l, ModuleTitle = m.Title, c.Status, CourseTitle = c.Title })))
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var l = row.Lesson;
        return new TeacherLessonDetails(l.Id, l.ModuleId, row.ModuleTitle, l.Position, l.Title, l.Type.ToString(), l.DurationSeconds,
            l.IsFreePreview, l.TextMarkdown, SafeMarkdown.ToHtml(l.TextMarkdown ?? ""), row.Status.ToString(), row.CourseTitle);
    }

    private static async Task<Results<Ok<TeacherLessonDetails>, NotFoundProblem, ValidationProblem>> UpdateLessonAsync(Guid id, Guid lessonId,
        LessonRequest request, HttpContext context, CourseHubDbContext db, CurriculumService curriculum, CancellationToken cancellationToken)
    {
        if (!TryInput(request, out var input, out var problem))
        {
            return problem;
        }
        await curriculum.UpdateLessonAsync(Author.From(context.User), id, lessonId, input, cancellationToken);
        db.ChangeTracker.Clear();
        return await ReadLessonAsync(id, lessonId, context, db, cancellationToken) is { } lesson ? TypedResults.Ok(lesson) : LessonNotFound();
    }

    private static Task<Results<Ok<TeacherCourse>, NotFoundProblem>> DeleteLessonAsync(Guid id, Guid lessonId, HttpContext context,
        CourseHubDbContext db, CurriculumService curriculum, CourseMediaCleanup media, CancellationToken cancellationToken) =>
        TeachingEndpoints.RunAsync(db, context, id,
            async () => await media.DeleteAsync(await curriculum.DeleteLessonAsync(Author.From(context.User), id, lessonId, cancellationToken)),
            cancellationToken);

    private static Results<Ok<MarkdownPreview>, ValidationProblem> PreviewMarkdown(MarkdownRequest request) =>
        request.Markdown is { Length: > 100_000 }
            ? Problems.Field("markdown", "Keep the text under 100,000 characters.")
            : TypedResults.Ok(new MarkdownPreview(SafeMarkdown.ToHtml(request.Markdown ?? "")));

    private static async Task<Results<Ok<TeacherCourse>, NotFoundProblem, ValidationProblem>> ReloadAsync(CourseHubDbContext db, HttpContext context,
        Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await TeachingEndpoints.LoadAsync(db, context, id, cancellationToken) is { } course ? TypedResults.Ok(course) : TeachingEndpoints.NotFound();
    }

    private static ValidationProblem PositionRequired() => Problems.Field("position", "A 1-based position is required.");

    /// <summary>Checks the shape of a lesson request; the title and duration rules are the service's.</summary>
    private static bool TryInput(LessonRequest request, out LessonInput input, out ValidationProblem problem)
    {
        LessonType? type = null;
        if (request.Type is not null)
        {
            if (!Enum.TryParse<LessonType>(request.Type, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(request.Type, out _))
            {
                input = null!;
                problem = Problems.Field("type", "Choose Video, Text, Quiz or Download.");
                return false;
            }
            type = parsed;
        }
        input = new LessonInput(request.Title, type, request.DurationSeconds, request.IsFreePreview, request.TextMarkdown);
        problem = Problems.Fields(new Dictionary<string, List<string>>());
        return true;
    }
}
