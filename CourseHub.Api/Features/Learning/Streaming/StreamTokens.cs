using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.Learning.Streaming;

public sealed class StreamingOptions
{
    public const string Section = "Video";

    /// <summary>
    /// How long the signed playlist and segment links of one viewer work. Short, so a copied playlist is soon useless;
    /// the player asks for a fresh master playlist when its links run out.
    /// </summary>
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>What a signed stream link allows: one viewer, one generation of one lesson's renditions, until a time.</summary>
public sealed record StreamGrant(string Viewer, Guid LessonId, Guid Generation, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and reads the <c>t</c> parameter of stream links with ASP.NET Data Protection (its keys are shared by the Api
/// replicas through Redis), so a link cannot be forged, widened to another lesson or viewer, or prolonged.
/// </summary>
public sealed class StreamTokens(IDataProtectionProvider protection, TimeProvider clock, IOptions<StreamingOptions> options)
{
    /// <summary>Anonymous viewers of a free-preview lesson share this viewer name: their links bind to nobody.</summary>
    public const string Anonymous = "anonymous";

    private readonly IDataProtector _protector = protection.CreateProtector("CourseHub.Api.Learning.StreamLinks.v1");

    public string Issue(string viewer, Guid lessonId, Guid generation)
    {
        var expiresAt = clock.GetUtcNow() + options.Value.StreamUrlLifetime;
        return _protector.Protect(string.Join('|', viewer, lessonId.ToString("N"), generation.ToString("N"),
            expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The grant in <paramref name="token"/>, or null when it was not signed by us (or was altered).</summary>
    public StreamGrant? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
        var parts = payload.Split('|');
        return parts.Length == 4 && Guid.TryParseExact(parts[1], "N", out var lessonId) && Guid.TryParseExact(parts[2], "N", out var generation)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? new StreamGrant(parts[0], lessonId, generation, DateTimeOffset.FromUnixTimeMilliseconds(expires))
            : null;
    }

    public bool IsExpired(StreamGrant grant) => grant.ExpiresAt <= clock.GetUtcNow();
}
