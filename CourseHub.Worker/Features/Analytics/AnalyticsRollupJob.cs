using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Quartz;

namespace CourseHub.Worker.Features.Analytics;

/// <summary>
/// Keeps the dashboard's daily roll-ups up to yesterday. Clustered Quartz fires it on one replica at a time; it recomputes
/// from the last rolled-up day, so after the Worker was down it catches up every missed day in its first run.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AnalyticsRollupJob(CourseHubDbContext db, TimeProvider clock, ILogger<AnalyticsRollupJob> logger) : IJob
{
    public static readonly JobKey Key = new("analytics-rollup", "analytics");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var days = await db.CatchUpAsync(clock, cancellationToken);
        if (days > 0)
        {
            logger.LogInformation("Rolled up {Days} day(s) of analytics", days);
        }
    }
}
