using Microsoft.Extensions.Configuration;

namespace CourseHub.AppHost;

/// <summary>
/// Google sign-in: with <c>Authentication:Google:ClientId</c> and <c>ClientSecret</c> configured (user secrets or
/// environment), the Api talks to Google itself. Without them, the app model runs our Google OpenID Connect emulator and
/// makes it the authority of the Api and the Web — the same OpenID Connect code path (discovery, JWKS, code + PKCE,
/// ID-token validation), with fixed, non-secret development client values that only ever meet the local emulator.
/// </summary>
public static class GoogleWiring
{
    private const string EmulatorClientId = "coursehub-google-emulator.apps.googleusercontent.test";
    private const string EmulatorClientSecret = "coursehub-google-emulator-not-a-secret";

    public static void WithGoogle(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api,
        IResourceBuilder<ProjectResource> web, Func<int?, int?> preferredPort)
    {
        if (builder.Configuration["Authentication:Google:ClientId"] is { Length: > 0 }
            && builder.Configuration["Authentication:Google:ClientSecret"] is { Length: > 0 })
        {
            api.WithSettingsWhenConfigured("Authentication:Google:ClientId", "Authentication:Google:ClientSecret", "Authentication:Google:Authority");
            // The Web only needs to know that Google sign-in is on (it shows the button); the client stays with the Api.
            web.WithEnvironment("Authentication__Google__Authority", builder.Configuration["Authentication:Google:Authority"] ?? "https://accounts.google.com");
            return;
        }

        var emulator = builder.AddProject<Projects.CourseHub_GoogleEmulator>("google")
            .WithEndpoint("http", endpoint => endpoint.Port = preferredPort(endpoint.Port))
            .WithPlainHttp()
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints()
            .WithEnvironment("Emulator__ClientId", EmulatorClientId)
            .WithEnvironment("Emulator__ClientSecret", EmulatorClientSecret);
        // The issuer is the URL the browser and the Api both reach it at, so iss and the discovery document agree.
        emulator.WithEnvironment("Emulator__Issuer", emulator.GetEndpoint("http"));
        api.WithEnvironment("Authentication__Google__ClientId", EmulatorClientId)
            .WithEnvironment("Authentication__Google__ClientSecret", EmulatorClientSecret)
            .WithEnvironment("Authentication__Google__Authority", emulator.GetEndpoint("http"))
            .WaitFor(emulator);
        web.WithEnvironment("Authentication__Google__Authority", emulator.GetEndpoint("http"));
    }
}
