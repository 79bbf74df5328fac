using Azure.Storage.Blobs;
using Azure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Media;
using CourseHub.Domain.Catalog;
using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>
/// Uploads of course media: the course thumbnail, a lesson's video or download file, and extra resources on any
/// lesson. Bodies are streamed into blob storage, checked by content and size on the way (see
/// <see cref="MultipartUpload"/>); the published thumbnail is served publicly.
/// </summary>
public static class CourseMediaEndpoints
{
    public static IServiceCollection AddCourseMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section))
            .Validate(o => o.MaxVideoBytes > 0 && o.MaxFileBytes > 0, "Uploads:MaxVideoBytes and Uploads:MaxFileBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<BlobUrls>();
        services.AddSingleton<LessonMediaLinks>();
        services.AddScoped<CourseMediaStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapCourseMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var limits = endpoints.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value;
        var course = endpoints.MapGroup("/api/teach/courses/{id:guid}").WithTags("Course media").RequireAuthorization(IdentitySetup.TeacherPolicy)
            .Refuses(StatusCodes.Status404NotFound);
        course.MapPut("/thumbnail", PutThumbnailAsync).AllowBody(UploadOptions.MaxThumbnailBytes).Refuses(400, 409, 413)
            .WithSummary("Upload the thumbnail").WithDescription("Upload the course thumbnail (multipart field 'file': JPEG, PNG or WebP by content, at most 5 MB); returns its preview URL.");
        course.MapDelete("/thumbnail", DeleteThumbnailAsync).Refuses(409).WithSummary("Remove the thumbnail").WithDescription("Remove the course thumbnail.");

        var lesson = course.MapGroup("/lessons/{lessonId:guid}");
        lesson.MapGet("/media", GetLessonMediaAsync)
            .WithSummary("List a lesson's files").WithDescription("The lesson's video, download and resources with names, types, sizes and read URLs valid for 15 minutes.");
        lesson.MapPut("/video", PutVideoAsync).AllowBody(limits.MaxVideoBytes).Refuses(400, 409, 413)
            .WithSummary("Upload a lesson video").WithDescription("Upload the video of a Video lesson (multipart field 'file': MP4, M4V, MOV, WebM, MKV or Ogg by content).");
        lesson.MapDelete("/video", (Guid id, Guid lessonId, HttpContext context, CourseMediaStore store, CancellationToken cancellationToken) =>
            RemoveLessonFileAsync(id, lessonId, LessonFileSlot.Video, context, store, cancellationToken)).Refuses(409)
            .WithSummary("Remove a lesson video").WithDescription("Remove the lesson's video.");
        lesson.MapPut("/download", PutDownloadAsync).AllowBody(limits.MaxFileBytes).Refuses(400, 409, 413)
            .WithSummary("Upload a lesson download").WithDescription("Upload the file of a Download lesson (multipart field 'file': PDF, ZIP-based, image, MP3/MP4 audio or plain text by content).");
        lesson.MapDelete("/download", (Guid id, Guid lessonId, HttpContext context, CourseMediaStore store, CancellationToken cancellationToken) =>
            RemoveLessonFileAsync(id, lessonId, LessonFileSlot.Download, context, store, cancellationToken)).Refuses(409)
            .WithSummary("Remove a lesson download").WithDescription("Remove the lesson's download file.");
        lesson.MapPost("/resources", AddResourceAsync).AllowBody(limits.MaxFileBytes).Refuses(400, 409, 413)
            .WithSummary("Attach a lesson resource").WithDescription("Attach a resource to any lesson (multipart 'file' and optional 'title', default the file name).");
        lesson.MapDelete("/resources/{resourceId:guid}", RemoveResourceAsync).Refuses(409).WithSummary("Remove a lesson resource").WithDescription("Remove a resource from the lesson.");

        endpoints.MapGet("/api/courses/{id:guid}/thumbnail", GetPublicThumbnailAsync).WithTags("Catalog").AllowAnonymous()
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .WithSummary("A course thumbnail").WithDescription("A published course's thumbnail image (cacheable; 404 when it has none or is not published).");
        return endpoints;
    }

    /// <summary>Kestrel's body limit for this route: the file's own limit plus the multipart framing around it.</summary>
    private static RouteHandlerBuilder AllowBody(this RouteHandlerBuilder builder, long maxFileBytes) =>
        builder.WithMetadata(new RequestSizeLimitAttribute(maxFileBytes + UploadOptions.MultipartAllowance));

    private static async Task<Ok<ThumbnailResponse>> PutThumbnailAsync(Guid id, HttpContext context, CourseMediaStore store,
        CancellationToken cancellationToken)
    {
        var author = Author.From(context.User);
        await store.RequireEditableCourseAsync(author, id, cancellationToken);
        var received = await store.ReceiveAsync(context.Request, CourseMediaBlobs.NewThumbnailName(id), UploadKind.Thumbnail, cancellationToken);
        var blobName = await store.ReplaceThumbnailAsync(author, id, received.Accepted, cancellationToken);
        return TypedResults.Ok(new ThumbnailResponse(await store.ThumbnailPreviewUrlAsync(blobName, cancellationToken)));
    }

    private static async Task<Ok<ThumbnailResponse>> DeleteThumbnailAsync(Guid id, HttpContext context, CourseMediaStore store,
        CancellationToken cancellationToken)
    {
        await store.ReplaceThumbnailAsync(Author.From(context.User), id, null, cancellationToken);
        return TypedResults.Ok(new ThumbnailResponse(null));
    }

    private static async Task<Ok<LessonMediaResponse>> GetLessonMediaAsync(Guid id, Guid lessonId, HttpContext context, CourseMediaStore store,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ReadLessonMediaAsync(Author.From(context.User), id, lessonId, cancellationToken));

    private static Task<Ok<LessonMediaResponse>> PutVideoAsync(Guid id, Guid lessonId, HttpContext context, CourseMediaStore store,
        CancellationToken cancellationToken) =>
        PutLessonFileAsync(id, lessonId, LessonFileSlot.Video, UploadKind.Video, context, store, cancellationToken);

    private static Task<Ok<LessonMediaResponse>> PutDownloadAsync(Guid id, Guid lessonId, HttpContext context, CourseMediaStore store,
        CancellationToken cancellationToken) =>
        PutLessonFileAsync(id, lessonId, LessonFileSlot.Download, UploadKind.File, context, store, cancellationToken);

    private static async Task<Ok<LessonMediaResponse>> PutLessonFileAsync(Guid id, Guid lessonId, LessonFileSlot slot, UploadKind kind,
        HttpContext context, CourseMediaStore store, CancellationToken cancellationToken)
    {
        var author = Author.From(context.User);
        await store.RequireEditableLessonAsync(author, id, lessonId, slot, cancellationToken);
        var blobName = CourseMediaBlobs.NewLessonFileName(id, lessonId, slot.ToString().ToLowerInvariant());
        var received = await store.ReceiveAsync(context.Request, blobName, kind, cancellationToken);
        await store.ReplaceLessonFileAsync(author, id, lessonId, slot, received.Accepted, cancellationToken);
        return TypedResults.Ok(await store.ReadLessonMediaAsync(author, id, lessonId, cancellationToken));
    }

    private static async Task<Ok<LessonMediaResponse>> RemoveLessonFileAsync(Guid id, Guid lessonId, LessonFileSlot slot, HttpContext context,
        CourseMediaStore store, CancellationToken cancellationToken)
    {
        // Removing is allowed whatever the lesson's type, so nothing can get stuck.
        var author = Author.From(context.User);
        await store.ReplaceLessonFileAsync(author, id, lessonId, slot, null, cancellationToken);
        return TypedResults.Ok(await store.ReadLessonMediaAsync(author, id, lessonId, cancellationToken));
    }

    private static async Task<Created<LessonMediaResponse>> AddResourceAsync(Guid id, Guid lessonId, HttpContext context, CourseMediaStore store,
        CancellationToken cancellationToken)
    {
        var author = Author.From(context.User);
        await store.RequireEditableLessonAsync(author, id, lessonId, slot: null, cancellationToken);
        var received = await store.ReceiveAsync(context.Request, CourseMediaBlobs.NewLessonFileName(id, lessonId, "resources"), UploadKind.File,
            cancellationToken);
        var file = received.Accepted;
        var title = received.Fields.GetValueOrDefault("title")?.Trim() is { Length: > 0 } given ? given : file.FileName[..Math.Min(file.FileName.Length, 200)];
        await store.AddResourceAsync(author, id, lessonId, title, file, cancellationToken);
        return TypedResults.Created($"/api/teach/courses/{id}/lessons/{lessonId}/media",
            await store.ReadLessonMediaAsync(author, id, lessonId, cancellationToken));
    }

    private static async Task<Ok<LessonMediaResponse>> RemoveResourceAsync(Guid id, Guid lessonId, Guid resourceId, HttpContext context,
        CourseMediaStore store, CancellationToken cancellationToken)
    {
        var author = Author.From(context.User);
        await store.RemoveResourceAsync(author, id, lessonId, resourceId, cancellationToken);
        return TypedResults.Ok(await store.ReadLessonMediaAsync(author, id, lessonId, cancellationToken));
    }

    private static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, NotFoundProblem>> GetPublicThumbnailAsync(Guid id, string? v,
        HttpContext context, CourseHubDbContext db, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var blobName = await db.Courses.AsNoTracking().Where(c => c.Id == id && c.Status == CourseStatus.Published)
            .Select(c => c.ThumbnailBlobName).SingleOrDefaultAsync(cancellationToken);
        if (blobName is null)
        {
            return NoThumbnail();
        }
        var version = CourseMediaBlobs.Version(blobName);
        var entityTag = new EntityTagHeaderValue($"\"{version}\"");
        // A URL with the current version never shows anything else, so it may be kept for a day; other URLs briefly.
        context.Response.Headers.CacheControl = v == version ? "public, max-age=86400" : "public, max-age=300";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(entityTag, useStrongComparison: false)))
        {
            context.Response.Headers.ETag = entityTag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        try
        {
            var download = await blobs.GetBlobContainerClient(CourseMediaBlobs.Container).GetBlobClient(blobName)
                .DownloadStreamingAsync(cancellationToken: cancellationToken);
            return TypedResults.Stream(download.Value.Content, download.Value.Details.ContentType, entityTag: entityTag);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NoThumbnail();
        }
    }

    private static NotFoundProblem NoThumbnail() => Problems.NotFound("No thumbnail", "This course has no thumbnail, or is not published.");
}
