using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CourseHub.Authentication;

/// <summary>Where a service that holds the sessions (the Api, with the refresh tokens) looks a session up.</summary>
public interface ISessionSource
{
    /// <summary>Whether the session (a refresh-token family) exists and has not been revoked.</summary>
    Task<bool> IsLiveAsync(Guid sessionId, CancellationToken cancellationToken);
}

/// <summary>
/// Makes "sign out", "sign out everywhere", a role change, a ban and a password change take effect on the next
/// request on every replica, not when the access token expires. Each access token names its session (the
/// <see cref="Claim"/> claim: the refresh-token family it was issued with); ending sessions marks them ended in Redis
/// (<see cref="EndAsync"/>), and every authenticated request checks its session there: one Redis read, nothing
/// cached in-process, so no replica lags. A session Redis does not know is looked up in the database by the Api
/// (<see cref="ISessionSource"/>) and remembered briefly; with Redis unreachable the Api asks the database every
/// time. A service without the database (Realtime) lets a token through only when Redis cannot tell.
/// </summary>
public sealed class LiveSessions(IServiceProvider services, ILogger<LiveSessions> logger)
{
    public const string Claim = "sid";

    /// <summary>An ended session is remembered longer than any access token lives.</summary>
    public static readonly TimeSpan EndedFor = TimeSpan.FromHours(2);

    /// <summary>
    /// A live session is remembered only briefly: should marking it ended ever fail while Redis still answers reads,
    /// the database is asked again within this time.
    /// </summary>
    public static readonly TimeSpan LiveFor = TimeSpan.FromSeconds(60);

    private const string Live = "live";
    private const string Ended = "ended";

    private static RedisKey Key(Guid sessionId) => $"coursehub:auth:session:{sessionId:N}";

    /// <summary>Whether the session a token names is still live.</summary>
    public async Task<bool> IsLiveAsync(string? sessionClaim, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(sessionClaim, out var sessionId))
        {
            return false;
        }
        var database = services.GetService<IConnectionMultiplexer>()?.GetDatabase();
        var redisAnswered = false;
        if (database is not null)
        {
            try
            {
                var known = await database.StringGetAsync(Key(sessionId)).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                redisAnswered = true;
                if (known.HasValue)
                {
                    return known == Live;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug("Session state not readable from Redis: {Reason}", ex.Message);
            }
        }
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<ISessionSource>() is not { } source)
        {
            // No database here: an ended session is in Redis for longer than its tokens live, so an unknown one is live;
            // with Redis unreachable nothing can tell, and the token goes through.
            return true;
        }
        var live = await source.IsLiveAsync(sessionId, cancellationToken);
        if (database is not null && redisAnswered)
        {
            try
            {
                // NotExists: an "ended" written meanwhile is never overwritten by this older answer.
                await database.StringSetAsync(Key(sessionId), live ? Live : Ended, live ? LiveFor : EndedFor, When.NotExists)
                    .WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug("Session state not cached in Redis: {Reason}", ex.Message);
            }
        }
        return live;
    }

    /// <summary>Marks sessions ended for every service; call after revoking them in the database.</summary>
    public async Task EndAsync(IReadOnlyCollection<Guid> sessionIds)
    {
        if (sessionIds.Count == 0 || services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return;
        }
        try
        {
            var batch = sessionIds.Select(id => new KeyValuePair<RedisKey, RedisValue>(Key(id), Ended)).ToArray();
            var database = redis.GetDatabase();
            await Task.WhenAll(batch.Select(entry => database.StringSetAsync(entry.Key, entry.Value, EndedFor))).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // While Redis is unreachable the Api reads the database; a "live" entry it still holds expires within LiveFor.
            logger.LogWarning("Could not mark {Count} ended session(s) in Redis: {Reason}", sessionIds.Count, ex.Message);
        }
    }
}
