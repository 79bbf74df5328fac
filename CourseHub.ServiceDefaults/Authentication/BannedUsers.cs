using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CourseHub.Authentication;

/// <summary>
/// The ids of banned users (and of accounts whose deletion is pending), as a Redis set every service reads. The Api adds an id the moment an
/// admin bans the user (or the user deletes the account) and re-writes the set from the database every half minute (so a Redis
/// restart loses nothing for long). Answers are cached here for a few seconds, so a ban reaches
/// every service well within a minute. If Redis is unreachable the check lets the token through
/// (access tokens live at most 15 minutes, and refreshing always checks the database).
/// </summary>
public sealed class BannedUsers(IServiceProvider services, IMemoryCache cache, ILogger<BannedUsers> logger)
{
    public const string RedisKey = "coursehub:auth:banned-users";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    public async Task<bool> IsBannedAsync(string userId, CancellationToken cancellationToken = default)
    {
        var cacheKey = "banned:" + userId;
        if (cache.TryGetValue(cacheKey, out bool banned))
        {
            return banned;
        }
        var redis = services.GetService<IConnectionMultiplexer>();
        if (redis is null)
        {
            return false;
        }
        try
        {
            banned = await redis.GetDatabase().SetContainsAsync(RedisKey, userId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Cannot check the banned-users set, allowing the request: {Reason}", ex.Message);
            return false;
        }
        // A size, because the Api bounds its memory cache (HybridCache's L1) by size: every entry must say its own.
        cache.Set(cacheKey, banned, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        return banned;
    }
}
