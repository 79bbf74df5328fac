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
/// The per-user send limit, a sliding window counted in Redis so it holds across every Realtime replica, and the typing
/// throttle. While Redis is unreachable both let everything through (losing Redis costs limits, never messages).
/// </summary>
public sealed class ChatRateLimiter(IConnectionMultiplexer redis, IOptions<ChatOptions> options, TimeProvider clock, ILogger<ChatRateLimiter> logger)
{
    // A sliding window: the send times of the last window in a sorted set, so no span of the window's length ever holds
    // more than the limit (a fixed window would let twice the limit through around its boundary).
    private const string SlidingWindowScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    public int Limit => options.Value.RateLimit.Messages;
    public TimeSpan Window => TimeSpan.FromSeconds(options.Value.RateLimit.WindowSeconds);

    public async Task<bool> TryAcquireAsync(Guid userId, CancellationToken cancellationToken)
    {
        var window = (long)Window.TotalMilliseconds;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            var allowed = (long)await redis.GetDatabase().ScriptEvaluateAsync(SlidingWindowScript,
                [new RedisKey($"coursehub:chat:rate:{userId}")], [now, window, Limit, Guid.NewGuid().ToString("N")]);
            return allowed == 1;
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
