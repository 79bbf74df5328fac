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

/// <summary>Deleting the account: the current password confirms it.</summary>
public sealed record DeleteAccountRequest(string? Password);
