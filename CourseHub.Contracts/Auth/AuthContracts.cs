// Sign-up, activation, sign-in, tokens and password recovery (/api/auth).

namespace CourseHub.Contracts.Auth;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? Role);

/// <summary>The same for a new and an already registered address (no user id: the answer must not tell them apart).</summary>
public sealed record RegisterResponse(string Email, string Message);

public sealed record ConfirmEmailRequest(Guid? UserId, string? Email, string? Token);

public sealed record EmailRequest(string? Email);

public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ResetPasswordRequest(string? Email, string? Token, string? NewPassword);

public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);
