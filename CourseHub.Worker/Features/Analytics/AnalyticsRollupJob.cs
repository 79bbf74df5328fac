using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using Quartz;
using StackExchange.Redis;

namespace CourseHub.Worker.Features.Analytics;

/// <summary>
/// Keeps the dashboard's daily roll-ups up to yesterday. Clustered Quartz fires it on one replica at a time; it recomputes
/// from the last rolled-up day, so after the Worker was down it catches up every missed day in its first run. First it adds
/// the course page views counted in Redis since its last run (<see cref="CourseViewFlush"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class AnalyticsRollupJob(CourseHubDbContext db, CourseViewFlush views, TimeProvider clock, ILogger<AnalyticsRollupJob> logger) : IJob
{
    public static readonly JobKey Key = new("analytics-rollup", "analytics");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await views.FlushAsync(cancellationToken);
        }
        catch (RedisException ex)
        {
            // Views wait in Redis for the next run; the money and activity roll-ups do not depend on them.
            logger.LogWarning("Course page views not flushed this time: {Reason}", ex.Message);
        }
        var days = await db.CatchUpAsync(clock, cancellationToken);
        if (days > 0)
        {
            logger.LogInformation("Rolled up {Days} day(s) of analytics", days);
        }
    }
}
