using System.Security.Cryptography;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The key that signs access tokens. <c>Auth:SigningKey</c> (a PEM private key, EC P-256 or RSA)
/// is required in Production. In Development without it, the first Api replica generates an EC
/// key and stores it in the database, so every replica and every restart signs with the same key.
/// </summary>
public sealed class SigningKeys(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, ILogger<SigningKeys> logger)
{
    private const string DevelopmentKeyId = "development";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningCredentials? _credentials;

    /// <summary>The current key, or null before <see cref="LoadAsync"/> has run.</summary>
    public SigningCredentials? Current => _credentials;

    public IEnumerable<SecurityKey> ValidationKeys => _credentials is { } credentials ? [credentials.Key] : [];

    public async Task<SigningCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (_credentials is { } loaded)
        {
            return loaded;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _credentials ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SigningCredentials> LoadAsync(CancellationToken cancellationToken)
    {
        var pem = configuration["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(pem))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException("Auth:SigningKey (a PEM private key) is required outside Development.");
            }
            pem = await LoadOrCreateDevelopmentKeyAsync(cancellationToken);
        }
        return FromPem(pem);
    }

    public static SigningCredentials FromPem(string pem)
    {
        AsymmetricSecurityKey key;
        string algorithm;
        if (pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) || IsRsa(pem))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            key = new RsaSecurityKey(rsa);
            algorithm = SecurityAlgorithms.RsaSha256;
        }
        else
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            key = new ECDsaSecurityKey(ecdsa);
            algorithm = SecurityAlgorithms.EcdsaSha256;
        }
        // The key id is the RFC 7638 thumbprint, so it changes exactly when the key does.
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(key).ComputeJwkThumbprint());
        return new SigningCredentials(key, algorithm);
    }

    private static bool IsRsa(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private async Task<string> LoadOrCreateDevelopmentKeyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var candidate = ecdsa.ExportPkcs8PrivateKeyPem();
        // Replicas starting together race here; the first insert wins and everyone reads it back.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO signing_keys (id, private_key_pem, created_at) VALUES ({DevelopmentKeyId}, {candidate}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 1)
        {
            logger.LogInformation("Generated a development token-signing key (configure Auth:SigningKey to use your own)");
        }
        return await db.SigningKeys.Where(key => key.Id == DevelopmentKeyId).Select(key => key.PrivateKeyPem).SingleAsync(cancellationToken);
    }
}

/// <summary>Loads the signing key at start-up (after migrations), so the first request does not wait.</summary>
public sealed class SigningKeyLoader(SigningKeys keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await keys.GetAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
