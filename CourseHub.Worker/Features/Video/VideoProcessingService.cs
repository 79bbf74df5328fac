using CourseHub.Domain.IntegrationEvents;
using CourseHub.EventBus;
using Microsoft.Extensions.Options;

namespace CourseHub.Worker.Features.Video;

/// <summary>
/// The Worker's video slots (<see cref="VideoOptions.ConcurrentJobs"/>, one by default): each claims the next job from
/// <c>lesson_videos</c> and processes it. A <see cref="VideoUploaded"/> event wakes an idle slot at once; the poll
/// catches jobs whose Worker died (their lease ran out) and events handled by another replica whose slots were busy.
/// </summary>
public sealed class VideoProcessingService(IServiceScopeFactory scopes, VideoProcessor processor, VideoWakeUp wakeUp, IOptions<VideoOptions> options,
    ILogger<VideoProcessingService> logger) : BackgroundService
{
    /// <summary>Names this process in leases: host and process id (a restarted Worker is another owner).</summary>
    private static readonly string Owner = $"{Environment.MachineName}/{Environment.ProcessId}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.ConcurrentJobs)).Select(slot => RunSlotAsync(slot, stoppingToken)));

    private async Task RunSlotAsync(int slot, CancellationToken stoppingToken)
    {
        var owner = $"{Owner}/{slot}";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                VideoJob? job;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    job = await scope.ServiceProvider.GetRequiredService<VideoJobs>().ClaimAsync(owner, options.Value.Lease, stoppingToken);
                }
                if (job is null)
                {
                    await wakeUp.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }
                logger.LogInformation("Processing the video of lesson {LessonId} (generation {Generation}, take {Attempt})", job.LessonId, job.Generation,
                    job.Attempts);
                await processor.RunAsync(job, owner, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Video slot {Slot} failed; trying again shortly", slot);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>Wakes idle video slots when work arrives.</summary>
public sealed class VideoWakeUp
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Signal()
    {
        // A few permits at most: enough to wake every slot, not a backlog of wake-ups.
        if (_signal.CurrentCount < 8)
        {
            _signal.Release();
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>A <see cref="VideoUploaded"/> reached this Worker: the job is already in the table, so waking a slot is all there is to do.</summary>
public sealed class VideoUploadedHandler(VideoWakeUp wakeUp) : IEventHandler<VideoUploaded>
{
    public Task HandleAsync(VideoUploaded message, MessageContext context, CancellationToken cancellationToken)
    {
        wakeUp.Signal();
        return Task.CompletedTask;
    }
}
