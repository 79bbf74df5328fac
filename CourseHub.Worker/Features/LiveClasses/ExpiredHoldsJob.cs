using CourseHub.Domain;
using CourseHub.Domain.LiveClasses;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CourseHub.Worker.Features.LiveClasses;

/// <summary>
/// Marks expired, every minute, the requests whose hold ran out unanswered. Correctness does not wait for it (the Api expires
/// a stale hold in the transaction that writes over it, and shows it expired at once); this keeps the stored status true for
/// everything that reads the table.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ExpiredHoldsJob(CourseHubDbContext db, TimeProvider clock, ILogger<ExpiredHoldsJob> logger) : IJob
{
    public static readonly JobKey Key = new("live-class-expired-holds", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await db.LiveBookings.Where(b => b.Status == BookingStatus.Pending && b.HoldExpiresAt <= now)
            .ExecuteUpdateAsync(update => update.SetProperty(b => b.Status, BookingStatus.Expired).SetProperty(b => b.UpdatedAt, now), cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("Marked {Count} unanswered live-class requests expired", expired);
        }
    }
}
