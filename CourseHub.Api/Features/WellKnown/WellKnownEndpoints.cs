using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Api.Features.WellKnown;

/// <summary>
/// The public half of the signing key (JWKS) and a minimal OpenID discovery document, so Realtime
/// and Web validate access tokens themselves.
/// </summary>
public static class WellKnownEndpoints
{
    public static IEndpointRouteBuilder MapWellKnownEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
            return TypedResults.Ok(new Dictionary<string, object>
            {
                ["issuer"] = CourseHubJwt.Issuer,
                ["jwks_uri"] = baseUrl + "/.well-known/jwks.json",
                ["token_endpoint"] = baseUrl + "/api/auth/login",
                ["id_token_signing_alg_values_supported"] = CourseHubJwt.Algorithms,
                ["response_types_supported"] = new[] { "token" },
                ["subject_types_supported"] = new[] { "public" },
            });
        }).WithTags("Discovery").WithSummary("OpenID discovery document").WithDescription("OpenID discovery document (issuer and JWKS location).");

        endpoints.MapGet("/.well-known/jwks.json", async (SigningKeys keys, CancellationToken cancellationToken) =>
        {
            var credentials = await keys.GetAsync(cancellationToken);
            var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(credentials.Key);
            var publicKey = new Dictionary<string, string?>
            {
                ["kty"] = jwk.Kty,
                ["use"] = "sig",
                ["kid"] = credentials.Key.KeyId,
                ["alg"] = credentials.Algorithm,
                ["crv"] = jwk.Crv,
                ["x"] = jwk.X,
                ["y"] = jwk.Y,
                ["n"] = jwk.N,
                ["e"] = jwk.E,
            };
            // Only public parameters: never d, p, q, dp, dq, qi.
            return TypedResults.Ok(new { keys = new[] { publicKey.Where(entry => entry.Value is not null).ToDictionary() } });
        }).WithTags("Discovery").WithSummary("Token signing keys (JWKS)").WithDescription("The public keys that verify access tokens.");
        return endpoints;
    }
}
