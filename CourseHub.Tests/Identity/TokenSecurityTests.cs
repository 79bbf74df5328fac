using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CourseHub.Api.Infrastructure;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CourseHub.Tests.Identity;

[Collection(SystemCollection.Name)]
public sealed class TokenSecurityTests(SystemFixture system) : IDisposable
{
    private readonly IdentityClient _client = new(system);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Discovery_documents_publish_only_the_public_key()
    {
        var configuration = await _client.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal("coursehub", configuration.GetProperty("issuer").GetString());
        var jwks = await _client.Http.GetFromJsonAsync<JsonElement>(configuration.GetProperty("jwks_uri").GetString()!);
        var key = jwks.GetProperty("keys")[0];
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task Expired_tampered_and_unsigned_tokens_are_refused_by_api_and_realtime()
    {
        var email = IdentityClient.NewEmail("tokens");
        var userId = await _client.RegisterAndActivateAsync(email);
        var valid = (await _client.LoginOkAsync(email)).AccessToken;

        var expired = await MintAsync(userId, email, DateTime.UtcNow.AddMinutes(-20), DateTime.UtcNow.AddMinutes(-5));
        var parts = valid.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["role"] = JsonSerializer.SerializeToElement("Admin");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
        var unsigned = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        var mintedElsewhere = await MintAsync(userId, email, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5),
            SigningKeys.FromPem(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem()));

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, "/api/me", valid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, "/api/me",
            await MintAsync(userId, email, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)))).StatusCode);
        foreach (var (name, token) in new[] { ("expired", expired), ("tampered", tampered), ("alg none", unsigned), ("foreign key", mintedElsewhere) })
        {
            Assert.True(HttpStatusCode.Unauthorized == (await _client.SendAsync(HttpMethod.Get, "/api/me", token)).StatusCode, $"Api accepted the {name} token");
            foreach (var realtime in system.Project("realtime").ReplicaUrls)
            {
                await using var connection = Connect(realtime, token);
                var error = await Record.ExceptionAsync(() => connection.StartAsync());
                Assert.True(RealtimeClients.IsUnauthorized(error), $"Realtime accepted the {name} token: {error}");
            }
        }

        // A valid token opens the user's own topic, and nobody else's.
        foreach (var realtime in system.Project("realtime").ReplicaUrls)
        {
            await using var connection = Connect(realtime, valid);
            await connection.StartAsync();
            await connection.InvokeAsync("Subscribe", $"user:{userId}");
            var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", $"user:{Guid.NewGuid()}"));
            Assert.Contains("own", error.Message);
        }
    }

    [Fact]
    public async Task A_student_gets_403_from_admin_endpoints_and_an_admin_gets_the_list()
    {
        var email = IdentityClient.NewEmail("student");
        await _client.RegisterAndActivateAsync(email);
        var student = await _client.LoginOkAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(HttpMethod.Get, "/api/admin/users", student.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(HttpMethod.Get, "/api/admin/users", null)).StatusCode);

        var admin = await _client.LoginOkAsync(SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        var page = await (await _client.SendAsync(HttpMethod.Get, $"/api/admin/users?search={Uri.EscapeDataString(email)}&page=1&pageSize=5", admin.AccessToken))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("Student", page.GetProperty("items")[0].GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task A_banned_user_is_cut_off_everywhere_and_the_ban_is_audited()
    {
        var email = IdentityClient.NewEmail("banned");
        var userId = await _client.RegisterAndActivateAsync(email);
        var user = await _client.LoginOkAsync(email);
        var admin = await _client.LoginOkAsync(SystemFixture.AdminEmail, SystemFixture.AdminPassword);

        var promoted = await _client.SendAsync(HttpMethod.Put, $"/api/admin/users/{userId}/role", admin.AccessToken, new { role = "Teacher" });
        Assert.Equal(HttpStatusCode.NoContent, promoted.StatusCode);
        user = await _client.LoginOkAsync(email);

        // Connections opened before the ban, one on each Realtime replica.
        var open = new List<(HubConnection Connection, TaskCompletionSource Closed)>();
        foreach (var realtime in system.Project("realtime").ReplicaUrls)
        {
            var connection = Connect(realtime, user.AccessToken);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
            await connection.StartAsync();
            open.Add((connection, closed));
        }

        var banned = await _client.SendAsync(HttpMethod.Post, $"/api/admin/users/{userId}/ban", admin.AccessToken, new { reason = "spam" });
        Assert.Equal(HttpStatusCode.NoContent, banned.StatusCode);

        // Open connections are closed by the server within seconds.
        foreach (var (connection, closed) in open)
        {
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(45));
            Assert.Equal(HubConnectionState.Disconnected, connection.State);
            await connection.DisposeAsync();
        }

        // Refresh tokens stop at once; sign-in is refused; access tokens within a minute on Api and Realtime.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.RefreshAsync(user.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.LoginAsync(email)).StatusCode);
        await Eventually.TrueAsync(async () =>
            (await _client.SendAsync(HttpMethod.Get, "/api/me", user.AccessToken)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(60), "the Api refusing the banned user's access token");
        foreach (var realtime in system.Project("realtime").ReplicaUrls)
        {
            await Eventually.TrueAsync(async () =>
            {
                await using var connection = Connect(realtime, user.AccessToken);
                return RealtimeClients.IsUnauthorized(await Record.ExceptionAsync(() => connection.StartAsync()));
            }, TimeSpan.FromSeconds(60), "Realtime refusing the banned user's access token");
        }

        var audit = await (await _client.SendAsync(HttpMethod.Get, "/api/admin/audit?pageSize=100", admin.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        var entries = audit.GetProperty("items").EnumerateArray().Where(entry => entry.GetProperty("targetUserId").GetString() == userId.ToString()).ToList();
        Assert.Contains(entries, entry => entry.GetProperty("action").GetString() == "user.banned" && entry.GetProperty("details").GetString() == "spam"
                                          && entry.GetProperty("actorEmail").GetString() == SystemFixture.AdminEmail);
        Assert.Contains(entries, entry => entry.GetProperty("action").GetString() == "user.role-changed");

        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(HttpMethod.Post, $"/api/admin/users/{userId}/unban", admin.AccessToken)).StatusCode);
        var again = await _client.LoginOkAsync(email);
        await Eventually.TrueAsync(async () =>
            (await _client.SendAsync(HttpMethod.Get, "/api/me", again.AccessToken)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the unbanned user getting in again");
    }

    private static HubConnection Connect(string realtimeUrl, string token) => RealtimeClients.Connect(realtimeUrl, token);

    /// <summary>A token signed with the Api's own development key (read from the database), with chosen times.</summary>
    /// <summary>A token like the Api's; it names the session of the user's latest sign-in (a token must name a live session).</summary>
    private async Task<string> MintAsync(Guid userId, string email, DateTime notBefore, DateTime expires, SigningCredentials? credentials = null)
    {
        string session;
        await using (var sessions = system.CreateDbContext())
        {
            session = (await sessions.RefreshTokens.Where(token => token.UserId == userId).OrderByDescending(token => token.CreatedAt)
                .Select(token => token.FamilyId).FirstAsync()).ToString();
        }
        if (credentials is null)
        {
            await using var db = system.CreateDbContext();
            credentials = SigningKeys.FromPem(await db.SigningKeys.Select(key => key.PrivateKeyPem).SingleAsync());
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "coursehub",
            Audience = "coursehub",
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("email", email), new Claim("role", "Student"), new Claim("sid", session)]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = credentials,
        });
    }
}
