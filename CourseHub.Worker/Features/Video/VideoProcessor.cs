using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Video;
using CourseHub.EventBus;
using Microsoft.Extensions.Options;

namespace CourseHub.Worker.Features.Video;

/// <summary>
/// Processes one claimed job: downloads the upload, probes it, transcodes each rendition, makes the poster, stores it
/// all under the generation's prefix and marks the video ready (the lesson's duration is the video's from then on).
/// While it works, a heartbeat renews the lease and records progress, which also goes live to the teacher; a heartbeat
/// that finds the job gone (replaced or deleted) cancels the work, and what it made is deleted.
/// </summary>
public sealed class VideoProcessor(IServiceScopeFactory scopes, BlobServiceClient blobs, IEventPublisher publisher, IOptions<VideoOptions> options,
    TimeProvider clock, ILogger<VideoProcessor> logger)
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(CourseMedia.Container);

    public async Task RunAsync(VideoJob job, string owner, CancellationToken stopping)
    {
        var settings = options.Value;
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var progress = new Progress(job, this);
        var heartbeat = HeartbeatAsync(job, owner, progress, lost);
        var folder = Path.Combine(Path.GetTempPath(), "coursehub-video", $"{job.LessonId:N}-{job.Generation:N}");
        var prefix = VideoBlobs.GenerationPrefix(job.LessonId, job.Generation);
        try
        {
            if (job.Attempts > settings.MaxAttempts)
            {
                await FailAsync(job, owner, progress, $"Processing stopped {job.Attempts - 1} times before it could finish (the Worker restarted); retry it.", false);
                return;
            }
            Directory.CreateDirectory(folder);
            var source = Path.Combine(folder, "source");
            progress.Report(1, "downloading");
            await Container.GetBlobClient(job.SourceBlobName).DownloadToAsync(source, lost.Token);

            progress.Report(3, "probing");
            var ffmpeg = new Ffmpeg(settings);
            var probe = await ffmpeg.ProbeAsync(source, lost.Token);
            await WithJobsAsync(jobs => jobs.RecordProbeAsync(job, owner, probe, lost.Token));
            var renditions = HlsLadder.For(probe, settings.LadderHeights());
            var watermark = await WithJobsAsync(jobs => jobs.WatermarkAsync(job.CourseId, lost.Token));
            string? filter = null;
            if (watermark is not null)
            {
                var textFile = Path.Combine(folder, "watermark.txt");
                await File.WriteAllTextAsync(textFile, watermark.Text, lost.Token);
                filter = HlsLadder.WatermarkFilter(watermark, textFile, settings.WatermarkFont);
            }

            var output = Path.Combine(folder, "hls");
            for (var i = 0; i < renditions.Count; i++)
            {
                var rendition = renditions[i];
                var renditionFolder = Path.Combine(output, rendition.Name);
                Directory.CreateDirectory(renditionFolder);
                var (from, share) = (5 + 80 * i / renditions.Count, 80 / renditions.Count);
                progress.Report(from, $"transcoding {rendition.Name}");
                var timer = Stopwatch.StartNew();
                await ffmpeg.TranscodeAsync(HlsLadder.Arguments(source, renditionFolder, rendition, probe.AudioCodec is not null, settings.SegmentSeconds,
                    settings.Preset, filter), seconds => progress.Report(from + (int)(share * Math.Min(1, seconds / probe.DurationSeconds)),
                    $"transcoding {rendition.Name}"), lost.Token);
                logger.LogInformation("Lesson {LessonId}: {Rendition} transcoded at {Speed:0.00}x real time", job.LessonId, rendition.Name,
                    probe.DurationSeconds / Math.Max(0.001, timer.Elapsed.TotalSeconds));
            }

            progress.Report(86, "poster");
            var posterAt = Math.Min(1.0, probe.DurationSeconds / 3).ToString("0.###", CultureInfo.InvariantCulture);
            await ffmpeg.TranscodeAsync(["-ss", posterAt, "-i", source, "-frames:v", "1", "-vf", $"scale=-2:{Math.Min(720, probe.Height - probe.Height % 2)}",
                "-q:v", "3", Path.Combine(output, "poster.jpg")], _ => { }, lost.Token);
            await File.WriteAllTextAsync(Path.Combine(output, "master.m3u8"), HlsLadder.MasterPlaylist(renditions, probe.AudioCodec is not null), lost.Token);

            progress.Report(90, "publishing");
            var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories);
            for (var i = 0; i < files.Length; i++)
            {
                var name = prefix + Path.GetRelativePath(output, files[i]).Replace('\\', '/');
                await Container.GetBlobClient(name).UploadAsync(files[i], new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = TypeOf(name) } },
                    lost.Token);
                progress.Report(90 + 9 * (i + 1) / files.Length, "publishing");
            }
            if (await WithJobsAsync(jobs => jobs.CompleteAsync(job, owner, probe, renditions, lost.Token)))
            {
                progress.Publish("ready", 100, "ready", null, (int)Math.Round(probe.DurationSeconds));
                logger.LogInformation("Lesson {LessonId} generation {Generation} is ready: {Renditions}", job.LessonId, job.Generation,
                    string.Join(", ", renditions.Select(r => r.Name)));
            }
            else
            {
                await DeletePrefixAsync(prefix);
            }
        }
        catch (VideoRefusedException refused)
        {
            await DeletePrefixAsync(prefix);
            if (await FailAsync(job, owner, progress, refused.Message, removeUpload: true))
            {
                await DeleteQuietlyAsync(job.SourceBlobName);
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The heartbeat found the job replaced or deleted: its files are nobody's.
            logger.LogInformation("Lesson {LessonId} generation {Generation} was replaced or removed; stopped its processing", job.LessonId, job.Generation);
            await DeletePrefixAsync(prefix);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: back in the queue for this or another Worker (a kill instead leaves it to the lease).
            await WithJobsAsync(jobs => jobs.ReleaseAsync(job, owner, "queued (the Worker stopped)", CancellationToken.None));
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            logger.LogWarning(ex, "Processing lesson {LessonId} failed (attempt {Attempt})", job.LessonId, job.Attempts);
            if (job.Attempts >= settings.MaxAttempts)
            {
                await FailAsync(job, owner, progress, $"Processing failed {job.Attempts} times ({ex.Message}); retry it later.", removeUpload: false);
            }
            else
            {
                await WithJobsAsync(jobs => jobs.ReleaseAsync(job, owner, "queued (retrying after an error)", CancellationToken.None));
            }
        }
        finally
        {
            await lost.CancelAsync();
            await heartbeat;
            await progress.DisposeAsync();
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete the work folder {Folder}", folder);
            }
        }
    }

    private async Task<bool> FailAsync(VideoJob job, string owner, Progress progress, string reason, bool removeUpload)
    {
        var removed = await WithJobsAsync(jobs => jobs.FailAsync(job, owner, reason, removeUpload, CancellationToken.None));
        progress.Publish("failed", 0, "failed", reason, null);
        logger.LogInformation("Lesson {LessonId} generation {Generation} failed: {Reason}", job.LessonId, job.Generation, reason);
        return removed;
    }

    private async Task HeartbeatAsync(VideoJob job, string owner, Progress progress, CancellationTokenSource lost)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.Heartbeat, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(lost.Token))
            {
                var (percent, step) = progress.Current;
                bool mine;
                try
                {
                    mine = await WithJobsAsync(jobs => jobs.HeartbeatAsync(job, owner, settings.Lease, percent, step, lost.Token));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database hiccup: the lease has room for a few missed beats.
                    logger.LogWarning(ex, "Heartbeat of lesson {LessonId} failed", job.LessonId);
                    continue;
                }
                if (!mine)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<T> WithJobsAsync<T>(Func<VideoJobs, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<VideoJobs>());
    }

    private async Task WithJobsAsync(Func<VideoJobs, Task> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<VideoJobs>());
    }

    private async Task PublishAsync(VideoJob job, string status, int percent, string? step, string? reason, int? duration)
    {
        try
        {
            await publisher.PublishAsync(OutgoingMessage.Create(new VideoProcessingChanged(job.TeacherId, job.CourseId, job.LessonId, job.Generation,
                status, percent, step, reason, duration), clock: clock), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Live progress is a courtesy: the studio reads the row when it opens.
            logger.LogDebug(ex, "Could not publish the progress of lesson {LessonId}", job.LessonId);
        }
    }

    private async Task DeletePrefixAsync(string prefix)
    {
        try
        {
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
            {
                await Container.DeleteBlobIfExistsAsync(blob.Name);
            }
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not delete {Prefix}; the media sweep will", prefix);
        }
    }

    private async Task DeleteQuietlyAsync(string blobName)
    {
        try
        {
            await Container.DeleteBlobIfExistsAsync(blobName);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not delete the refused upload {BlobName}; the media sweep will", blobName);
        }
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".ts" => "video/mp2t",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };

    /// <summary>The job's percent and step, sent live to the teacher in order (at most a few a second) without holding up the work.</summary>
    private sealed class Progress : IAsyncDisposable
    {
        private readonly VideoJob _job;
        private readonly VideoProcessor _processor;
        private readonly Channel<(int Percent, string Step)> _updates =
            Channel.CreateBounded<(int, string)>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest });
        private readonly Task _sender;
        private (int Percent, string Step) _current = (0, "starting");
        private long _lastSentAt;

        public Progress(VideoJob job, VideoProcessor processor)
        {
            (_job, _processor) = (job, processor);
            _sender = Task.Run(async () =>
            {
                await foreach (var (percent, step) in _updates.Reader.ReadAllAsync())
                {
                    await _processor.PublishAsync(_job, "processing", percent, step, null, null);
                }
            });
        }

        public (int Percent, string Step) Current => _current;

        public void Report(int percent, string step)
        {
            var previous = _current;
            _current = (Math.Clamp(percent, 0, 99), step);
            var now = Environment.TickCount64;
            // Every new step, and within one a percent change at most every half second.
            if (step != previous.Step || (percent != previous.Percent && now - _lastSentAt >= 500))
            {
                _lastSentAt = now;
                _updates.Writer.TryWrite(_current);
            }
        }

        /// <summary>The final word, after every progress update still queued.</summary>
        public void Publish(string status, int percent, string step, string? reason, int? duration)
        {
            _updates.Writer.TryComplete();
            _final = () => _processor.PublishAsync(_job, status, percent, step, reason, duration);
        }

        private Func<Task>? _final;

        public async ValueTask DisposeAsync()
        {
            _updates.Writer.TryComplete();
            await _sender;
            if (_final is not null)
            {
                await _final();
            }
        }
    }
}
