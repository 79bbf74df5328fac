using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using CourseHub.Authentication;
using CourseHub.Contracts.Account;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CourseHub.Web.Features.Account;

/// <summary>
/// Cookie sessions for the Web front end: the cookie carries the user's claims and a session id;
/// the Api tokens stay in Redis (<see cref="SessionStore"/>). Tokens from the Api are verified with
/// the Api's published keys before the Web trusts what they say.
/// </summary>
public static class AccountSetup
{
    /// <summary>The signed-in session's cookie.</summary>
    public const string SessionCookie = "coursehub.session";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.AddCourseHubJwtValidation(defaultScheme: false);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/";
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = async context =>
                {
                    // The cookie is only as good as its server-side session, and a banned user loses it.
                    var sessionId = context.Principal?.FindFirst(WebClaims.SessionId)?.Value;
                    var userId = context.Principal?.FindFirst(CourseHubJwt.SubjectClaim)?.Value;
                    var services = context.HttpContext.RequestServices;
                    if (sessionId is null || userId is null
                        || await services.GetRequiredService<SessionStore>().GetAsync(sessionId) is null
                        || await services.GetRequiredService<BannedUsers>().IsBannedAsync(userId))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddScoped<SignInBinding>();
        builder.Services.AddSingleton<AccessTokenValidator>();
        builder.Services.AddScoped<ProfileState>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // One caller for the Api (tokens, ProblemDetails), and a typed client per area on top of it.
        builder.Services.AddHttpClient<ApiCaller>(client => client.BaseAddress = new Uri("https+http://api"));
        builder.Services.AddScoped<AccountClient>();
        builder.Services.AddSingleton<GoogleSignIn>();
        builder.Services.AddHttpClient("api", client => client.BaseAddress = new Uri("https+http://api"));
        return builder;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapGet("/account/complete-sign-in", CompleteSignInAsync).ExcludeFromDescription();
        app.MapPost("/account/sign-out", SignOutAsync).ExcludeFromDescription();
        app.MapGet("/account/deleted", AccountDeletedAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Redeems the one-time ticket a sign-in page left, checks the tokens, and sets the session cookie.</summary>
    private static async Task<IResult> CompleteSignInAsync(string? ticket, string? returnUrl, HttpContext context, SessionStore sessions,
        AccessTokenValidator validator)
    {
        var parked = ticket is null ? null : await sessions.RedeemTicketAsync(ticket, SignInBinding.Of(context));
        var identity = parked is null ? null : await validator.ValidateAsync(parked.AccessToken, context.RequestAborted);
        if (parked is null || identity is null || !Guid.TryParse(identity.FindFirst(CourseHubJwt.SubjectClaim)?.Value, out var userId))
        {
            return TypedResults.LocalRedirect("/account/sign-in?failed=1");
        }
        var session = parked with { UserId = userId };
        await sessions.SaveAsync(session);
        var claims = identity.Claims
            .Where(claim => claim.Type is CourseHubJwt.SubjectClaim or CourseHubJwt.NameClaim or CourseHubJwt.EmailClaim or CourseHubJwt.RoleClaim)
            .Select(claim => new Claim(claim.Type, claim.Value))
            .Append(new Claim(WebClaims.SessionId, session.Id));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme,
            CourseHubJwt.NameClaim, CourseHubJwt.RoleClaim));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static async Task<IResult> SignOutAsync([FromForm] string? everywhere, HttpContext context, SessionStore sessions,
        IHttpClientFactory clients, ILoggerFactory loggers)
    {
        var sessionId = context.User.FindFirst(WebClaims.SessionId)?.Value;
        if (sessionId is not null && await sessions.GetAsync(sessionId) is { } session)
        {
            try
            {
                var http = clients.CreateClient("api");
                using var request = everywhere == "true"
                    ? new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout-all") { Content = JsonContent.Create(new { }) }
                    : new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Content = JsonContent.Create(new { refreshToken = session.RefreshToken }) };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);
                using var response = await http.SendAsync(request, context.RequestAborted);
                if (everywhere == "true" && response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    // The access token had expired: at least end this session.
                    using var fallback = await http.PostAsJsonAsync("/api/auth/logout", new { refreshToken = session.RefreshToken }, context.RequestAborted);
                }
            }
            catch (HttpRequestException ex)
            {
                loggers.CreateLogger("CourseHub.Web.Account").LogWarning("Could not revoke the session at the Api: {Reason}", ex.Message);
            }
            await sessions.DeleteAsync(sessionId);
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/?signedOut=1");
    }

    /// <summary>
    /// Where the security page sends the browser after the Api deleted the account: the Web's session and cookie end too. Only a
    /// session the Api already refuses is ended here (a GET anyone could link to must not sign a live session out).
    /// </summary>
    private static async Task<IResult> AccountDeletedAsync(HttpContext context, SessionStore sessions, IHttpClientFactory clients)
    {
        var sessionId = context.User.FindFirst(WebClaims.SessionId)?.Value;
        if (sessionId is not null && await sessions.GetAsync(sessionId) is { } session)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);
            using var response = await clients.CreateClient("api").SendAsync(request, context.RequestAborted);
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
            {
                return TypedResults.LocalRedirect("/account/security");
            }
            await sessions.DeleteAsync(sessionId);
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/account/goodbye");
    }

    /// <summary>
    /// Whether <paramref name="url"/> is a plain path on this site to return to: one leading "/" (not "//" or "/\\",
    /// which browsers read as another host), only printable ASCII without spaces (a Location header cannot carry control
    /// characters; our own return addresses are percent-encoded) and a valid relative URI.
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && url.All(character => character is > ' ' and < '\u007f')
        && Uri.TryCreate(url, UriKind.Relative, out _);
}

/// <summary>Checks an access token with the Api's published signing keys (fetched and cached by the JWT bearer options).</summary>
public sealed class AccessTokenValidator(IOptionsMonitor<JwtBearerOptions> options)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<ClaimsIdentity?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var bearer = options.Get(JwtBearerDefaults.AuthenticationScheme);
        var configuration = await bearer.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var parameters = bearer.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var result = await Handler.ValidateTokenAsync(token, parameters);
        return result.IsValid ? result.ClaimsIdentity : null;
    }
}

/// <summary>The signed-in user's profile as the header shows it; pages that change it tell the header.</summary>
public sealed class ProfileState
{
    public ProfileResponse? Current { get; private set; }
    public event Action? Changed;

    public void Set(ProfileResponse? profile)
    {
        Current = profile;
        Changed?.Invoke();
    }
}
