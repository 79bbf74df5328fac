using System.Security.Cryptography;
using System.Text;
using CourseHub.GoogleEmulator.Authorize;
using CourseHub.GoogleEmulator.Control;
using CourseHub.GoogleEmulator.Signing;
using Microsoft.Extensions.Options;

namespace CourseHub.GoogleEmulator.Tokens;

/// <summary>
/// Google's token endpoint for the authorization-code grant: the client authenticates (client_secret_post or basic), the
/// code is spent, the redirect URI and the PKCE verifier must match what the authorize request said, and the answer
/// carries an RS256 ID token (iss, aud, azp, sub, email, email_verified, name, nonce, auth_time when max_age was asked, iat, exp).
/// </summary>
public static class TokenEndpoints
{
    public const string Path = "/token";

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (HttpRequest request, IOptions<EmulatorOptions> options, AuthorizationCodes codes, IdTokenSigner signer,
            Misbehaviour misbehaviour, TimeProvider clock) =>
        {
            if (!request.HasFormContentType)
            {
                return Error(400, "invalid_request", "The body must be application/x-www-form-urlencoded.");
            }
            var form = await request.ReadFormAsync();
            var (clientId, clientSecret) = ClientCredentials(request, form);
            if (clientId != options.Value.ClientId || !FixedTimeEquals(clientSecret, options.Value.ClientSecret))
            {
                return Error(401, "invalid_client", "The OAuth client was not found or its secret is wrong.");
            }
            if (form["grant_type"] != "authorization_code")
            {
                return Error(400, "unsupported_grant_type", "Only authorization_code is supported.");
            }
            var pending = codes.Redeem(form["code"].ToString());
            if (pending is null || pending.ClientId != clientId)
            {
                return Error(400, "invalid_grant", "Malformed auth code, or it was already used or has expired.");
            }
            if (pending.RedirectUri != form["redirect_uri"])
            {
                return Error(400, "redirect_uri_mismatch", "redirect_uri does not match the authorize request's.");
            }
            if (pending.CodeChallenge is { } challenge && !VerifierMatches(form["code_verifier"].ToString(), challenge, pending.CodeChallengeMethod))
            {
                return Error(400, "invalid_grant", "code_verifier does not match the code_challenge.");
            }

            var wrong = misbehaviour.Take();
            var now = clock.GetUtcNow();
            var issuer = options.Value.Issuer?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
            var claims = new Dictionary<string, object?>
            {
                ["iss"] = wrong?.Issuer ?? issuer,
                ["azp"] = clientId,
                ["aud"] = wrong?.Audience ?? clientId,
                ["sub"] = pending.Identity.Subject,
                ["email"] = pending.Identity.Email,
                ["email_verified"] = pending.Identity.EmailVerified,
                ["name"] = pending.Identity.Name,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = (now + options.Value.IdTokenLifetime).ToUnixTimeSeconds(),
            };
            if (pending.Nonce is { } nonce)
            {
                claims["nonce"] = nonce;
            }
            if (pending.AuthTime is { } authTime)
            {
                claims["auth_time"] = authTime.ToUnixTimeSeconds();
            }
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = "ya29." + IdTokenSigner.Base64Url(RandomNumberGenerator.GetBytes(32)),
                ["expires_in"] = (int)options.Value.IdTokenLifetime.TotalSeconds,
                ["token_type"] = "Bearer",
                ["scope"] = "openid email profile",
                ["id_token"] = signer.Sign(claims, wrong?.SignWithUnpublishedKey ?? false),
            });
        }).DisableAntiforgery();
        return endpoints;
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':');
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static bool VerifierMatches(string verifier, string challenge, string? method)
    {
        if (verifier.Length is < 43 or > 128)
        {
            return false;
        }
        var expected = method == "plain" ? verifier : IdTokenSigner.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return FixedTimeEquals(expected, challenge);
    }

    private static bool FixedTimeEquals(string? left, string right) =>
        left is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));

    /// <summary>Google's OAuth error body.</summary>
    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
