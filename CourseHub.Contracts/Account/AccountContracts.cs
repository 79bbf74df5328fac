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
