using CourseHub.Domain;
using CourseHub.Domain.Video;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.Video;

/// <summary>A job a Worker holds: one generation of one lesson's video.</summary>
public sealed record VideoJob(Guid LessonId, Guid Generation, Guid CourseId, Guid TeacherId, string SourceBlobName, int Attempts);

/// <summary>
/// The <c>lesson_videos</c> rows as a job queue. A claim takes the oldest queued job — or one whose Worker's lease ran
/// out (it crashed or was stopped) — with <c>FOR UPDATE SKIP LOCKED</c>, so Worker replicas never take the same one.
/// Every write names the generation and the lease owner: a job replaced or deleted meanwhile is not touched again.
/// </summary>
public sealed class VideoJobs(CourseHubDbContext db, TimeProvider clock)
{
    public async Task<VideoJob?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.LessonVideos.FromSql($"""
            SELECT * FROM lesson_videos
            WHERE status = 'Queued' OR (status = 'Processing' AND lease_expires_at < {now})
            ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (rows.SingleOrDefault() is not { } row)
        {
            return null;
        }
        row.Status = VideoProcessingStatus.Processing;
        row.Attempts++;
        (row.LeaseOwner, row.LeaseExpiresAt, row.StartedAt) = (owner, now + lease, now);
        (row.Percent, row.Step) = (0, "starting");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new VideoJob(row.LessonId, row.Generation, row.CourseId, row.TeacherId, row.SourceBlobName, row.Attempts);
    }

    /// <summary>Renews the lease and records progress; false when the job is no longer this Worker's (replaced, deleted, taken over).</summary>
    public async Task<bool> HeartbeatAsync(VideoJob job, string owner, TimeSpan lease, int percent, string step, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + lease;
        return await Mine(job, owner).ExecuteUpdateAsync(set => set
            .SetProperty(v => v.LeaseExpiresAt, until).SetProperty(v => v.Percent, percent).SetProperty(v => v.Step, step), cancellationToken) == 1;
    }

    public async Task RecordProbeAsync(VideoJob job, string owner, ProbedVideo probe, CancellationToken cancellationToken) =>
        await Mine(job, owner).ExecuteUpdateAsync(set => set
            .SetProperty(v => v.DurationSeconds, probe.DurationSeconds).SetProperty(v => v.Width, probe.Width).SetProperty(v => v.Height, probe.Height)
            .SetProperty(v => v.VideoCodec, probe.VideoCodec).SetProperty(v => v.AudioCodec, probe.AudioCodec), cancellationToken);

    /// <summary>Ready, and the lesson's duration is now the video's; false when the job was replaced meanwhile.</summary>
    public async Task<bool> CompleteAsync(VideoJob job, string owner, ProbedVideo probe, IReadOnlyList<Rendition> renditions, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var heights = string.Join(',', renditions.Select(r => r.Height));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var done = await Mine(job, owner).ExecuteUpdateAsync(set => set
            .SetProperty(v => v.Status, VideoProcessingStatus.Ready).SetProperty(v => v.Percent, 100).SetProperty(v => v.Step, "ready")
            .SetProperty(v => v.Renditions, heights).SetProperty(v => v.FinishedAt, now)
            .SetProperty(v => v.LeaseOwner, (string?)null).SetProperty(v => v.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken) == 1;
        if (!done)
        {
            return false;
        }
        var seconds = Math.Max(1, (int)Math.Round(probe.DurationSeconds));
        await db.Lessons.Where(l => l.Id == job.LessonId && l.VideoBlobName == job.SourceBlobName)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.DurationSeconds, seconds), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Failed for good with <paramref name="reason"/>. A refused upload (<paramref name="removeUpload"/>) is also taken
    /// off the lesson, so nothing of it is left; returns whether it was (the caller then deletes its blob).
    /// </summary>
    public async Task<bool> FailAsync(VideoJob job, string owner, string reason, bool removeUpload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var failed = await Mine(job, owner).ExecuteUpdateAsync(set => set
            .SetProperty(v => v.Status, VideoProcessingStatus.Failed).SetProperty(v => v.Step, "failed").SetProperty(v => v.FailureReason, reason)
            .SetProperty(v => v.FinishedAt, now)
            .SetProperty(v => v.LeaseOwner, (string?)null).SetProperty(v => v.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken) == 1;
        var removed = failed && removeUpload && await db.Lessons.Where(l => l.Id == job.LessonId && l.VideoBlobName == job.SourceBlobName)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.VideoBlobName, (string?)null).SetProperty(l => l.VideoFileName, (string?)null)
                .SetProperty(l => l.VideoContentType, (string?)null).SetProperty(l => l.VideoSizeBytes, 0L), cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Back in the queue after a transient error (storage hiccup, shutdown): another take follows.</summary>
    public async Task ReleaseAsync(VideoJob job, string owner, string step, CancellationToken cancellationToken) =>
        await Mine(job, owner).ExecuteUpdateAsync(set => set
            .SetProperty(v => v.Status, VideoProcessingStatus.Queued).SetProperty(v => v.Step, step).SetProperty(v => v.Percent, 0)
            .SetProperty(v => v.LeaseOwner, (string?)null).SetProperty(v => v.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);

    public async Task<CourseWatermark?> WatermarkAsync(Guid courseId, CancellationToken cancellationToken) =>
        await db.CourseWatermarks.AsNoTracking().SingleOrDefaultAsync(w => w.CourseId == courseId, cancellationToken);

    private IQueryable<LessonVideo> Mine(VideoJob job, string owner) => db.LessonVideos.Where(v =>
        v.LessonId == job.LessonId && v.Generation == job.Generation && v.LeaseOwner == owner && v.Status == VideoProcessingStatus.Processing);
}
