using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace CourseHub.Web.Infrastructure;

/// <summary>The claim of the Web's cookie that names its server-side session.</summary>
public static class WebClaims
{
    public const string SessionId = "session";
}

/// <summary>The Api tokens of one signed-in browser. They live only here, server-side; the cookie holds the session id.</summary>
public sealed record WebSession(string Id, Guid UserId, string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt);

/// <summary>
/// Sessions in Redis, shared by every Web replica. A sign-in made inside an interactive page (which
/// cannot set cookies) parks its tokens under a one-time ticket that a normal request then redeems; the ticket is
/// bound to the browser that asked for it (a hash of its sign-in binding cookie).
/// Values are encrypted with the Web's data-protection keys: a process that can read Redis sees no tokens.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, IDataProtectionProvider dataProtection, TimeProvider clock)
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(14);
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(60);
    private readonly IDataProtector _sessionProtector = dataProtection.CreateProtector("CourseHub.Web.SessionStore.Session.v1");
    private readonly IDataProtector _ticketProtector = dataProtection.CreateProtector("CourseHub.Web.SessionStore.Ticket.v1");
    private IDatabase Db => redis.GetDatabase();

    private static string SessionKey(string id) => $"coursehub:web:session:{id}";
    private static string TicketKey(string id) => $"coursehub:web:sign-in-ticket:{id}";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task<WebSession?> GetAsync(string id) => Unprotect<WebSession>(_sessionProtector, await Db.StringGetAsync(SessionKey(id)));

    public Task SaveAsync(WebSession session) =>
        Db.StringSetAsync(SessionKey(session.Id), Protect(_sessionProtector, session), SessionLifetime);

    public Task DeleteAsync(string id) => Db.KeyDeleteAsync(SessionKey(id));

    /// <summary>Parks a session for the browser whose sign-in binding cookie has the value <paramref name="binding"/>.</summary>
    public async Task<string> CreateTicketAsync(WebSession session, string binding)
    {
        var ticket = NewId();
        await Db.StringSetAsync(TicketKey(ticket), Protect(_ticketProtector, new ParkedSignIn(session, HashBinding(binding))), TicketLifetime);
        return ticket;
    }

    /// <summary>
    /// Returns the parked session once, and only to the browser it was parked for (the same binding cookie): a
    /// browser with another cookie gets nothing and leaves the ticket for its owner.
    /// </summary>
    public async Task<WebSession?> RedeemTicketAsync(string ticket, string? binding)
    {
        if (string.IsNullOrEmpty(binding))
        {
            return null;
        }
        var parked = Unprotect<ParkedSignIn>(_ticketProtector, await Db.StringGetAsync(TicketKey(ticket)));
        if (parked is null
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(parked.BindingHash), Convert.FromHexString(HashBinding(binding))))
        {
            return null;
        }
        // Single use: of two redemptions at once, only the one that deletes the ticket wins.
        return await Db.KeyDeleteAsync(TicketKey(ticket)) ? parked.Session : null;
    }

    private static string HashBinding(string binding) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(binding)));

    private static string Protect<T>(IDataProtector protector, T value) =>
        Convert.ToBase64String(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(value)));

    private static T? Unprotect<T>(IDataProtector protector, RedisValue value) where T : class
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(Convert.FromBase64String(value.ToString())));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            // Not ours, from before encryption, or under a key that is gone: no session.
            return null;
        }
    }

    private sealed record ParkedSignIn(WebSession Session, string BindingHash);

    /// <summary>A short per-session lock so two tabs do not refresh at once (the second would look like token reuse).</summary>
    public async Task<IAsyncDisposable?> LockAsync(string sessionId, TimeSpan wait)
    {
        var key = SessionKey(sessionId) + ":lock";
        var token = NewId();
        var deadline = clock.GetUtcNow() + wait;
        while (clock.GetUtcNow() < deadline)
        {
            if (await Db.StringSetAsync(key, token, TimeSpan.FromSeconds(15), When.NotExists))
            {
                return new Releaser(Db, key, token);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock);
        }
        return null;
    }

    private sealed class Releaser(IDatabase db, string key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if ((await db.StringGetAsync(key)) == token)
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }
}
