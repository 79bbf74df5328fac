using System.Globalization;
using System.Security.Cryptography;
using CourseHub.Domain.Identity;
using Microsoft.AspNetCore.DataProtection;

namespace CourseHub.Api.Features.Me;

/// <summary>
/// The "keep my account" link of the deletion email: a data-protected token naming the account and the moment of this
/// deletion request. It needs no table: it works while the account's <c>deletion_requested_at</c> is still that moment
/// and the grace period (<c>AccountDeletion:GracePeriod</c>, shared with the Worker's erasure) has not ended — so it is
/// single-use by construction (restoring clears the moment; deleting again makes a new one and a new link).
/// </summary>
public sealed class AccountRestoreLinks(IDataProtectionProvider protection, IConfiguration configuration)
{
    private IDataProtector Protector => protection.CreateProtector("CourseHub.Api.AccountRestore");

    public TimeSpan GracePeriod => configuration.GetValue("AccountDeletion:GracePeriod", TimeSpan.FromDays(7));

    public string Issue(AppUser user, DateTimeOffset requestedAt) =>
        Protector.Protect($"{user.Id:N}.{requestedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The account and deletion moment the token names, or null when it is not one of ours.</summary>
    public (Guid UserId, DateTimeOffset RequestedAt)? Read(string token)
    {
        try
        {
            var parts = Protector.Unprotect(token).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var userId)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? (userId, new DateTimeOffset(ticks, TimeSpan.Zero))
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
