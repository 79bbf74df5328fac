using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Video;
using CourseHub.Domain;
using CourseHub.Domain.Video;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching.Video;

/// <summary>
/// The studio's view of video processing: a lesson video's status (live updates come over Realtime), the retry of a
/// failed one, and the course watermark burned into the renditions made from then on.
/// </summary>
public static class VideoProcessingEndpoints
{
    public static IServiceCollection AddVideoProcessing(this IServiceCollection services) => services.AddScoped<LessonVideoQueue>();

    public static IEndpointRouteBuilder MapVideoProcessingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var course = endpoints.MapGroup("/api/teach/courses/{id:guid}").WithTags("Video processing").RequireAuthorization(IdentitySetup.TeacherPolicy)
            .Refuses(StatusCodes.Status404NotFound);
        course.MapGet("/lessons/{lessonId:guid}/video/processing", StatusAsync).WithSummary("Read a video's processing")
            .WithDescription("Queued, processing (percent and step), ready (duration, resolution, renditions) or failed (the reason). 404 `no-video` without an upload.");
        course.MapPost("/lessons/{lessonId:guid}/video/retry", RetryAsync).Refuses(409).WithSummary("Retry a failed video")
            .WithDescription("Queues a failed video again (409 `not-failed` otherwise; 409 `source-gone` when the upload itself was refused and removed).");
        course.MapGet("/watermark", GetWatermarkAsync).WithSummary("Read the course watermark")
            .WithDescription("The text burned into the course's videos, its position and opacity; 404 `no-watermark` when there is none.");
        course.MapPut("/watermark", PutWatermarkAsync).Refuses(400).WithSummary("Set the course watermark")
            .WithDescription("Text (1–60 characters), position (top-left, top-right, bottom-left, bottom-right, center) and opacity (5–100 %); burned into the videos processed from now on.");
        course.MapDelete("/watermark", DeleteWatermarkAsync).WithSummary("Remove the course watermark").WithDescription("Videos processed from now on carry none.");
        return endpoints;
    }

    private static async Task<Ok<VideoProcessingInfo>> StatusAsync(Guid id, Guid lessonId, HttpContext context, LessonVideoQueue videos,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await videos.StatusAsync(Author.From(context.User), id, lessonId, cancellationToken));

    private static async Task<Ok<VideoProcessingInfo>> RetryAsync(Guid id, Guid lessonId, HttpContext context, LessonVideoQueue videos,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await videos.RetryAsync(Author.From(context.User), id, lessonId, cancellationToken));

    private static async Task<Results<Ok<WatermarkResponse>, NotFoundProblem>> GetWatermarkAsync(Guid id, HttpContext context, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        await RequireCourseAsync(Author.From(context.User), id, db, cancellationToken);
        var mark = await db.CourseWatermarks.AsNoTracking().SingleOrDefaultAsync(w => w.CourseId == id, cancellationToken);
        return mark is null ? Problems.NotFound("No watermark", "This course's videos carry no watermark.")
            : TypedResults.Ok(new WatermarkResponse(mark.Text, mark.Position, mark.OpacityPercent));
    }

    private static async Task<Results<Ok<WatermarkResponse>, ValidationProblem>> PutWatermarkAsync(Guid id, WatermarkRequest request,
        HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var text = request.Text?.Trim() ?? "";
        if (text.Length is 0 or > 60 || text.Any(char.IsControl))
        {
            errors["text"] = ["Give the watermark text: 1 to 60 characters on one line."];
        }
        var position = request.Position?.Trim().ToLowerInvariant() ?? "bottom-right";
        if (!CourseWatermark.Positions.Contains(position))
        {
            errors["position"] = [$"Choose one of {string.Join(", ", CourseWatermark.Positions)}."];
        }
        var opacity = request.OpacityPercent ?? 40;
        if (opacity is < 5 or > 100)
        {
            errors["opacityPercent"] = ["Give the opacity in percent, 5 to 100."];
        }
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }
        await RequireCourseAsync(Author.From(context.User), id, db, cancellationToken);
        var mark = await db.CourseWatermarks.SingleOrDefaultAsync(w => w.CourseId == id, cancellationToken);
        if (mark is null)
        {
            mark = new CourseWatermark { CourseId = id, Text = text, Position = position };
            db.CourseWatermarks.Add(mark);
        }
        (mark.Text, mark.Position, mark.OpacityPercent) = (text, position, opacity);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new WatermarkResponse(mark.Text, mark.Position, mark.OpacityPercent));
    }

    private static async Task<NoContent> DeleteWatermarkAsync(Guid id, HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        await RequireCourseAsync(Author.From(context.User), id, db, cancellationToken);
        await db.CourseWatermarks.Where(w => w.CourseId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task RequireCourseAsync(Author author, Guid courseId, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        if (!await author.Scope(db.Courses).AnyAsync(c => c.Id == courseId, cancellationToken))
        {
            throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
        }
    }
}
