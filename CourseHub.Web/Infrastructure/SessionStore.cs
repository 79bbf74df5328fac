using System.Security.Cryptography;
using System.Text.Json;
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
/// cannot set cookies) parks its tokens under a one-time ticket that a normal request then redeems.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(14);
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(60);
    private IDatabase Db => redis.GetDatabase();

    private static string SessionKey(string id) => $"coursehub:web:session:{id}";
    private static string TicketKey(string id) => $"coursehub:web:sign-in-ticket:{id}";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task<WebSession?> GetAsync(string id)
    {
        var value = await Db.StringGetAsync(SessionKey(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<WebSession>(value.ToString());
    }

    public Task SaveAsync(WebSession session) =>
        Db.StringSetAsync(SessionKey(session.Id), JsonSerializer.Serialize(session), SessionLifetime);

    public Task DeleteAsync(string id) => Db.KeyDeleteAsync(SessionKey(id));

    public async Task<string> CreateTicketAsync(WebSession session)
    {
        var ticket = NewId();
        await Db.StringSetAsync(TicketKey(ticket), JsonSerializer.Serialize(session), TicketLifetime);
        return ticket;
    }

    /// <summary>Returns the parked session once; the ticket is gone afterwards.</summary>
    public async Task<WebSession?> RedeemTicketAsync(string ticket)
    {
        var value = await Db.StringGetDeleteAsync(TicketKey(ticket));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<WebSession>(value.ToString());
    }

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
