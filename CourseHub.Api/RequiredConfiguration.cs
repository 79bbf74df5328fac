namespace CourseHub.Api;

/// <summary>Settings the Api cannot start without; the deployment tests check the Bicep template provides each.</summary>
public static class RequiredConfiguration
{
    public static readonly string[] Keys =
    [
        "ConnectionStrings:coursehub",
        "ConnectionStrings:redis",
        "ConnectionStrings:messaging",
        "ConnectionStrings:blobs",
    ];

    /// <summary>
    /// Required outside Development only: in Development the Api generates a signing key and keeps
    /// it in the database, so a fresh checkout runs without any secret.
    /// </summary>
    public static readonly string[] ProductionKeys =
    [
        "Auth:SigningKey",
        // Locally the AppHost runs the Stripe emulator and sets these; a deployment must give Stripe's own.
        "Stripe:SecretKey",
        "Stripe:WebhookSecret",
    ];
}
