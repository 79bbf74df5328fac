using CourseHub.GoogleEmulator.Authorize;
using CourseHub.GoogleEmulator.Control;
using CourseHub.GoogleEmulator.Signing;
using CourseHub.GoogleEmulator.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CourseHub.GoogleEmulator;

/// <summary>Builds the emulator; Program runs it, tests may start it in-process (e.g. with --urls=http://127.0.0.1:0).</summary>
public static class GoogleEmulatorApp
{
    public const string JwksPath = "/oauth2/v3/certs";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Aspire hands executables their port in PORT; an explicit urls / ASPNETCORE_URLS wins.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && builder.Configuration["PORT"] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        configure?.Invoke(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<EmulatorOptions>(builder.Configuration.GetSection(EmulatorOptions.Section));
        builder.Services.AddSingleton<IdTokenSigner>();
        builder.Services.AddSingleton<AuthorizationCodes>();
        builder.Services.AddSingleton<Misbehaviour>();

        var app = builder.Build();
        // The discovery document, in the shape of https://accounts.google.com/.well-known/openid-configuration (the parts we serve).
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request, IOptions<EmulatorOptions> options) =>
        {
            var issuer = options.Value.Issuer?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + AuthorizeEndpoints.Path,
                ["token_endpoint"] = issuer + TokenEndpoints.Path,
                ["jwks_uri"] = issuer + JwksPath,
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["scopes_supported"] = new[] { "openid", "email", "profile" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
                ["claims_supported"] = new[] { "aud", "email", "email_verified", "exp", "iat", "iss", "name", "sub", "nonce", "auth_time" },
                ["code_challenge_methods_supported"] = new[] { "plain", "S256" },
                ["grant_types_supported"] = new[] { "authorization_code" },
            });
        });
        app.MapGet(JwksPath, (IdTokenSigner signer) => Results.Json(signer.Jwks()));
        app.MapAuthorizeEndpoints();
        app.MapTokenEndpoints();
        Misbehaviour.MapControlEndpoints(app);
        app.MapGet("/health", () => Results.Text("Healthy"));
        return app;
    }
}
