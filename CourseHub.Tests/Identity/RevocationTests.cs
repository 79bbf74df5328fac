using System.Net;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Identity;

/// <summary>
/// Revocation takes effect on the next request, on every Api replica: a demoted admin's token stops listing users,
/// and "sign out everywhere" or a ban ends the access tokens already handed out, not only the refresh tokens.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RevocationTests(SystemFixture system)
{
    private IReadOnlyList<string> Replicas => system.Project("api").ReplicaUrls;

    private async Task<HttpStatusCode> StatusOnAsync(string replica, HttpMethod method, string path, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(replica) };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<(IdentityClient Client, Guid Id, string Email)> NewUserAsync(string prefix)
    {
        var client = new IdentityClient(system);
        var email = IdentityClient.NewEmail(prefix);
        var id = await client.RegisterAndActivateAsync(email);
        return (client, id, email);
    }

    [Fact]
    public async Task A_demoted_admin_is_refused_on_the_next_request_on_every_replica()
    {
        Assert.True(Replicas.Count >= 2, "the system runs two Api replicas");
        using var admin = await system.AdminAsync();
        var (client, id, email) = await NewUserAsync("demoted");
        using var _ = client;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/role", new { role = "Admin" })).StatusCode);
        var token = (await client.LoginOkAsync(email)).AccessToken;
        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusOnAsync(replica, HttpMethod.Get, "/api/admin/users", token));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/role", new { role = "Student" })).StatusCode);

        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, HttpMethod.Get, "/api/admin/users", token));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, HttpMethod.Get, "/api/me", token));
        }
        // Signing in again gives a student's token.
        var fresh = (await client.LoginOkAsync(email)).AccessToken;
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOnAsync(Replicas[0], HttpMethod.Get, "/api/admin/users", fresh));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_access_tokens_of_every_session_at_once()
    {
        var (client, _, email) = await NewUserAsync("logout-all");
        using var __ = client;
        var laptop = (await client.LoginOkAsync(email)).AccessToken;
        var phone = (await client.LoginOkAsync(email)).AccessToken;
        Assert.Equal(HttpStatusCode.OK, await StatusOnAsync(Replicas[^1], HttpMethod.Get, "/api/me", phone));

        Assert.Equal(HttpStatusCode.NoContent, await StatusOnAsync(Replicas[0], HttpMethod.Post, "/api/auth/logout-all", laptop));

        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, HttpMethod.Get, "/api/me", laptop));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, HttpMethod.Get, "/api/me", phone));
        }
    }

    [Fact]
    public async Task Signing_out_one_session_ends_its_access_token_and_keeps_the_others()
    {
        var (client, _, email) = await NewUserAsync("logout-one");
        using var __ = client;
        var leaving = await client.LoginOkAsync(email);
        var staying = await client.LoginOkAsync(email);

        using var logout = await client.SendAsync(HttpMethod.Post, "/api/auth/logout", null, new { refreshToken = leaving.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, HttpMethod.Get, "/api/me", leaving.AccessToken));
            Assert.Equal(HttpStatusCode.OK, await StatusOnAsync(replica, HttpMethod.Get, "/api/me", staying.AccessToken));
        }
    }

    [Fact]
    public async Task A_banned_user_is_refused_on_the_next_request_on_every_replica()
    {
        using var admin = await system.AdminAsync();
        var (client, id, email) = await NewUserAsync("banned-now");
        using var __ = client;
        var token = (await client.LoginOkAsync(email)).AccessToken;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/users/{id}/ban", new { reason = "test" })).StatusCode);

        foreach (var replica in Replicas)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnAsync(replica, HttpMethod.Get, "/api/me", token));
        }
    }
}
