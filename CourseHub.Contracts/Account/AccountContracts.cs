// The signed-in user's own account (/api/me).

namespace CourseHub.Contracts.Account;

public sealed record ProfileResponse(Guid Id, string Email, string DisplayName, string? Bio, string TimeZone, string? AvatarUrl,
    IReadOnlyList<string> Roles, bool TwoFactorEnabled);

public sealed record UpdateProfileRequest(string? DisplayName, string? Bio, string? TimeZone);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record AvatarResponse(string AvatarUrl);

public sealed record TwoFactorSetupResponse(string SharedKey, string OtpauthUri);

public sealed record TwoFactorCodeRequest(string? Code);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

public sealed record PasswordRequest(string? Password);

/// <summary>
/// A copy of the user's data: <c>pending</c> while the Worker prepares it, <c>ready</c> once the link is emailed (then
/// <see cref="DownloadUrl"/> is a fresh short-lived link too), <c>expired</c> after <see cref="ExpiresAt"/>.
/// </summary>
public sealed record DataExportResponse(Guid Id, string Status, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ExpiresAt,
    long? SizeBytes, string? DownloadUrl);

/// <summary>
/// Deleting the account: the current password confirms it; an account without a password confirms it with
/// <see cref="GoogleProof"/>, the one-time proof a fresh Google sign-in just gave (<c>POST /api/me/reauth/google</c>).
/// </summary>
public sealed record DeleteAccountRequest(string? Password, string? GoogleProof = null);

/// <summary>Keeping an account whose deletion is pending: the token of the "keep my account" link in the deletion email.</summary>
public sealed record RestoreAccountRequest(string? Token);

/// <summary>The refusal codes of a restore link (ProblemDetails <c>code</c>), so the Web can say what happened.</summary>
public static class RestoreAccountCodes
{
    public const string Invalid = "restore-link-invalid";
    public const string Used = "restore-link-used";
    public const string Expired = "restore-link-expired";
    public const string Erased = "account-erased";
}
