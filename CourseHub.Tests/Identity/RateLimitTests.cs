using System.Net;
using System.Net.Http.Json;
using CourseHub.Api.Infrastructure.RateLimiting;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Identity;

/// <summary>The auth rate limit counted in Redis: shared by the Api replicas, and never a reason to refuse while Redis is down.</summary>
[Collection(SystemCollection.Name)]
public sealed class RateLimitTests(SystemFixture system)
{
    // The system runs with the default limit (the fixture sets no RateLimiting:Auth:*).
    private static readonly AuthRateLimitOptions Limit = new();

    [Fact]
    public async Task The_auth_limit_holds_across_both_api_replicas()
    {
        var replicas = system.Project("api").ReplicaUrls;
        Assert.Equal(2, replicas.Count);

        // Windows are aligned to the clock, so a run that crosses a window boundary counts in two windows: then it is
        // repeated once with a new address (a run takes a second or two; two boundaries cannot fall in two runs).
        for (var attempt = 1; ; attempt++)
        {
            var windowBefore = CurrentWindow();
            var run = await AlternateAsync(replicas, requests: Limit.PermitLimit + 10);
            if (CurrentWindow() != windowBefore && attempt == 1)
            {
                continue;
            }
            // Per-replica counters would have let all of them through (PermitLimit on each replica).
            Assert.Equal(Limit.PermitLimit, run.Accepted);
            Assert.Equal(10, run.Refused.Count);
            Assert.Equal(replicas.Order(), run.Refused.Select(refusal => refusal.Replica).Distinct().Order());
            var (_, refused) = run.Refused[0];
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, Limit.WindowSeconds);
            var problem = await IdentityClient.ProblemAsync(refused);
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
            Assert.Contains($"{refused.Headers.GetValues("Retry-After").Single()} seconds", problem.GetProperty("detail").GetString());
            return;
        }
    }

    [Fact]
    public async Task Without_redis_auth_requests_are_let_through_instead_of_refused()
    {
        using var client = new IdentityClient(system);
        HttpResponseMessage last;
        var sent = 0;
        do
        {
            last = await ForgotPasswordAsync(client.Http);
            Assert.True(++sent <= 2 * Limit.PermitLimit + 1, "the limit never applied");
        }
        while (last.StatusCode != HttpStatusCode.TooManyRequests);

        await system.StopAsync("redis");
        try
        {
            // The address is over its limit, but the counter cannot be read: the request is served, not refused or failed.
            Assert.Equal(HttpStatusCode.Accepted, (await ForgotPasswordAsync(client.Http)).StatusCode);
        }
        finally
        {
            await system.StartAsync("redis");
            await system.WaitForHealthyAsync("redis", TimeSpan.FromMinutes(1));
        }
        await system.WaitUntilServicesHealthyAsync(TimeSpan.FromSeconds(60));
    }

    private static long CurrentWindow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Limit.WindowSeconds;

    /// <summary>For a new address each time, so only the limit per client address applies (not the one per account).</summary>
    private static Task<HttpResponseMessage> ForgotPasswordAsync(HttpClient http) =>
        http.PostAsJsonAsync("/api/auth/forgot-password", new { email = IdentityClient.NewEmail("nobody") });

    /// <summary>Sends the requests from one new client address, alternately to each replica directly (not through the proxy).</summary>
    private async Task<(int Accepted, List<(string Replica, HttpResponseMessage Response)> Refused)> AlternateAsync(
        IReadOnlyList<string> replicas, int requests)
    {
        using var identity = new IdentityClient(system);
        var clients = replicas.Select(replica =>
        {
            var http = new HttpClient { BaseAddress = new Uri(replica), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("X-Forwarded-For", identity.ClientAddress);
            return (Replica: replica, Http: http);
        }).ToList();
        try
        {
            var accepted = 0;
            var refused = new List<(string, HttpResponseMessage)>();
            for (var i = 0; i < requests; i++)
            {
                var (replica, http) = clients[i % clients.Count];
                var response = await ForgotPasswordAsync(http);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    refused.Add((replica, response));
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    accepted++;
                }
            }
            return (accepted, refused);
        }
        finally
        {
            clients.ForEach(client => client.Http.Dispose());
        }
    }
}
