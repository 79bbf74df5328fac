using System.Linq.Expressions;
using CourseHub.Authentication;
using CourseHub.Domain.Identity;
using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The Redis set every service checks (<see cref="BannedUsers"/>): its access tokens are refused and Realtime closes its
/// open connections on every replica within seconds. A user is in it while banned or while their account's deletion is
/// pending (deleted, not yet erased). The ban, the unban, the deletion and its restore write it here at once; the Api's
/// periodic sync (<see cref="BannedUsersSync"/>) re-writes it from the same rule, so a lost write is mended within half a minute.
/// </summary>
public sealed class ShutOutUsers(IConnectionMultiplexer redis, ILogger<ShutOutUsers> logger)
{
    /// <summary>Who is shut out, as a query the sync runs against the users table.</summary>
    public static readonly Expression<Func<AppUser, bool>> Rule =
        user => user.BannedAt != null || (user.DeletionRequestedAt != null && user.ErasedAt == null);

    private static readonly Func<AppUser, bool> IsShutOut = Rule.Compile();

    /// <summary>Puts the user into the set or takes them out, as their row says now.</summary>
    public async Task UpdateAsync(AppUser user)
    {
        try
        {
            if (IsShutOut(user))
            {
                await redis.GetDatabase().SetAddAsync(BannedUsers.RedisKey, user.Id.ToString());
            }
            else
            {
                await redis.GetDatabase().SetRemoveAsync(BannedUsers.RedisKey, user.Id.ToString());
            }
        }
        catch (RedisException ex)
        {
            // The periodic sync writes it within half a minute.
            logger.LogWarning("Could not update the shut-out users in Redis yet: {Reason}", ex.Message);
        }
    }
}
