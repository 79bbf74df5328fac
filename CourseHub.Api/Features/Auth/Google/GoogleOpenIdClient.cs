using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Api.Features.Auth.Google;

/// <summary>The Google account an ID token vouches for; <see cref="AuthTime"/> is when the user last signed in at Google (sent when asked for with <c>max_age</c>).</summary>
public sealed record GoogleIdentity(string Subject, string Email, bool EmailVerified, string? Name, DateTimeOffset? AuthTime = null);

/// <summary>Why Google's answer was not accepted (the callback's refusal codes).</summary>
public sealed class GoogleSignInException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The relying-party half of OpenID Connect against Google (or our emulator): the discovery document and JWKS through
/// IdentityModel's configuration manager (cached, refreshed when a key id is unknown), the code exchange with the client
/// secret and the PKCE verifier, and ID-token validation with the real JsonWebTokenHandler: RS256 signature against the
/// published keys, issuer, audience (our client id), lifetime, and the nonce this browser's flow was started with.
/// </summary>
public sealed class GoogleOpenIdClient
{
    public const string HttpClientName = "google-openid";
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly IHttpClientFactory _clients;
    private readonly GoogleOptions _options;

    public GoogleOpenIdClient(IHttpClientFactory clients, IOptions<GoogleOptions> options)
    {
        _clients = clients;
        _options = options.Value;
        var authority = _options.Authority.TrimEnd('/');
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>($"{authority}/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            // Plain HTTP only for a provider on this machine (the emulator); Google itself is HTTPS.
            new HttpDocumentRetriever(clients.CreateClient(HttpClientName)) { RequireHttps = !IsLoopback(authority) });
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    public Task<OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken cancellationToken) => _configuration.GetConfigurationAsync(cancellationToken);

    /// <param name="reauthenticate">
    /// Ask Google to have the user sign in again whatever session they have there: <c>max_age=0</c> (OpenID Connect's
    /// equivalent of <c>prompt=login</c>, which Google does not take), and Google then puts <c>auth_time</c> into the ID token.
    /// </param>
    public async Task<string> AuthorizeUrlAsync(string redirectUri, string state, string nonce, string codeChallenge, CancellationToken cancellationToken,
        bool reauthenticate = false)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = _options.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid email profile",
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
            ["prompt"] = "select_account",
        };
        if (reauthenticate)
        {
            parameters["max_age"] = "0";
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, parameters);
    }

    /// <summary>Exchanges the code (Google's tokens are not kept: only the verified identity leaves this method).</summary>
    public async Task<GoogleIdentity> RedeemAsync(string code, string redirectUri, string codeVerifier, string expectedNonce, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        using var response = await _clients.CreateClient(HttpClientName).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["client_id"] = _options.ClientId!,
                ["client_secret"] = _options.ClientSecret!,
                ["code_verifier"] = codeVerifier,
            }), cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!response.IsSuccessStatusCode || !body.RootElement.TryGetProperty("id_token", out var idToken) || idToken.GetString() is not { } token)
        {
            var error = body.RootElement.TryGetProperty("error", out var value) ? value.GetString() : null;
            throw new GoogleSignInException("token-exchange-failed", $"Google refused the code exchange ({error ?? response.StatusCode.ToString()}).");
        }
        return await ValidateAsync(token, expectedNonce, cancellationToken);
    }

    public async Task<GoogleIdentity> ValidateAsync(string idToken, string expectedNonce, CancellationToken cancellationToken)
    {
        var result = await ValidateSignedTokenAsync(idToken, await ConfigurationAsync(cancellationToken));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Google rotates its keys: a key id we do not know yet means the cached JWKS is old. Read it again once.
            _configuration.RequestRefresh();
            result = await ValidateSignedTokenAsync(idToken, await ConfigurationAsync(cancellationToken));
        }
        if (!result.IsValid)
        {
            throw new GoogleSignInException("invalid-id-token", $"Google's ID token was not accepted: {result.Exception?.GetType().Name}.");
        }
        var claims = result.ClaimsIdentity;
        if (claims.FindFirst("nonce")?.Value is not { } nonce
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(nonce), System.Text.Encoding.UTF8.GetBytes(expectedNonce)))
        {
            throw new GoogleSignInException("nonce-mismatch", "The ID token was not issued for this sign-in (nonce).");
        }
        var subject = claims.FindFirst("sub")?.Value;
        var email = claims.FindFirst("email")?.Value;
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(email))
        {
            throw new GoogleSignInException("invalid-id-token", "The ID token names no account or email.");
        }
        var verified = claims.FindFirst("email_verified")?.Value is { } flag && bool.TryParse(flag, out var parsed) && parsed;
        DateTimeOffset? authTime = long.TryParse(claims.FindFirst("auth_time")?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        return new GoogleIdentity(subject, email, verified, claims.FindFirst("name")?.Value, authTime);
    }

    private Task<TokenValidationResult> ValidateSignedTokenAsync(string idToken, OpenIdConnectConfiguration configuration) =>
        Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            // Google writes its issuer with and without the scheme; the emulator's is its URL.
            ValidIssuers = configuration.Issuer == "https://accounts.google.com" ? [configuration.Issuer, "accounts.google.com"] : [configuration.Issuer],
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = ClaimTypes.Name,
        });
}
