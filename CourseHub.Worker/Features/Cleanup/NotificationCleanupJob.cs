using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseHub.Worker.Features.Cleanup;

public sealed class NotificationCleanupOptions
{
    /// <summary>Read notifications older than this (since they were read) are deleted; unread ones are always kept.</summary>
    public TimeSpan ReadRetention { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Deletes notifications that were read more than the retention period ago, so the bell's list stays short and the table
/// small. Nightly; the clustered scheduler runs each firing on one Worker replica.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NotificationCleanupJob(CourseHubDbContext db, IOptions<NotificationCleanupOptions> options, TimeProvider clock,
    ILogger<NotificationCleanupJob> logger) : IJob
{
    public static readonly JobKey Key = new("notification-cleanup", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await CleanAsync(cancellationToken);

    /// <summary>Returns how many notifications were deleted.</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.ReadRetention;
        var deleted = await db.UserNotifications.Where(n => n.ReadAt != null && n.ReadAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Removed {Count} notifications read before {Cutoff:u}", deleted, cutoff);
        return deleted;
    }
}
