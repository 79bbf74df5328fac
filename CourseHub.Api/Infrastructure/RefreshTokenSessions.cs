using CourseHub.Authentication;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Infrastructure;

/// <summary>A session is a refresh-token family: live while one of its tokens is neither revoked nor expired.</summary>
public sealed class RefreshTokenSessions(CourseHubDbContext db, TimeProvider clock) : ISessionSource
{
    public Task<bool> IsLiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.AnyAsync(token => token.FamilyId == sessionId && token.RevokedAt == null && token.ExpiresAt > now, cancellationToken);
    }
}
