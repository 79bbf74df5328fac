namespace CourseHub.Web.Features.Account;

/// <summary>
/// The password rule as people read it, under every field that sets a password (sign-up, reset, change). The Api decides
/// (its PasswordRules hold the common-password list); the Web checks only the length itself, before a round trip.
/// </summary>
public static class PasswordAdvice
{
    public const int MinimumLength = 8;

    public const string Rule = "At least 8 characters. Not a common password (like \"password123\"), and not your name or email. A few unrelated words work well.";
}
