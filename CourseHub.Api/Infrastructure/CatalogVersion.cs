using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The catalog's version number, kept in Redis (<see cref="VersionKey"/>) and part of every catalog
/// cache key. Whatever changes a published course calls <see cref="InvalidateAsync"/> after saving:
/// it increments the version and announces it on <see cref="Channel"/>, so every Api replica moves
/// to fresh cache keys at once (a 500 ms poll of the key covers a missed message). While Redis is
/// unreachable the version is unknown and the catalog reads the database directly: slower, never stale.
/// </summary>
public sealed class CatalogVersion : IAsyncDisposable
{
    public const string VersionKey = "coursehub:catalog:version";
    public static readonly RedisChannel Channel = RedisChannel.Literal("coursehub:catalog:changed");

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Timer _poll;
    private long _version = -1;
    private int _pendingBump;

    public CatalogVersion(IConnectionMultiplexer redis, ILogger<CatalogVersion> logger, TimeProvider? clock = null)
    {
        _redis = redis;
        _clock = clock ?? TimeProvider.System;
        _logger = logger;
        _redis.ConnectionRestored += OnConnectionRestored;
        _redis.ConnectionFailed += (_, _) => Interlocked.Exchange(ref _version, -1);
        _poll = new Timer(_ => _ = RefreshAsync(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        _ = SubscribeAsync();
    }

    /// <summary>The current version, or null when Redis cannot be trusted right now (then: do not cache).</summary>
    public long? Current => _redis.IsConnected && Interlocked.Read(ref _version) is >= 0 and var version ? version : null;

    /// <summary>Call after saving any change that a catalog reader could see.</summary>
    public async Task InvalidateAsync()
    {
        if (!_redis.IsConnected)
        {
            // Remembered: the version is bumped as soon as Redis is back (and readers do not cache meanwhile).
            Interlocked.Exchange(ref _pendingBump, 1);
            Interlocked.Exchange(ref _version, -1);
            return;
        }
        try
        {
            var version = await BumpAsync(_redis.GetDatabase());
            SetAtLeast(version);
            await _redis.GetSubscriber().PublishAsync(Channel, version);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Could not bump the catalog version; will retry when Redis is back");
            Interlocked.Exchange(ref _pendingBump, 1);
            Interlocked.Exchange(ref _version, -1);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
            {
                if (message.TryParse(out long version))
                {
                    SetAtLeast(version);
                }
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Catalog change channel not subscribed yet: {Reason}", ex.Message);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // Changes saved while Redis was away did not bump the version, and other replicas' caches
        // may predate them: move everyone to fresh keys once.
        Interlocked.Exchange(ref _pendingBump, 1);
        _ = RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        if (!_redis.IsConnected)
        {
            return;
        }
        try
        {
            var db = _redis.GetDatabase();
            if (Interlocked.Exchange(ref _pendingBump, 0) == 1)
            {
                var bumped = await BumpAsync(db);
                await _redis.GetSubscriber().PublishAsync(Channel, bumped);
            }
            var value = await db.StringGetAsync(VersionKey);
            if (!value.TryParse(out long version))
            {
                version = await BumpAsync(db);
            }
            // Exchange, not max: Redis is the truth (a GET racing a bump is corrected by the next poll).
            Interlocked.Exchange(ref _version, version);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _version, -1);
        }
    }

    /// <summary>
    /// INCR, but a missing key (a fresh or wiped Redis) starts from the current Unix time in ms, so
    /// a version number is never reused and old cache entries can never be mistaken for new ones.
    /// </summary>
    private async Task<long> BumpAsync(IDatabase db)
    {
        var result = await db.ScriptEvaluateAsync(
            "if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end return redis.call('INCR', KEYS[1])",
            [VersionKey], [_clock.GetUtcNow().ToUnixTimeMilliseconds()]);
        return (long)result;
    }

    private void SetAtLeast(long version)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _version);
            if (current >= version)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _version, version, current) != current);
    }

    public async ValueTask DisposeAsync()
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        await _poll.DisposeAsync();
    }
}
