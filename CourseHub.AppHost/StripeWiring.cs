using CourseHub.AppHost.LocalServers;
using Microsoft.Extensions.Configuration;

namespace CourseHub.AppHost;

/// <summary>
/// Payments: with <c>Stripe:SecretKey</c> configured (user secrets or environment), the Api talks to Stripe itself and
/// nothing else starts. Without it, the app model runs our Stripe emulator and points the Api at it — the same Stripe.net
/// code path, with fixed, non-secret development values (<c>StripeEmulator:*</c> in appsettings.json) instead of keys.
/// </summary>
public static class StripeWiring
{
    // The same values as appsettings.json's StripeEmulator section, for an AppHost started from another folder (where
    // that file is not found): not secrets, they only ever meet the local emulator.
    private const string EmulatorSecretKey = "sk_test_coursehub_emulator";
    private const string EmulatorWebhookSecret = "whsec_coursehub_emulator_not_a_secret";

    public static IResourceBuilder<ProjectResource> WithStripe(this IResourceBuilder<ProjectResource> api, Func<int?, int?> preferredPort)
    {
        var builder = api.ApplicationBuilder;
        api.WithSettingsWhenConfigured("Payments:PlatformFeePercent", "Payments:RefundWindowDays");
        if (builder.Configuration["Stripe:SecretKey"] is { Length: > 0 })
        {
            return api.WithSettingsWhenConfigured("Stripe:SecretKey", "Stripe:WebhookSecret", "Stripe:ApiBase");
        }

        var settings = builder.Configuration.GetSection("StripeEmulator");
        var webhookSecret = settings["WebhookSecret"] ?? EmulatorWebhookSecret;
        // The emulator makes the folder when it first saves (nothing may exist before the servers start: --reset).
        var dataFolder = LocalServerSettings.For(builder).DataFolderFor("stripe-emulator", serviceAccount: null);
        var emulator = builder.AddProject<Projects.CourseHub_StripeEmulator>("stripe")
            .WithEndpoint("http", endpoint => endpoint.Port = preferredPort(endpoint.Port))
            .WithPlainHttp()
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints()
            .WithEnvironment("Emulator__WebhookUrl", ReferenceExpression.Create($"{api.GetEndpoint("http")}/api/stripe/webhook"))
            .WithEnvironment("Emulator__WebhookSecret", webhookSecret)
            .WithEnvironment("Emulator__DataPath", Path.Combine(dataFolder, "state.json"));
        return api
            .WithEnvironment("Stripe__SecretKey", settings["SecretKey"] ?? EmulatorSecretKey)
            .WithEnvironment("Stripe__WebhookSecret", webhookSecret)
            .WithEnvironment("Stripe__ApiBase", emulator.GetEndpoint("http"))
            // Lets the demo seed finish its teachers' Connect onboarding through the emulator's control API.
            .WithEnvironment("Stripe__Emulated", "true")
            .WaitFor(emulator);
    }
}
