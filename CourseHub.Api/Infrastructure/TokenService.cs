using System.Security.Claims;
using System.Security.Cryptography;
using CourseHub.Authentication;
using CourseHub.Contracts.Auth;
using CourseHub.Domain.Identity;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Api.Infrastructure;

/// <summary>Issues access tokens and rotating refresh tokens, and revokes them.</summary>
public sealed class TokenService(CourseHubDbContext db, SigningKeys keys, IConfiguration configuration, TimeProvider clock, LiveSessions sessions)
{
    private static readonly JsonWebTokenHandler Handler = new();

    private TimeSpan AccessTokenLifetime =>
        TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Auth:AccessTokenMinutes", 10), 1, 15));

    private TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(configuration.GetValue("Auth:RefreshTokenDays", 14));

    /// <summary>A new session: a fresh refresh-token family.</summary>
    public Task<TokenPair> IssueAsync(AppUser user, IList<string> roles, CancellationToken cancellationToken) =>
        IssueAsync(user, roles, Guid.CreateVersion7(), cancellationToken);

    public async Task<TokenPair> IssueAsync(AppUser user, IList<string> roles, Guid familyId, CancellationToken cancellationToken)
    {
        var credentials = await keys.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(CourseHubJwt.SubjectClaim, user.Id.ToString()),
            new(CourseHubJwt.EmailClaim, user.Email ?? ""),
            new(CourseHubJwt.NameClaim, user.DisplayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(LiveSessions.Claim, familyId.ToString()),
        };
        claims.AddRange(roles.Select(role => new Claim(CourseHubJwt.RoleClaim, role)));
        var accessToken = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = CourseHubJwt.Issuer,
            Audience = CourseHubJwt.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + AccessTokenLifetime,
            SigningCredentials = credentials,
        });

        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = Hash(refreshToken),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow() + RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenPair(accessToken, refreshToken, (int)AccessTokenLifetime.TotalSeconds);
    }

    public enum RotationOutcome { Rotated, Invalid, Reused }

    /// <summary>
    /// Marks the presented token used and returns its record. A token that was already used or
    /// revoked revokes its whole family: someone replayed it.
    /// </summary>
    public async Task<(RotationOutcome Outcome, RefreshToken? Token)> ConsumeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var record = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(token => token.TokenHash == hash, cancellationToken);
        if (record is null)
        {
            return (RotationOutcome.Invalid, null);
        }
        var now = clock.GetUtcNow();
        if (record.UsedAt is not null || record.RevokedAt is not null)
        {
            if (record.UsedAt is not null)
            {
                await RevokeFamilyAsync(record.FamilyId, "reuse-detected", cancellationToken);
                return (RotationOutcome.Reused, record);
            }
            return (RotationOutcome.Invalid, record);
        }
        if (record.ExpiresAt <= now)
        {
            return (RotationOutcome.Invalid, record);
        }
        // Only one concurrent caller can flip UsedAt; the loser is treated as a replay.
        var claimed = await db.RefreshTokens
            .Where(token => token.Id == record.Id && token.UsedAt == null && token.RevokedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(token => token.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(record.FamilyId, "reuse-detected", cancellationToken);
            return (RotationOutcome.Reused, record);
        }
        return (RotationOutcome.Rotated, record);
    }

    /// <summary>Ends one session: its refresh tokens are revoked and its access tokens fail from the next request on.</summary>
    public async Task<int> RevokeFamilyAsync(Guid familyId, string reason, CancellationToken cancellationToken)
    {
        var revoked = await db.RefreshTokens
            .Where(token => token.FamilyId == familyId && token.RevokedAt == null)
            .ExecuteUpdateAsync(setters => setters
                .SetProperty(token => token.RevokedAt, clock.GetUtcNow())
                .SetProperty(token => token.RevokedReason, reason), cancellationToken);
        await sessions.EndAsync([familyId]);
        return revoked;
    }

    /// <summary>
    /// Ends every session of the user: the refresh-token families are revoked, and their access tokens fail from the
    /// next request on, on every replica (<see cref="LiveSessions"/>).
    /// </summary>
    public async Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken cancellationToken)
    {
        var families = await db.RefreshTokens.Where(token => token.UserId == userId && token.RevokedAt == null)
            .Select(token => token.FamilyId).Distinct().ToListAsync(cancellationToken);
        var revoked = await db.RefreshTokens
            .Where(token => token.UserId == userId && token.RevokedAt == null)
            .ExecuteUpdateAsync(setters => setters
                .SetProperty(token => token.RevokedAt, clock.GetUtcNow())
                .SetProperty(token => token.RevokedReason, reason), cancellationToken);
        await sessions.EndAsync(families);
        return revoked;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
