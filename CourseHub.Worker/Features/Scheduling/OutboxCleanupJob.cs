using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CourseHub.Worker.Features.Scheduling;

/// <summary>Keeps the outbox and inbox small: published events and processed ids (and abandoned claims) older than the retention period go.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxCleanupJob(CourseHubDbContext db, TimeProvider clock, ILogger<OutboxCleanupJob> logger) : IJob
{
    public static readonly JobKey Key = new("outbox-cleanup", "maintenance");
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await CleanAsync(cancellationToken);

    /// <summary>Returns how many outbox and inbox rows were deleted.</summary>
    public async Task<(int Outbox, int Inbox)> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - Retention;
        var outbox = await db.OutboxMessages.Where(message => message.SentAt != null && message.SentAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        // Also claims abandoned that long ago (a consumer crashed mid-message and the message never came back).
        var inbox = await db.InboxMessages.Where(message => message.ProcessedAt < cutoff || (message.ProcessedAt == null && message.ClaimedUntil < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Removed {Outbox} published outbox rows and {Inbox} inbox rows older than {Cutoff:u}", outbox, inbox, cutoff);
        return (outbox, inbox);
    }
}
