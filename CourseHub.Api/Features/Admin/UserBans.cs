using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using StackExchange.Redis;

namespace CourseHub.Api.Features.Admin;

/// <summary>
/// Banning a user, for the admin's user list and the moderation queue alike: the ban is saved and audited, every session
/// ends at once, and the ban reaches the Redis set every service checks (access tokens stop working within a minute).
/// </summary>
[FeatureSeam]
public sealed class UserBans(CourseHubDbContext db, TokenService tokens, TimeProvider clock, IConnectionMultiplexer redis, ILogger<UserBans> logger)
{
    public async Task BanAsync(AppUser target, ClaimsPrincipal admin, string? reason, CancellationToken cancellationToken)
    {
        if (target.BannedAt is null)
        {
            target.BannedAt = clock.GetUtcNow();
            db.Record(clock, admin, "user.banned", target: target, details: reason);
            await db.SaveChangesAsync(cancellationToken);
        }
        await tokens.RevokeAllAsync(target.Id, "banned", cancellationToken);
        try
        {
            await redis.GetDatabase().SetAddAsync(BannedUsers.RedisKey, target.Id.ToString());
        }
        catch (RedisException ex)
        {
            // The periodic sync writes it within half a minute.
            logger.LogWarning("Could not add the ban to Redis yet: {Reason}", ex.Message);
        }
    }
}
