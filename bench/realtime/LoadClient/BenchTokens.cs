using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CourseHub.Bench.Realtime;

/// <summary>
/// Access tokens in the shape the Api issues (issuer and audience "coursehub", sub, name, email, role, sid), signed ES256
/// with the bench-only key that run.sh hands the bench's AppHost as Auth:SigningKey. Realtime verifies them against the
/// Api's JWKS exactly as it verifies real ones; signing here only skips the thousands of password hashes a sign-in costs.
/// </summary>
public sealed class BenchTokens(ECDsa key)
{
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"ES256","typ":"JWT"}"""u8);

    public static BenchTokens FromPemFile(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return new BenchTokens(key);
    }

    public string For(Guid userId, string displayName, string role, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "coursehub",
            ["aud"] = "coursehub",
            ["sub"] = userId.ToString(),
            ["name"] = displayName,
            ["email"] = $"{userId:N}@bench.invalid",
            ["role"] = role,
            // A session Redis has never heard of: Realtime (which has no database of sessions) treats it as live.
            ["sid"] = Guid.NewGuid().ToString(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        });
        var signed = $"{Header}.{Base64Url.EncodeToString(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }
}
