using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Authentication;

/// <summary>
/// The access tokens the Api issues and every service accepts: short-lived JWTs signed with an
/// asymmetric key (ES256 or RS256). The Api publishes the public keys at
/// <c>/.well-known/jwks.json</c>; other services read them from there, so no secret is shared.
/// </summary>
public static class CourseHubJwt
{
    public const string Issuer = "coursehub";
    public const string Audience = "coursehub";
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";
    public const string EmailClaim = "email";
    public const string RoleClaim = "role";
    public static readonly string[] Algorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    public static TokenValidationParameters CreateValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
    };

    /// <summary>
    /// Accepts CourseHub access tokens as bearer tokens (and, for SignalR hubs under <c>/hubs</c>,
    /// from the <c>access_token</c> query string). Tokens of banned users are refused.
    /// With <paramref name="keysFromApi"/> the signing keys come from the Api's OpenID configuration
    /// (<c>services:api:https:0</c> or <c>services:api:http:0</c>); the Api itself passes false and
    /// supplies its own keys. Tokens of sessions that ended (see <see cref="LiveSessions"/>) are refused.
    /// </summary>
    public static AuthenticationBuilder AddCourseHubJwtValidation(this IHostApplicationBuilder builder, bool keysFromApi = true,
        bool defaultScheme = true)
    {
        builder.Services.AddBannedUsers();
        var authentication = defaultScheme
            ? builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            : builder.Services.AddAuthentication();
        authentication.AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = CreateValidationParameters();
            if (keysFromApi)
            {
                var api = builder.Configuration["services:api:https:0"] ?? builder.Configuration["services:api:http:0"]
                    ?? throw new InvalidOperationException("Validating tokens needs the Api's address (services:api:http:0).");
                options.MetadataAddress = api.TrimEnd('/') + "/.well-known/openid-configuration";
                options.RequireHttpsMetadata = api.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
                // New keys are picked up within minutes; an unknown kid triggers an immediate refresh.
                options.AutomaticRefreshInterval = TimeSpan.FromMinutes(10);
                options.RefreshInterval = TimeSpan.FromSeconds(30);
            }
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    // Browsers cannot set headers on WebSockets, so SignalR sends the token in the query string.
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                    {
                        context.Token = token;
                    }
                    return Task.CompletedTask;
                },
                OnTokenValidated = async context =>
                {
                    var subject = context.Principal?.FindFirst(SubjectClaim)?.Value;
                    var services = context.HttpContext.RequestServices;
                    if (subject is null || await services.GetRequiredService<BannedUsers>().IsBannedAsync(subject, context.HttpContext.RequestAborted))
                    {
                        context.Fail("The account is banned.");
                    }
                    // Signed out (everywhere), role changed, banned, password changed: the session's tokens stop at once.
                    else if (!await services.GetRequiredService<LiveSessions>().IsLiveAsync(context.Principal?.FindFirst(LiveSessions.Claim)?.Value,
                                 context.HttpContext.RequestAborted))
                    {
                        context.Fail("The session has ended.");
                    }
                },
            };
        });
        builder.Services.AddAuthorization();
        return authentication;
    }

    private static IServiceCollection AddBannedUsers(this IServiceCollection services)
    {
        services.TryAddSingleton<BannedUsers>();
        services.TryAddSingleton<LiveSessions>();
        services.AddMemoryCache();
        return services;
    }

    /// <summary>The user id (the <c>sub</c> claim) of an authenticated principal.</summary>
    public static Guid? UserId(this System.Security.Claims.ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SubjectClaim)?.Value, out var id) ? id : null;
}
