namespace CourseHub.Api.Features.Auth.Google;

/// <summary>
/// The "Authentication:Google" section. Sign-in with Google is on when ClientId and ClientSecret are set; locally the
/// AppHost runs our Google emulator and sets all three.
/// </summary>
public sealed class GoogleOptions
{
    public const string Section = "Authentication:Google";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The OpenID provider; its discovery document is read from {Authority}/.well-known/openid-configuration.</summary>
    public string Authority { get; set; } = "https://accounts.google.com";

    /// <summary>The redirect URI registered with Google; when unset, /api/auth/external/google/callback on the host the browser used.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>How long a started sign-in may take on Google's pages, and how long its result waits for the Web to finish it.</summary>
    public TimeSpan FlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public bool Enabled => ClientId is { Length: > 0 } && ClientSecret is { Length: > 0 };
}
