using CourseHub.Api.Infrastructure;
using StackExchange.Redis;

namespace CourseHub.Api.Features.Auth.Google;

/// <summary>
/// The proof a fresh Google sign-in gives a signed-in user who has no password, for the one action that needs the user
/// to prove it is them (deleting the account): one-time, 5 minutes, good only for the account it was issued to. The
/// callback issues it once Google's <c>auth_time</c> shows the user signed in again after the re-authentication started.
/// </summary>
[FeatureSeam]
public sealed class GoogleReauthProofs(IConnectionMultiplexer redis)
{
    private const string Prefix = "coursehub:google:reauth-proof:";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<string> IssueAsync(Guid userId)
    {
        var proof = GoogleFlows.NewSecret();
        await redis.GetDatabase().StringSetAsync(Prefix + GoogleFlows.Hash(proof), userId.ToString(), Lifetime);
        return proof;
    }

    /// <summary>Spends the proof (whoever presents it): true only when it was issued to <paramref name="userId"/> and not spent or expired.</summary>
    public async Task<bool> SpendAsync(string proof, Guid userId) =>
        await redis.GetDatabase().StringGetDeleteAsync(Prefix + GoogleFlows.Hash(proof)) is { HasValue: true } value
        && Guid.TryParse(value.ToString(), out var owner) && owner == userId;
}
