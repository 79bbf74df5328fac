using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CourseHub.GoogleEmulator.Signing;

/// <summary>
/// The provider's RS256 key, made at start (like Google's, it is published in the JWKS and rotates: here with every run),
/// and a second key that is never published, for a test that needs a token a relying party must refuse.
/// </summary>
public sealed class IdTokenSigner : IDisposable
{
    private readonly RSA _published = RSA.Create(2048);
    private readonly RSA _unpublished = RSA.Create(2048);

    public string KeyId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The JWKS document: the public half of the published key.</summary>
    public object Jwks()
    {
        var parameters = _published.ExportParameters(includePrivateParameters: false);
        return new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) },
            },
        };
    }

    /// <summary>A compact JWS (header.payload.signature) over the claims, written by hand so the double shares no code with the reader.</summary>
    public string Sign(IReadOnlyDictionary<string, object?> claims, bool withUnpublishedKey = false)
    {
        // The unpublished key claims the published key's id: the relying party must check the signature, not trust the kid.
        var header = new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = KeyId, ["typ"] = "JWT" };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var key = withUnpublishedKey ? _unpublished : _published;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        _published.Dispose();
        _unpublished.Dispose();
    }
}
