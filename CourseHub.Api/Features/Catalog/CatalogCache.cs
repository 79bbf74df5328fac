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

    public async ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken)
    {
        if (version.Current is not { } current)
        {
            return await factory(cancellationToken);
        }
        try
        {
            return await cache.GetOrCreateAsync($"catalog:v{current}:{key}", factory, Entry, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Catalog cache unavailable, reading the database: {Reason}", ex.Message);
            return await factory(cancellationToken);
        }
    }

    public Task InvalidateAsync() => version.InvalidateAsync();
}
