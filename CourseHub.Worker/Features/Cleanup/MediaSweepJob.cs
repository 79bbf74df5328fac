using Azure;
using Azure.Storage.Blobs;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseHub.Worker.Features.Cleanup;

public sealed class MediaSweepOptions
{
    /// <summary>Blobs younger than this are left alone: an upload commits its blob a moment before the row points at it.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Deletes course media blobs no row points at any more. The Api deletes a file's blob right after the row that
/// used it; this catches what that missed (a storage hiccup, a crash in between), so storage never fills with orphans.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MediaSweepJob(CourseHubDbContext db, BlobServiceClient blobs, IOptions<MediaSweepOptions> options, TimeProvider clock,
    ILogger<MediaSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("media-sweep", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await SweepAsync(cancellationToken);

    /// <summary>Returns how many orphaned blobs were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(CourseMedia.Container);
        if (!await container.ExistsAsync(cancellationToken))
        {
            return 0;
        }
        var referenced = await ReferencedAsync(cancellationToken);
        // A video's renditions are many files under its current generation's prefix; other generations are stale.
        var renditions = (await db.LessonVideos.Select(v => new { v.LessonId, v.Generation }).ToListAsync(cancellationToken))
            .Select(v => VideoBlobs.GenerationPrefix(v.LessonId, v.Generation)).ToHashSet(StringComparer.Ordinal);
        var cutoff = clock.GetUtcNow() - options.Value.MinimumAge;
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (referenced.Contains(blob.Name) || IsCurrentRendition(blob.Name, renditions) || blob.Properties.CreatedOn is not { } created || created > cutoff)
            {
                continue;
            }
            try
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning(ex, "Could not delete the orphaned media blob {BlobName}", blob.Name);
            }
        }
        logger.LogInformation("Media sweep: deleted {Deleted} orphaned blob(s) older than {Cutoff:u}", deleted, cutoff);
        return deleted;
    }

    private static bool IsCurrentRendition(string blobName, HashSet<string> prefixes)
    {
        // video/{lesson}/{generation}/… : the prefix is the first three segments.
        var third = blobName.StartsWith("video/", StringComparison.Ordinal) ? NthSlash(blobName, 3) : -1;
        return third > 0 && prefixes.Contains(blobName[..(third + 1)]);
    }

    private static int NthSlash(string text, int n)
    {
        var index = -1;
        for (var i = 0; i < n && (index = text.IndexOf('/', index + 1)) >= 0; i++)
        {
        }
        return index;
    }

    private async Task<HashSet<string>> ReferencedAsync(CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(await db.Courses.Where(c => c.ThumbnailBlobName != null).Select(c => c.ThumbnailBlobName!).ToListAsync(cancellationToken));
        names.UnionWith(await db.Lessons.Where(l => l.VideoBlobName != null).Select(l => l.VideoBlobName!).ToListAsync(cancellationToken));
        names.UnionWith(await db.Lessons.Where(l => l.DownloadBlobName != null).Select(l => l.DownloadBlobName!).ToListAsync(cancellationToken));
        names.UnionWith(await db.Set<LessonResource>().Select(r => r.BlobName).ToListAsync(cancellationToken));
        return names;
    }
}
