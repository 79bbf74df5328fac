using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CourseHub.Realtime.Features.Chat;

/// <summary>Chat limits (configuration section <c>Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary><c>Chat:RateLimit:Messages</c> per <c>Chat:RateLimit:WindowSeconds</c>: default 20 per 10 s.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary><c>Chat:TypingThrottleSeconds</c>: at most one TypingStarted per user and conversation this often (default 2).</summary>
    public double TypingThrottleSeconds { get; set; } = 2;

    public sealed class RateLimitOptions
    {
        public int Messages { get; set; } = 20;
        public int WindowSeconds { get; set; } = 10;
    }
}

/// <summary>
/// The per-user send limit, a fixed window counted in Redis so it holds across every Realtime replica, and the typing
/// throttle. While Redis is unreachable both let everything through (losing Redis costs limits, never messages).
/// </summary>
public sealed class ChatRateLimiter(IConnectionMultiplexer redis, IOptions<ChatOptions> options, TimeProvider clock, ILogger<ChatRateLimiter> logger)
{
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    public int Limit => options.Value.RateLimit.Messages;
    public TimeSpan Window => TimeSpan.FromSeconds(options.Value.RateLimit.WindowSeconds);

    public async Task<bool> TryAcquireAsync(Guid userId, CancellationToken cancellationToken)
    {
        var window = (long)Window.TotalMilliseconds;
        var bucket = clock.GetUtcNow().ToUnixTimeMilliseconds() / window;
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(CountScript,
                [new RedisKey($"coursehub:chat:rate:{userId}:{bucket}")], [window * 2]);
            return count <= Limit;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Chat rate limit not checked: Redis is unreachable");
            return true;
        }
    }

    public async Task<bool> TypingAllowedAsync(Guid conversationId, Guid userId)
    {
        try
        {
            return await redis.GetDatabase().StringSetAsync($"coursehub:chat:typing:{conversationId}:{userId}", 1,
                TimeSpan.FromSeconds(options.Value.TypingThrottleSeconds), When.NotExists);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Typing not throttled: Redis is unreachable");
            return true;
        }
    }
}
