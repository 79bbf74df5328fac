namespace CourseHub.GoogleEmulator;

/// <summary>The "Emulator" configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>The one OAuth client this provider knows (the AppHost hands the Api the same values).</summary>
    public string ClientId { get; set; } = "coursehub-google-emulator.apps.googleusercontent.test";

    public string ClientSecret { get; set; } = "coursehub-google-emulator-not-a-secret";

    /// <summary>The issuer (iss) and base of every endpoint in the discovery document; when unset, the scheme and host of the request.</summary>
    public string? Issuer { get; set; }

    /// <summary>How long an authorization code may wait for its exchange (Google: a few minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
