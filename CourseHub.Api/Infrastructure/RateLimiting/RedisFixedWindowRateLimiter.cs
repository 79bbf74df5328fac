using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure.RateLimiting;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every Api replica counts against the same permits.
/// Windows are aligned to the clock (window number = Unix seconds / window length), so replicas agree on which
/// window a request falls in without talking to each other; the counter key carries the window number and expires
/// shortly after its window.
/// </summary>
/// <remarks>
/// Redis is never a reason to refuse a request: when it cannot be reached within <see cref="RedisTimeout"/>, the
/// permit is granted and a warning logged (losing Redis degrades protection, it never locks people out).
/// </remarks>
public sealed class RedisFixedWindowRateLimiter(
    IConnectionMultiplexer redis,
    string key,
    int permitLimit,
    TimeSpan window,
    TimeProvider time,
    ILogger logger) : RateLimiter
{
    /// <summary>How long a request waits for Redis before it is let through uncounted.</summary>
    public static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);

    // Count and, for a new window's first permit, set the key's expiry in one atomic step: a crash between an INCR
    // and a separate EXPIRE would leave a counter that never expires.
    private const string CountScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count == tonumber(ARGV[1]) then
            redis.call('EXPIRE', KEYS[1], ARGV[2])
        end
        return count
        """;

    private readonly long _windowSeconds = Math.Max(1, (long)window.TotalSeconds);
    private int _active;
    private long _idleSince = time.GetTimestamp();

    /// <summary>
    /// How long no request has used this limiter: the partitioned limiter drops idle partitions, so one limiter per
    /// client address and endpoint does not pile up in memory.
    /// </summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _active) > 0 ? null : time.GetElapsedTime(Volatile.Read(ref _idleSince));

    /// <summary>The counter is shared by every replica; this process has no statistics of its own to offer.</summary>
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// Counting needs a round trip to Redis, which a synchronous attempt cannot make: it acquires nothing, and the
    /// rate-limiting middleware then asks again through <see cref="AcquireAsyncCore"/>, which does the counting.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotCounted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        Interlocked.Increment(ref _active);
        try
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            var windowNumber = now / _windowSeconds;
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, (windowNumber + 1) * _windowSeconds - now));
            var counter = new RedisKey($"{key}:{windowNumber}");
            var database = redis.GetDatabase();
            long count;
            if (permitCount == 0)
            {
                // Only asking whether a permit is left.
                count = (long)await database.StringGetAsync(counter).WaitAsync(RedisTimeout, cancellationToken);
                return count < permitLimit ? Lease.Granted : Lease.Refused(retryAfter);
            }
            // The key outlives its window by a few seconds, for replicas whose clocks are slightly apart.
            var result = await database.ScriptEvaluateAsync(CountScript, [counter], [permitCount, _windowSeconds + 5])
                .WaitAsync(RedisTimeout, cancellationToken);
            count = (long)result;
            return count <= permitLimit ? Lease.Granted : Lease.Refused(retryAfter);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Rate limiting skipped for {Key}, Redis unavailable: {Reason}", key, ex.Message);
            return Lease.Granted;
        }
        finally
        {
            Volatile.Write(ref _idleSince, time.GetTimestamp());
            Interlocked.Decrement(ref _active);
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease NotCounted = new(false, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
