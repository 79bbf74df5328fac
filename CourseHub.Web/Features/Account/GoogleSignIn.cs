namespace CourseHub.Web.Features.Account;

/// <summary>
/// Whether "Continue with Google" is offered (<c>Authentication:Google:Authority</c> is set: the AppHost sets it for Google
/// itself or for our emulator), and where the browser starts: the Api's start route on the Api's public address
/// (<c>App:ApiPublicUrl</c>, else the address service discovery gives this server, which is the public one locally).
/// The browser talks to the Api only for this hop; tokens still reach only the Web's server.
/// </summary>
public sealed class GoogleSignIn(IConfiguration configuration)
{
    public bool Enabled => configuration["Authentication:Google:Authority"] is { Length: > 0 } && ApiPublicUrl is not null;

    public string? ApiPublicUrl =>
        (configuration["App:ApiPublicUrl"] is { Length: > 0 } configured ? configured
            : configuration["services:api:https:0"] is { Length: > 0 } https ? https
            : configuration["services:api:http:0"])?.TrimEnd('/');

    /// <summary>The Api's start route, coming back to <paramref name="returnUrl"/> (a local path) when signed in.</summary>
    public string StartUrl(string? returnUrl) =>
        ApiUrl($"/api/auth/external/google/start?returnUrl={Uri.EscapeDataString(AccountSetup.IsLocal(returnUrl) ? returnUrl : "/")}");

    public string ApiUrl(string pathAndQuery) => $"{ApiPublicUrl}{pathAndQuery}";

    /// <summary>What a refusal code of the Api's callback (<c>googleError</c>) means, in words for the user.</summary>
    public static string Explain(string? code) => code switch
    {
        "cancelled" => "Google sign-in was cancelled.",
        "email-not-verified" => "Google has not verified this email address, so it cannot be used to sign in here.",
        "flow-expired" => "The Google sign-in took too long or was started in another browser. Please try again.",
        "state-mismatch" or "nonce-mismatch" or "invalid-id-token" =>
            "Google's answer could not be verified, so you were not signed in. Please try again.",
        "token-exchange-failed" or "google-error" => "Google did not confirm the sign-in. Please try again.",
        "google-unavailable" => "Google could not be reached. Please try again in a moment.",
        "google-account-in-use" => "That Google account is already linked to another CourseHub account.",
        "already-linked" => "A Google account is already linked to this account.",
        "link-expired" => "The link request expired. Please try again.",
        "reauth-expired" => "The Google confirmation took too long. Please try again.",
        "reauth-wrong-account" => "That is not the Google account linked to this account. Confirm with the linked one.",
        "reauth-not-fresh" => "Google did not ask you to sign in again, so the deletion is not confirmed. Please try again.",
        _ => "Google sign-in did not work. Please try again.",
    };
}
