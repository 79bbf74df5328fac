using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.Media;
using CourseHub.Contracts.Video;
using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Video;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Teaching.Video;

/// <summary>
/// The Api's side of video processing: an upload queues a new generation (row and <see cref="VideoUploaded"/> in the
/// upload's transaction), a removal drops the row; the renditions of a generation nothing points at are deleted after
/// the change is saved. A Worker busy with a stale generation notices at its next heartbeat and stops.
/// </summary>
public sealed class LessonVideoQueue(CourseHubDbContext db, BlobServiceClient blobs, TimeProvider clock, ILogger<LessonVideoQueue> logger)
{
    /// <summary>
    /// Inside the upload's transaction: queues <paramref name="sourceBlobName"/> (or, with null, forgets the lesson's
    /// video). Returns the generation whose files are to be deleted once the change is saved.
    /// </summary>
    public async Task<Guid?> ReplaceAsync(Guid courseId, Guid lessonId, string? sourceBlobName, CancellationToken cancellationToken)
    {
        var row = await db.LessonVideos.SingleOrDefaultAsync(v => v.LessonId == lessonId, cancellationToken);
        var previous = row?.Generation;
        if (sourceBlobName is null)
        {
            if (row is not null)
            {
                db.LessonVideos.Remove(row);
            }
            return previous;
        }
        var teacherId = await db.Courses.Where(c => c.Id == courseId).Select(c => c.TeacherId).SingleAsync(cancellationToken);
        if (row is null)
        {
            row = new LessonVideo { LessonId = lessonId, SourceBlobName = sourceBlobName };
            db.LessonVideos.Add(row);
        }
        row.CourseId = courseId;
        row.TeacherId = teacherId;
        row.SourceBlobName = sourceBlobName;
        Queue(row);
        return previous;
    }

    /// <summary>Queues a failed video again (a new generation: the failed one's files, if any, go).</summary>
    public async Task<VideoProcessingInfo> RetryAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken)
    {
        Guid previous;
        LessonVideo row;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM lesson_videos WHERE lesson_id = {lessonId} FOR UPDATE", cancellationToken);
            row = await RowAsync(author, courseId, lessonId, cancellationToken);
            if (row.Status != VideoProcessingStatus.Failed)
            {
                throw Refusal.Conflict("not-failed", "Nothing to retry", $"The video is {Wire(row.Status)}; only a failed video can be retried.");
            }
            if (!await db.Lessons.AnyAsync(l => l.Id == lessonId && l.VideoBlobName == row.SourceBlobName, cancellationToken))
            {
                throw Refusal.Conflict("source-gone", "Upload the video again",
                    "The upload was refused and removed (see the failure reason); upload a working file instead.");
            }
            previous = row.Generation;
            Queue(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await DeleteGenerationAsync(lessonId, previous);
        return Info(row);
    }

    public async Task<VideoProcessingInfo> StatusAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken) =>
        Info(await RowAsync(author, courseId, lessonId, cancellationToken, tracked: false));

    /// <summary>Deletes every file of one generation of a lesson's renditions; a failure leaves them to the media sweep.</summary>
    public async Task DeleteGenerationAsync(Guid lessonId, Guid? generation)
    {
        if (generation is not { } stale)
        {
            return;
        }
        var container = blobs.GetBlobContainerClient(CourseMediaBlobs.Container);
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, VideoBlobs.GenerationPrefix(lessonId, stale), CancellationToken.None))
            {
                await container.DeleteBlobIfExistsAsync(blob.Name);
            }
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not delete the renditions of lesson {LessonId} generation {Generation}", lessonId, stale);
        }
    }

    public static VideoProcessingInfo Info(LessonVideo row) => new(row.LessonId, row.CourseId, row.Generation, Wire(row.Status), row.Percent, row.Step,
        row.FailureReason, row.DurationSeconds is { } seconds ? (int)Math.Round(seconds) : null, row.Width, row.Height,
        row.RenditionHeights().Select(h => $"{h}p").ToList());

    public static string Wire(VideoProcessingStatus status) => status.ToString().ToLowerInvariant();

    private void Queue(LessonVideo row)
    {
        row.Generation = Guid.CreateVersion7();
        row.Status = VideoProcessingStatus.Queued;
        (row.Percent, row.Step, row.FailureReason, row.Attempts) = (0, "queued", null, 0);
        (row.LeaseOwner, row.LeaseExpiresAt, row.StartedAt, row.FinishedAt) = (null, null, null, null);
        (row.DurationSeconds, row.Width, row.Height, row.VideoCodec, row.AudioCodec, row.Renditions) = (null, null, null, null, null, null);
        row.QueuedAt = clock.GetUtcNow();
        db.AddIntegrationEvent(new VideoUploaded(row.LessonId, row.Generation), clock);
    }

    private async Task<LessonVideo> RowAsync(Author author, Guid courseId, Guid lessonId, CancellationToken cancellationToken, bool tracked = true)
    {
        if (!await author.Scope(db.Courses).AnyAsync(c => c.Id == courseId, cancellationToken))
        {
            throw Refusal.NotFound("not-found", "Course not found", "No such course of yours.");
        }
        var rows = tracked ? db.LessonVideos : db.LessonVideos.AsNoTracking();
        return await rows.SingleOrDefaultAsync(v => v.LessonId == lessonId && v.CourseId == courseId, cancellationToken)
            ?? throw Refusal.NotFound("no-video", "No video", "This lesson has no uploaded video.");
    }
}
