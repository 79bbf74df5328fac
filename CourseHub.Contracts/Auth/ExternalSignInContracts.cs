// Sign-in with Google (/api/auth/external/google) and the signed-in user's linked logins (/api/me/logins).

namespace CourseHub.Contracts.Auth;

/// <summary>
/// Finishes a Google sign-in the callback parked under <see cref="Code"/>. A linked account needs nothing more (a 2FA code
/// when it has 2FA on); a new address needs <see cref="Role"/> (and may set <see cref="DisplayName"/>); an address that
/// already has a password account needs its <see cref="Password"/> before Google is linked to it.
/// </summary>
public sealed record CompleteExternalSignInRequest(string? Code, string? Role = null, string? DisplayName = null, string? Password = null,
    string? TwoFactorCode = null);

/// <summary>The codes of the refusals a completion can answer with (ProblemDetails <c>code</c>), so the Web can ask for what is missing.</summary>
public static class ExternalSignInCodes
{
    public const string Expired = "external-sign-in-expired";
    public const string RegistrationRequired = "registration-required";
    public const string LinkRequiresPassword = "link-requires-password";
    public const string WrongPassword = "wrong-password";
    public const string TwoFactorRequired = "two-factor-required";
    public const string LastLogin = "last-login";
    public const string NotLinked = "not-linked";
    public const string AlreadyLinked = "already-linked";
    public const string NotConfigured = "google-not-configured";
    public const string AccountDeleted = "account-deleted";
    public const string ReauthRequired = "reauthentication-required";
}

/// <summary>Asks for the emailed link that proves ownership of the password account a Google sign-in's address belongs to (instead of its password).</summary>
public sealed record RequestLinkEmailRequest(string? Code);

/// <summary>Confirms linking Google with the token of that email (and a 2FA code when the account has 2FA on).</summary>
public sealed record ConfirmLinkEmailRequest(string? Token, string? TwoFactorCode = null);

public sealed record LinkedLogin(string Provider, string DisplayName);

/// <summary>How the user can sign in: with a password (or not), and the external logins linked to the account.</summary>
public sealed record LinkedLoginsResponse(bool HasPassword, IReadOnlyList<LinkedLogin> Logins);

/// <summary>Where the browser goes to link Google to the signed-in account (or to sign in at Google again to confirm a deletion): the Api's start route with a one-time ticket.</summary>
public sealed record ExternalLinkStart(string Path);
