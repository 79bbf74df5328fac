namespace CourseHub.StripeEmulator;

/// <summary>The "Emulator" configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>Base URL for hosted pages (Checkout, onboarding); when unset, the scheme and host of the API request.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Where events are POSTed; no delivery when unset.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The endpoint's signing secret (whsec_…), used whole as the HMAC key.</summary>
    public string WebhookSecret { get; set; } = "whsec_coursehub_emulator";

    /// <summary>JSON file the state is saved to after each change and loaded from at start; in memory only when unset.</summary>
    public string? DataPath { get; set; }

    /// <summary>First wait before retrying a failed delivery; doubled after each failure up to <see cref="WebhookRetryMaxDelay"/>.</summary>
    public TimeSpan WebhookRetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan WebhookRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often open sessions are checked against their expires_at.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The api_version stamped on events: the one Stripe.net 53.1.0 pins, so ConstructEvent accepts them.</summary>
    public string ApiVersion { get; set; } = StripeApiVersion;

    public const string StripeApiVersion = "2026-10-28.endive";
}
