using CourseHub.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace CourseHub.Api.Infrastructure.AccountProtection;

/// <summary>
/// Authenticator (TOTP, RFC 6238: 6 digits, 30-second steps) codes that work once: a code is accepted only when its
/// time step is later than the last one accepted for the user (<see cref="AccountGuard.AcceptTotpStepAsync"/>), so
/// the same code cannot be used again within its window, nor an older one after it.
/// </summary>
public static class OneTimeCodes
{
    /// <summary>Steps accepted either side of now, for clocks that are apart (as Identity's own authenticator provider allows).</summary>
    private const int StepsAround = 2;

    /// <summary>Long enough to outlive every step a code could still be accepted in.</summary>
    private static readonly TimeSpan Remember = TimeSpan.FromSeconds(30 * (2 * StepsAround + 2));

    public static async Task<bool> AcceptAsync(UserManager<AppUser> users, AccountGuard guard, TimeProvider clock, AppUser user, string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || await users.GetAuthenticatorKeyAsync(user) is not { } key)
        {
            return false;
        }
        byte[] secret;
        try
        {
            secret = Base32Encoding.ToBytes(key);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var totp = new Totp(secret);
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(StepsAround, StepsAround))
               && await guard.AcceptTotpStepAsync(user.Id, step, Remember);
    }
}
