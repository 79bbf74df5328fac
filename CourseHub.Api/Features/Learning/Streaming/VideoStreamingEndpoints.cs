using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Authentication;
using CourseHub.Contracts.Video;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Video;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace CourseHub.Api.Features.Learning.Streaming;

/// <summary>
/// Protected HLS playback. The master playlist is served to whoever may take the lesson (the learning player's rule);
/// its variant playlists and their segments only through links signed for that viewer, that lesson's current
/// renditions and a few minutes (<see cref="StreamingOptions.StreamUrlLifetime"/>): a copied playlist soon stops
/// working and never works for another user. The uploaded original is never served here.
/// </summary>
public static partial class VideoStreamingEndpoints
{
    private const string PlaylistType = "application/vnd.apple.mpegurl";

    public static IServiceCollection AddVideoStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StreamingOptions>().Bind(configuration.GetSection(StreamingOptions.Section))
            .Validate(o => o.StreamUrlLifetime > TimeSpan.Zero, "Video:StreamUrlLifetime must be positive.").ValidateOnStart();
        return services.AddSingleton<StreamTokens>();
    }

    public static IEndpointRouteBuilder MapVideoStreamingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var stream = endpoints.MapGroup("/api/learn/lessons/{lessonId:guid}/stream").WithTags("Learning");
        stream.MapGet("/master.m3u8", MasterAsync).Refuses(401, 403, 404, 409).Produces<string>(200, PlaylistType)
            .WithSummary("Stream a video lesson").WithDescription(
                "The HLS master playlist of a processed video lesson for a viewer who may take it; its variant playlists carry links signed for this viewer that expire after `Video:StreamUrlLifetime`. 409 `video-not-ready` while processing.");
        stream.MapGet("/poster.jpg", PosterAsync).Refuses(401, 403, 404, 409).Produces<Stream>(200, "image/jpeg")
            .WithSummary("A video lesson's poster").WithDescription("The still the player shows before playback.");
        stream.MapGet("/{rendition}/index.m3u8", RenditionAsync).Refuses(403, 404).Produces<string>(200, PlaylistType)
            .WithSummary("A rendition's playlist").WithDescription("Needs the signed `t` of the master playlist, by the same viewer; its segments carry it on.");
        stream.MapGet("/{rendition}/{segment}", SegmentAsync).Refuses(403, 404).Produces<Stream>(200, "video/mp2t")
            .WithSummary("A video segment").WithDescription("Needs the signed `t` of the viewer's playlist; refused once it expired or for another user (403).");
        return endpoints;
    }

    private static async Task<ContentHttpResult> MasterAsync(Guid lessonId, HttpContext context, LearningAccess access, CourseHubDbContext db,
        BlobServiceClient blobs, StreamTokens tokens, CancellationToken cancellationToken)
    {
        var video = await ReadyVideoAsync(lessonId, context.User, access, db, cancellationToken);
        var master = await ReadTextAsync(blobs, VideoBlobs.Master(lessonId, video.Generation), cancellationToken);
        var token = tokens.Issue(ViewerOf(context.User), lessonId, video.Generation);
        NoStore(context);
        return TypedResults.Text(HlsPlaylists.SignUris(master, token), PlaylistType);
    }

    private static async Task<FileStreamHttpResult> PosterAsync(Guid lessonId, HttpContext context, LearningAccess access, CourseHubDbContext db,
        BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var video = await ReadyVideoAsync(lessonId, context.User, access, db, cancellationToken);
        context.Response.Headers.CacheControl = "private, max-age=600";
        return await OpenAsync(blobs, VideoBlobs.Poster(lessonId, video.Generation), "image/jpeg", cancellationToken);
    }

    private static async Task<ContentHttpResult> RenditionAsync(Guid lessonId, string rendition, string? t, HttpContext context, BlobServiceClient blobs,
        StreamTokens tokens, CancellationToken cancellationToken)
    {
        var grant = Authorize(lessonId, rendition, "index.m3u8", t, context.User, tokens);
        var playlist = await ReadTextAsync(blobs, VideoBlobs.GenerationPrefix(lessonId, grant.Generation) + $"{rendition}/index.m3u8", cancellationToken);
        NoStore(context);
        return TypedResults.Text(HlsPlaylists.SignUris(playlist, t!), PlaylistType);
    }

    private static async Task<FileStreamHttpResult> SegmentAsync(Guid lessonId, string rendition, string segment, string? t, HttpContext context,
        BlobServiceClient blobs, StreamTokens tokens, CancellationToken cancellationToken)
    {
        var grant = Authorize(lessonId, rendition, segment, t, context.User, tokens);
        // The link's own lifetime bounds any cache; a segment never changes under its name.
        context.Response.Headers.CacheControl = "private, max-age=60";
        return await OpenAsync(blobs, VideoBlobs.GenerationPrefix(lessonId, grant.Generation) + $"{rendition}/{segment}", "video/mp2t", cancellationToken);
    }

    private static StreamGrant Authorize(Guid lessonId, string rendition, string file, string? token, ClaimsPrincipal user, StreamTokens tokens)
    {
        if (!RenditionName().IsMatch(rendition) || !(file == "index.m3u8" || SegmentName().IsMatch(file)))
        {
            throw Refusal.NotFound("not-found", "No such stream file", "There is no such rendition or segment.");
        }
        if (string.IsNullOrEmpty(token))
        {
            throw Refusal.Invalid("t", "A stream link needs its signed t parameter: open the lesson in the player.");
        }
        var grant = tokens.Read(token);
        if (grant is null || grant.LessonId != lessonId)
        {
            throw Refusal.Forbidden("stream-link-invalid", "Not a valid stream link", "Open the lesson in the player to get a working link.");
        }
        if (tokens.IsExpired(grant))
        {
            throw Refusal.Forbidden("stream-link-expired", "The stream link expired", "Stream links work for a few minutes; the player fetches new ones.");
        }
        if (grant.Viewer != StreamTokens.Anonymous && grant.Viewer != ViewerOf(user))
        {
            throw Refusal.Forbidden("stream-link-other-viewer", "This stream link is someone else's", "Open the lesson in the player as yourself.");
        }
        return grant;
    }

    private static async Task<LessonVideo> ReadyVideoAsync(Guid lessonId, ClaimsPrincipal user, LearningAccess access, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var (_, lesson) = await access.RequireLessonAsync(user, lessonId, cancellationToken);
        var video = lesson.Type == LessonType.Video
            ? await db.LessonVideos.AsNoTracking().SingleOrDefaultAsync(v => v.LessonId == lessonId, cancellationToken)
            : null;
        if (video is null)
        {
            throw Refusal.NotFound("no-video", "No video", "This lesson has no video.");
        }
        if (video.Status != VideoProcessingStatus.Ready)
        {
            throw Refusal.Conflict("video-not-ready", "The video is not ready yet", "The video is still being processed; try again in a moment.");
        }
        return video;
    }

    /// <summary>What the learning lesson tells the player about its stream (null for other lesson types).</summary>
    public static async Task<LessonStreamInfo?> InfoAsync(Lesson lesson, ClaimsPrincipal user, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        if (lesson.Type != LessonType.Video || lesson.VideoBlobName is null)
        {
            return null;
        }
        var status = await db.LessonVideos.AsNoTracking().Where(v => v.LessonId == lesson.Id).Select(v => (VideoProcessingStatus?)v.Status)
            .SingleOrDefaultAsync(cancellationToken);
        var label = user.FindFirst(CourseHubJwt.NameClaim)?.Value is { Length: > 0 } name ? name
            : user.FindFirst(CourseHubJwt.EmailClaim)?.Value ?? "";
        var ready = status == VideoProcessingStatus.Ready;
        var basePath = $"/api/learn/lessons/{lesson.Id}/stream";
        return new LessonStreamInfo(status is { } s ? s.ToString().ToLowerInvariant() : "unprocessed",
            ready ? basePath + "/master.m3u8" : null, ready ? basePath + "/poster.jpg" : null, label);
    }

    private static string ViewerOf(ClaimsPrincipal user) => user.UserId()?.ToString("N") ?? StreamTokens.Anonymous;

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "private, no-store";

    private static async Task<string> ReadTextAsync(BlobServiceClient blobs, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blobs.GetBlobContainerClient(CourseMediaBlobs.Container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            throw Refusal.NotFound("not-found", "No such stream file", "The video was replaced or removed; open the lesson again.");
        }
    }

    private static async Task<FileStreamHttpResult> OpenAsync(BlobServiceClient blobs, string blobName, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blobs.GetBlobContainerClient(CourseMediaBlobs.Container).GetBlobClient(blobName)
                .DownloadStreamingAsync(cancellationToken: cancellationToken);
            return TypedResults.Stream(download.Value.Content, contentType);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            throw Refusal.NotFound("not-found", "No such stream file", "The video was replaced or removed; open the lesson again.");
        }
    }

    [GeneratedRegex("^[0-9]{2,4}p$")]
    private static partial Regex RenditionName();

    [GeneratedRegex("^seg_[0-9]{5}\\.ts$")]
    private static partial Regex SegmentName();
}
