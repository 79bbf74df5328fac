using System.Text;
using System.Text.Json;
using CourseHub.Domain.LiveClasses;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Tests.LiveClasses;

/// <summary>Meeting links: the public Jitsi room URL, or with an app id and secret a signed HS256 token for that room.</summary>
public sealed class JitsiMeetingLinkTests
{
    private const string Secret = "a-test-secret-of-more-than-thirty-two-bytes";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly JitsiUser Teacher = new(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "Ada Lovelace", "ada@example.test", Moderator: true);

    [Fact]
    public void Without_an_app_id_and_secret_the_link_is_the_plain_room_url()
    {
        var url = JitsiMeetingLinks.For(new JitsiSettings("https://meet.jit.si/", null, null), "CourseHub-abc", Teacher, Now.AddHours(1), Now);
        Assert.Equal("https://meet.jit.si/CourseHub-abc", url);
        // Half a configuration signs nothing either.
        Assert.Equal("https://meet.jit.si/CourseHub-abc",
            JitsiMeetingLinks.For(new JitsiSettings("https://meet.jit.si", "coursehub", null), "CourseHub-abc", Teacher, Now.AddHours(1), Now));
    }

    [Fact]
    public async Task With_an_app_id_and_secret_the_link_carries_a_token_signed_for_that_room_with_the_standard_claims()
    {
        var settings = new JitsiSettings("https://meet.example.test", "coursehub-app", Secret);
        var ends = Now.AddMinutes(45);
        var url = JitsiMeetingLinks.For(settings, "CourseHub-room1", Teacher, ends, Now);
        Assert.StartsWith("https://meet.example.test/CourseHub-room1?jwt=", url);
        var token = url[(url.IndexOf("?jwt=", StringComparison.Ordinal) + 5)..];

        // Checked by Microsoft's JWT handler, not by our code: algorithm, signature, audience, issuer and lifetime.
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidAudience = "jitsi",
            ValidIssuer = "coursehub-app",
            LifetimeValidator = (_, expires, _, _) => expires == ends.AddHours(1).UtcDateTime,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);

        var jwt = new JsonWebToken(token);
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("meet.example.test", jwt.Subject);
        Assert.Equal("CourseHub-room1", jwt.GetClaim("room").Value);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        var user = payload.RootElement.GetProperty("context").GetProperty("user");
        Assert.Equal("Ada Lovelace", user.GetProperty("name").GetString());
        Assert.Equal(Teacher.Id.ToString(), user.GetProperty("id").GetString());
        Assert.Equal("ada@example.test", user.GetProperty("email").GetString());
        Assert.Equal("true", user.GetProperty("moderator").GetString());
        Assert.Equal(ends.AddHours(1).ToUnixTimeSeconds(), payload.RootElement.GetProperty("exp").GetInt64());

        // Another secret does not verify it, and a token for one room is not one for another.
        var forged = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-secret-of-more-than-thirty-two-bytes")),
            ValidAudience = "jitsi",
            ValidIssuer = "coursehub-app",
            ValidateLifetime = false,
        });
        Assert.False(forged.IsValid);
        Assert.NotEqual(token, JitsiMeetingLinks.Token(settings, "CourseHub-room2", Teacher, ends, Now));
    }

    [Fact]
    public void A_student_is_not_a_moderator()
    {
        var settings = new JitsiSettings("https://meet.example.test", "coursehub-app", Secret);
        var token = JitsiMeetingLinks.Token(settings, "CourseHub-room1", Teacher with { Moderator = false, Name = "Student" }, Now.AddHours(1), Now);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(token).EncodedPayload));
        Assert.Equal("false", payload.RootElement.GetProperty("context").GetProperty("user").GetProperty("moderator").GetString());
        Assert.False(payload.RootElement.GetProperty("moderator").GetBoolean());
    }
}
