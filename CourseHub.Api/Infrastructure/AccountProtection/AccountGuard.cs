using System.Collections.Concurrent;
using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure.AccountProtection;

/// <summary>The account mails a quota applies to, each its own per address (one client's count covers all).</summary>
public enum MailKind
{
    Activation,
    PasswordReset,
    SignUpAttempt,
    GoogleLink,
}

/// <summary><c>AccountProtection</c>: how many account emails and sign-in attempts an address or an account may cause.</summary>
public sealed class AccountProtectionOptions
{
    public const string Section = "AccountProtection";

    /// <summary>Mails of one <see cref="MailKind"/> per recipient address per <see cref="MailWindowSeconds"/>.</summary>
    public int MailsPerAddress { get; set; } = 3;
    /// <summary>Such mails caused by one client address per <see cref="MailWindowSeconds"/>.</summary>
    public int MailsPerClient { get; set; } = 10;
    public int MailWindowSeconds { get; set; } = 15 * 60;
}

/// <summary>
/// Counters in Redis that protect accounts whatever the client address claims to be: failed sign-ins of addresses
/// without an account (so they lock like real ones), per-account request windows, the mail quota and the last
/// accepted TOTP time step of each user. Keys carry a hash of the normalized email (or the user id) and expire by themselves.
/// </summary>
/// <remarks>
/// Redis unreachable: counters let the request through (a warning is logged; losing Redis never locks people out),
/// except the TOTP step, which falls back to this process's memory so a code is still refused a second time on the
/// same replica.
/// </remarks>
public sealed class AccountGuard(IConnectionMultiplexer redis, TimeProvider time, ILogger<AccountGuard> logger)
{
    public static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);

    private const string Prefix = "coursehub:account-guard:";

    // INCR and, on a window's first count, its expiry in one atomic step; returns the count and the key's remaining ms.
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return { count, redis.call('PTTL', KEYS[1]) }
        """;

    // Failed sign-in of an address without an account, the way Identity counts a real one: failures add up (the count
    // lives a day), the limit-th sets the lockout (and clears the count); while locked, nothing is counted.
    // Returns { 0, remaining ms } while locked, { count, 0 } otherwise.
    private const string FailureScript = """
        local locked = redis.call('PTTL', KEYS[2])
        if locked > 0 then
            return { 0, locked }
        end
        if ARGV[4] == '0' then
            return { -1, 0 }
        end
        local count = redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        if count >= tonumber(ARGV[1]) then
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
            return { 0, tonumber(ARGV[2]) }
        end
        return { count, 0 }
        """;

    // Compare-and-set of the last accepted TOTP step: only a later step is accepted.
    private const string StepScript = """
        local last = tonumber(redis.call('GET', KEYS[1]) or '-1')
        if tonumber(ARGV[1]) <= last then
            return 0
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    private static readonly ConcurrentDictionary<Guid, long> LocalSteps = new();

    /// <summary>The key part naming an account: a hash of the normalized address, so Redis holds no email addresses.</summary>
    public static string Normalize(string email) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    /// <summary>
    /// Counts one request to <paramref name="route"/> for the account <paramref name="email"/> in a fixed window;
    /// returns the time to wait when the account is over <paramref name="limit"/>, null when the request may go on.
    /// </summary>
    public async Task<TimeSpan?> CountAccountRequestAsync(string route, string email, int limit, TimeSpan window)
    {
        var windowSeconds = Math.Max(1, (long)window.TotalSeconds);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var number = now / windowSeconds;
        var counted = await CountAsync($"{Prefix}requests:{route}:{Normalize(email)}:{number}", TimeSpan.FromSeconds(windowSeconds + 5));
        return counted is { } count && count.Count > limit
            ? TimeSpan.FromSeconds(Math.Max(1, (number + 1) * windowSeconds - now))
            : null;
    }

    /// <summary>
    /// Whether one more account mail of <paramref name="kind"/> (each kind has its own quota per address) to <paramref name="email"/>, caused by <paramref name="client"/> (null: not
    /// counted per client, as for the activation mail of a new account), is within the quota; counts it.
    /// </summary>
    public async Task<bool> AllowMailAsync(MailKind kind, string email, string? client, AccountProtectionOptions options)
    {
        var window = TimeSpan.FromSeconds(Math.Max(1, options.MailWindowSeconds));
        var perClient = client is null ? null : await CountAsync($"{Prefix}mail:client:{client}", window);
        var perAddress = await CountAsync($"{Prefix}mail:{kind.ToString().ToLowerInvariant()}:{Normalize(email)}", window);
        var allowed = (perClient is null || perClient.Value.Count <= options.MailsPerClient)
                      && (perAddress is null || perAddress.Value.Count <= options.MailsPerAddress);
        if (!allowed)
        {
            logger.LogInformation("Account mail to an address dropped: over the quota");
        }
        return allowed;
    }

    /// <summary>
    /// For an address without an account: the remaining lockout when it is locked (after counting this failure, when
    /// <paramref name="failed"/>), null when it is not. Mirrors Identity's lockout of real accounts.
    /// </summary>
    public async Task<TimeSpan?> UnknownAccountFailureAsync(string email, bool failed, int maxFailures, TimeSpan lockout)
    {
        var key = Normalize(email);
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(FailureScript,
                    [new RedisKey($"{Prefix}unknown-failures:{key}"), new RedisKey($"{Prefix}unknown-locked:{key}")],
                    [maxFailures, (long)lockout.TotalMilliseconds, (long)TimeSpan.FromDays(1).TotalMilliseconds, failed ? 1 : 0])
                .WaitAsync(RedisTimeout))!;
            return (long)result[0] == 0 ? TimeSpan.FromMilliseconds((long)result[1]) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Failed sign-in not counted, Redis unavailable: {Reason}", ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Accepts TOTP time step <paramref name="step"/> for <paramref name="userId"/> only when it is later than the last
    /// one accepted: a code works once, and an older one never after a newer.
    /// </summary>
    public async Task<bool> AcceptTotpStepAsync(Guid userId, long step, TimeSpan remember)
    {
        try
        {
            var accepted = (long)await redis.GetDatabase().ScriptEvaluateAsync(StepScript, [new RedisKey($"{Prefix}totp-step:{userId}")],
                [step, (long)remember.TotalMilliseconds]).WaitAsync(RedisTimeout);
            if (accepted == 1)
            {
                LocalSteps[userId] = Math.Max(step, LocalSteps.GetValueOrDefault(userId, -1));
            }
            return accepted == 1;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("TOTP step checked in memory only, Redis unavailable: {Reason}", ex.Message);
            var accepted = false;
            LocalSteps.AddOrUpdate(userId, _ => { accepted = true; return step; },
                (_, last) => { accepted = step > last; return accepted ? step : last; });
            return accepted;
        }
    }

    private async Task<(long Count, TimeSpan Remaining)?> CountAsync(string key, TimeSpan window)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [new RedisKey(key)],
                [(long)window.TotalMilliseconds]).WaitAsync(RedisTimeout))!;
            return ((long)result[0], TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1])));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Counter {Key} skipped, Redis unavailable: {Reason}", key, ex.Message);
            return null;
        }
    }
}
