using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Identity;

namespace CourseHub.Api.Features.Admin;

/// <summary>
/// Banning a user, for the admin's user list and the moderation queue alike: the ban is saved and audited, every session
/// ends at once, and the ban reaches the Redis set every service checks (access tokens stop working within a minute).
/// </summary>
[FeatureSeam]
public sealed class UserBans(CourseHubDbContext db, TokenService tokens, TimeProvider clock, ShutOutUsers shutOut)
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
        await shutOut.UpdateAsync(target);
    }
}
