using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseHub.Domain.LiveClasses;

/// <summary>Where meetings live and, for a self-hosted Jitsi with token authentication, its app id and secret.</summary>
public sealed record JitsiSettings(string BaseUrl, string? AppId, string? AppSecret)
{
    public bool SignsTokens => !string.IsNullOrEmpty(AppId) && !string.IsNullOrEmpty(AppSecret);
}

/// <summary>Who the token speaks for: Jitsi shows the name and gives the moderator role to the teacher.</summary>
public sealed record JitsiUser(Guid Id, string Name, string? Email, bool Moderator);

/// <summary>
/// Meeting links. On the public Jitsi Meet a link is the room's URL. With an app id and secret configured (a self-hosted
/// Jitsi with its JWT authentication, "prosody token auth") the link carries <c>?jwt=</c>: an HS256 token for that one room
/// with Jitsi's standard claims (<c>aud</c> "jitsi", <c>iss</c> the app id, <c>sub</c> the Jitsi domain, <c>room</c>,
/// <c>exp</c>, <c>context.user</c>). HS256 is one HMAC over two base64url parts, written here rather than pulling in a JWT
/// library for it.
/// </summary>
public static class JitsiMeetingLinks
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string For(JitsiSettings settings, string room, JitsiUser user, DateTimeOffset sessionEnds, DateTimeOffset now)
    {
        var url = $"{settings.BaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(room)}";
        return settings.SignsTokens ? $"{url}?jwt={Token(settings, room, user, sessionEnds, now)}" : url;
    }

    /// <summary>Valid from now until an hour after the session's end (late overruns keep their meeting).</summary>
    public static string Token(JitsiSettings settings, string room, JitsiUser user, DateTimeOffset sessionEnds, DateTimeOffset now)
    {
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" };
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "jitsi",
            ["iss"] = settings.AppId!,
            ["sub"] = new Uri(settings.BaseUrl).Host,
            ["room"] = room,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = (sessionEnds > now ? sessionEnds : now).AddHours(1).ToUnixTimeSeconds(),
            ["moderator"] = user.Moderator,
            ["context"] = new Dictionary<string, object>
            {
                ["user"] = new JitsiTokenUser(user.Id.ToString(), user.Name, user.Email, user.Moderator ? "true" : "false"),
            },
        };
        var signed = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header, Json))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims, Json))}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.AppSecret!), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64Url(signature)}";
    }

    private sealed record JitsiTokenUser(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("moderator")] string Moderator);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
