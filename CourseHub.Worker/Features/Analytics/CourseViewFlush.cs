using CourseHub.Domain;
using CourseHub.Domain.Analytics;
using StackExchange.Redis;

namespace CourseHub.Worker.Features.Analytics;

/// <summary>
/// Moves the course page views counted in Redis into <c>analytics_daily_course_views</c> (see <see cref="CourseViewCounts"/>):
/// the pending hash is renamed (new views start a new one at once), its counts are added in one statement, then it is deleted.
/// A run that died after the rename finds the renamed hash and adds it first. Losing Redis loses the views not flushed yet.
/// </summary>
public sealed class CourseViewFlush(IConnectionMultiplexer redis, CourseHubDbContext db, ILogger<CourseViewFlush> logger)
{
    /// <summary>Answers the number of (day, course) counts added.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var store = redis.GetDatabase();
        if (!await store.KeyExistsAsync(CourseViewCounts.FlushingKey))
        {
            if (!await store.KeyExistsAsync(CourseViewCounts.PendingKey))
            {
                return 0;
            }
            // RENAMENX: only one flush holds the batch (the job does not run concurrently, this makes sure of it).
            if (!await store.KeyRenameAsync(CourseViewCounts.PendingKey, CourseViewCounts.FlushingKey, When.NotExists))
            {
                return 0;
            }
        }
        var fields = await store.HashGetAllAsync(CourseViewCounts.FlushingKey);
        var views = CourseViewCounts.Parse(fields.Select(f => new KeyValuePair<string, long>(f.Name.ToString(), (long)f.Value)));
        await db.AddCourseViewsAsync(views, cancellationToken);
        // A crash between the insert above and this delete would add the batch twice on the next run (a minute's views at most).
        await store.KeyDeleteAsync(CourseViewCounts.FlushingKey);
        if (views.Count > 0)
        {
            logger.LogInformation("Added {Count} course page view count(s) to the roll-ups", views.Count);
        }
        return views.Count;
    }
}
