using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace CourseHub.Api.Features.Auth.Google;

/// <summary>
/// What a started sign-in must find again at the callback: the state it sent, the nonce the ID token must carry, the
/// PKCE verifier, where to go afterwards and, when a signed-in user is adding Google, whose account it is; when a signed-in
/// user signs in at Google again to confirm a deletion, whose account it is and when the flow started (Google's
/// <c>auth_time</c> must be later).
/// </summary>
public sealed record GoogleFlow(string State, string Nonce, string CodeVerifier, string RedirectUri, string ReturnUrl, Guid? LinkUserId,
    Guid? ReauthUserId = null, DateTimeOffset? StartedAt = null);

/// <summary>A confirmation email on its way: the account it links Google to, the Google subject, and the address both share.</summary>
public sealed record PendingEmailLink(Guid UserId, string Subject, string Email);

/// <summary>A verified Google identity waiting (minutes) for the Web to finish the sign-in: a role for a new account, or the password of the existing one.</summary>
public sealed record PendingGoogleSignIn(string Subject, string Email, string? Name);

/// <summary>
/// Keeps a flow in a protected, time-limited cookie of the browser that started it (the data-protection keys are shared
/// by every Api replica, so any replica can read it at the callback), and the results that wait for the Web in Redis
/// under one-time codes.
/// </summary>
public sealed class GoogleFlows(IDataProtectionProvider protection, IConnectionMultiplexer redis, IOptions<GoogleOptions> options)
{
    public const string CookieName = "coursehub.google-flow";
    private const string CookiePath = "/api/auth/external/google";
    private const string PendingPrefix = "coursehub:google:pending:";
    private const string LinkPrefix = "coursehub:google:link:";
    private const string ReauthPrefix = "coursehub:google:reauth:";
    private const string EmailLinkPrefix = "coursehub:google:email-link:";

    /// <summary>How long the emailed link that links Google to a password account works.</summary>
    public static readonly TimeSpan EmailLinkLifetime = TimeSpan.FromMinutes(30);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("CourseHub.Api.GoogleFlow").ToTimeLimitedDataProtector();

    private TimeSpan Lifetime => options.Value.FlowLifetime;

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string ChallengeOf(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public void Remember(HttpContext context, GoogleFlow flow) =>
        context.Response.Cookies.Append(CookieName, Protector.Protect(JsonSerializer.Serialize(flow), Lifetime), CookieOptions(context));

    /// <summary>The flow this browser started, if its cookie is there, genuine and not expired; the cookie is spent either way.</summary>
    public GoogleFlow? Recall(HttpContext context)
    {
        var value = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, CookieOptions(context));
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<GoogleFlow>(Protector.Unprotect(value));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // Lax: the callback is a top-level navigation from Google's page, which Lax cookies accompany.
    private CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = CookiePath,
        MaxAge = Lifetime,
    };

    public async Task<string> ParkAsync(PendingGoogleSignIn pending)
    {
        var code = NewSecret();
        await redis.GetDatabase().StringSetAsync(PendingPrefix + Hash(code), JsonSerializer.Serialize(pending), Lifetime);
        return code;
    }

    public async Task<PendingGoogleSignIn?> PeekAsync(string code) =>
        await redis.GetDatabase().StringGetAsync(PendingPrefix + Hash(code)) is { HasValue: true } value
            ? JsonSerializer.Deserialize<PendingGoogleSignIn>(value.ToString())
            : null;

    /// <summary>Spends the code: true for exactly one caller, so two racing completions cannot both sign in.</summary>
    public async Task<bool> SpendAsync(string code) => await redis.GetDatabase().KeyDeleteAsync(PendingPrefix + Hash(code));

    /// <summary>A one-time ticket that lets the browser of a signed-in user start linking Google to that account.</summary>
    public async Task<string> IssueLinkTicketAsync(Guid userId)
    {
        var ticket = NewSecret();
        await redis.GetDatabase().StringSetAsync(LinkPrefix + Hash(ticket), userId.ToString(), TimeSpan.FromMinutes(5));
        return ticket;
    }

    public async Task<Guid?> RedeemLinkTicketAsync(string ticket) =>
        await redis.GetDatabase().StringGetDeleteAsync(LinkPrefix + Hash(ticket)) is { HasValue: true } value && Guid.TryParse(value.ToString(), out var id)
            ? id
            : null;

    /// <summary>A one-time ticket that lets the browser of a signed-in user sign in at Google again (to confirm a deletion).</summary>
    public async Task<string> IssueReauthTicketAsync(Guid userId)
    {
        var ticket = NewSecret();
        await redis.GetDatabase().StringSetAsync(ReauthPrefix + Hash(ticket), userId.ToString(), TimeSpan.FromMinutes(5));
        return ticket;
    }

    public async Task<Guid?> RedeemReauthTicketAsync(string ticket) =>
        await redis.GetDatabase().StringGetDeleteAsync(ReauthPrefix + Hash(ticket)) is { HasValue: true } value && Guid.TryParse(value.ToString(), out var id)
            ? id
            : null;

    /// <summary>The token of the emailed link that links Google to a password account (30 minutes, spent by its use).</summary>
    public async Task<string> IssueEmailLinkAsync(PendingEmailLink link)
    {
        var token = NewSecret();
        await redis.GetDatabase().StringSetAsync(EmailLinkPrefix + Hash(token), JsonSerializer.Serialize(link), EmailLinkLifetime);
        return token;
    }

    public async Task<PendingEmailLink?> PeekEmailLinkAsync(string token) =>
        await redis.GetDatabase().StringGetAsync(EmailLinkPrefix + Hash(token)) is { HasValue: true } value
            ? JsonSerializer.Deserialize<PendingEmailLink>(value.ToString())
            : null;

    /// <summary>Spends the emailed link: true for exactly one caller.</summary>
    public async Task<bool> SpendEmailLinkAsync(string token) => await redis.GetDatabase().KeyDeleteAsync(EmailLinkPrefix + Hash(token));

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
