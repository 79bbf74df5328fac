using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

using CourseHub.Api.Infrastructure;

namespace CourseHub.Api.Features.Catalog;

/// <summary>Hot catalog reads through HybridCache (in-process L1, Redis L2), keyed by the catalog version.</summary>
public sealed class CatalogCache(HybridCache cache, CatalogVersion version, ILogger<CatalogCache> logger)
{
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(2),
    };

    /// <summary>
    /// Search pages stay in this replica's memory only: a stream of distinct searches would otherwise fill Redis with entries
    /// nobody asks for twice, and the index computes a missed search about as fast as Redis returns a stored one.
    /// </summary>
    private static readonly HybridCacheEntryOptions LocalEntry = new()
    {
        Expiration = TimeSpan.FromMinutes(2),
        LocalCacheExpiration = TimeSpan.FromMinutes(2),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    public async ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
        await GetOrCreateAsync(key, factory, Entry, cancellationToken);

    /// <summary>Like <see cref="GetOrCreateAsync{T}(string, Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>, kept in this replica only.</summary>
    public async ValueTask<T> GetOrCreateLocalAsync<T>(string key, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
        await GetOrCreateAsync(key, factory, LocalEntry, cancellationToken);

    private async ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions entry,
        CancellationToken cancellationToken)
    {
        if (version.Current is not { } current)
        {
            return await factory(cancellationToken);
        }
        try
        {
            return await cache.GetOrCreateAsync($"catalog:v{current}:{key}", factory, entry, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Catalog cache unavailable, reading the database: {Reason}", ex.Message);
            return await factory(cancellationToken);
        }
    }

    public Task InvalidateAsync() => version.InvalidateAsync();
}
