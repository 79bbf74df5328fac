using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace CourseHub.Web.Features.Catalog;

/// <summary>
/// The catalog version the Api keeps in Redis and bumps after every catalog change (key <see cref="VersionKey"/>, announced on
/// <see cref="Channel"/>): the Web reads it, never writes it. Anonymous catalog pages are cached under it
/// (<see cref="CatalogPageCacheAttribute"/>), so a change moves every Web replica to fresh entries within a second — the channel at
/// once, a 500 ms poll of the key when a message is missed — and the old entries are evicted.
/// </summary>
public sealed class CatalogVersionReader : IAsyncDisposable
{
    public const string VersionKey = "coursehub:catalog:version";
    public static readonly RedisChannel Channel = RedisChannel.Literal("coursehub:catalog:changed");

    /// <summary>
    /// How long a new version is read through before pages are cached under it: every Api replica has moved to it by then
    /// (their own poll is 500 ms), so a page rendered from a replica still on the old version is never kept under the new one.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly IOutputCacheStore _pages;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Timer _poll;
    private readonly Lock _gate = new();
    private long _version = -1;
    private long _seenAt;

    public CatalogVersionReader(IConnectionMultiplexer redis, IOutputCacheStore pages, TimeProvider clock, ILogger<CatalogVersionReader> logger)
    {
        _redis = redis;
        _pages = pages;
        _clock = clock;
        _logger = logger;
        _redis.ConnectionFailed += (_, _) => Observe(-1);
        _poll = new Timer(_ => _ = RefreshAsync(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        _ = SubscribeAsync();
    }

    /// <summary>The version pages may be cached under now; null while it is unknown (Redis away) or still settling.</summary>
    public long? Cacheable
    {
        get
        {
            lock (_gate)
            {
                return _version >= 0 && _redis.IsConnected && _clock.GetElapsedTime(_seenAt) >= Settle ? _version : null;
            }
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            // A queue, not a handler: the announcements are applied one at a time, in the order they were published.
            var announcements = await _redis.GetSubscriber().SubscribeAsync(Channel);
            announcements.OnMessage(announcement =>
            {
                if (announcement.Message.TryParse(out long version))
                {
                    Observe(version);
                }
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The poll still finds every change, within half a second.
            _logger.LogWarning("Catalog change channel not subscribed: {Reason}", ex.Message);
        }
    }

    private async Task RefreshAsync()
    {
        if (!_redis.IsConnected)
        {
            Observe(-1);
            return;
        }
        try
        {
            var value = await _redis.GetDatabase().StringGetAsync(VersionKey);
            // No key yet: the Api makes it at its first catalog read; until then nothing is cached.
            Observe(value.TryParse(out long version) ? version : -1);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Observe(-1);
        }
    }

    /// <summary>A version read from Redis (-1: unknown). A different one restarts the settling and drops the cached pages.</summary>
    private void Observe(long version)
    {
        lock (_gate)
        {
            if (version == _version)
            {
                return;
            }
            _version = version;
            _seenAt = _clock.GetTimestamp();
        }
        _ = EvictAsync();
    }

    private async Task EvictAsync()
    {
        try
        {
            await _pages.EvictByTagAsync(CatalogPageCacheAttribute.Tag, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Entries of the old version are never looked up again (the version is part of their key); they expire.
            _logger.LogWarning(ex, "Could not evict the cached catalog pages");
        }
    }

    public async ValueTask DisposeAsync() => await _poll.DisposeAsync();
}
