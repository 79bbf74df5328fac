using System.Collections.Concurrent;
using System.Security.Cryptography;
using CourseHub.GoogleEmulator.Signing;

namespace CourseHub.GoogleEmulator.Authorize;

/// <summary>Who signed in on the authorize page: the claims the ID token will carry.</summary>
public sealed record TestIdentity(string Subject, string Email, string Name, bool EmailVerified);

/// <summary>An issued authorization code and what its exchange must match; <see cref="AuthTime"/> when the request asked for it (max_age).</summary>
public sealed record PendingCode(string ClientId, string RedirectUri, string? Nonce, string? CodeChallenge, string? CodeChallengeMethod,
    TestIdentity Identity, DateTimeOffset ExpiresAt, DateTimeOffset? AuthTime = null);

/// <summary>Authorization codes in memory (they live for minutes; a restart simply makes the next exchange fail), each usable once.</summary>
public sealed class AuthorizationCodes(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentDictionary<string, TestIdentity> _recent = new(StringComparer.OrdinalIgnoreCase);

    public string Issue(PendingCode pending)
    {
        foreach (var expired in _codes.Where(entry => entry.Value.ExpiresAt <= clock.GetUtcNow()).Select(entry => entry.Key).ToList())
        {
            _codes.TryRemove(expired, out _);
        }
        var code = "4/" + IdTokenSigner.Base64Url(RandomNumberGenerator.GetBytes(32));
        _codes[code] = pending;
        _recent[pending.Identity.Email] = pending.Identity;
        return code;
    }

    /// <summary>Takes the code out whatever happens next: a code is spent by its first exchange, good or bad (as at Google).</summary>
    public PendingCode? Redeem(string code) =>
        _codes.TryRemove(code, out var pending) && pending.ExpiresAt > clock.GetUtcNow() ? pending : null;

    /// <summary>Identities signed in with before, offered as one-click choices on the authorize page.</summary>
    public IReadOnlyList<TestIdentity> Recent => _recent.Values.OrderBy(identity => identity.Email, StringComparer.OrdinalIgnoreCase).Take(8).ToList();

    /// <summary>Google's subject is a stable opaque number per account; here it follows from the address, so the same test identity is the same account.</summary>
    public static string SubjectFor(string email) =>
        "1" + string.Concat(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())).Take(9).Select(b => (b % 100).ToString("00")));
}
