using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using CourseHub.Api.Features.Me;
using CourseHub.Contracts.Chat;
using CourseHub.Domain.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using CourseHub.Worker.Features.Accounts;
using CourseHub.Worker.Features.Payments;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace CourseHub.Tests.Identity;

/// <summary>
/// The rest of leaving, on the running system: a Google-only account confirms its deletion by signing in at Google again
/// (a fresh, single-use proof), a deleted account's realtime connections close on every hub and replica, and the deletion
/// email's "keep my account" link cancels the pending erasure once, within the grace period only.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccountLeavingTests(SystemFixture system, ITestOutputHelper output)
{
    private const string Password = "correct-horse-battery";
    private const string DeletedSubject = "Your CourseHub account is being deleted";

    private AccountErasure Erasure(Domain.CourseHubDbContext db, DateTimeOffset now)
    {
        var blobs = new BlobServiceClient(system.ConnectionString("blobs"));
        return new AccountErasure(db, blobs, new OrderReceipts(db, blobs), Options.Create(new AccountDeletionOptions()), new FakeTimeProvider(now),
            NullLogger<AccountErasure>.Instance);
    }

    /// <summary>A Google-only Student account, signed in: its tokens.</summary>
    private static async Task<Tokens> GoogleOnlyAccountAsync(GoogleDouble google, string email) =>
        await google.CompleteOkAsync(await google.SignInAtGoogleAsync(email, "Only Google"), role: "Student");

    /// <summary>The signed-in user's re-authentication: the Api's start path, then Google's page (as <paramref name="atGoogle"/>) → where the callback sent the browser.</summary>
    private static async Task<CallbackOutcome> ReauthenticateAsync(GoogleDouble google, string accessToken, string atGoogle, Func<Uri, Uri>? tamper = null)
    {
        var started = await google.Identity.SendAsync(HttpMethod.Post, "/api/me/reauth/google", accessToken);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var path = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        var authorize = await google.StartPathAsync(path);
        // Google is asked to have the user sign in again, whatever session it has (max_age=0).
        Assert.Equal("0", IdentityClient.Query(authorize)["max_age"]);
        return await google.CallbackAsync(await google.AuthorizeAsync(tamper is null ? authorize : tamper(authorize), atGoogle));
    }

    [Fact]
    public async Task A_google_only_account_confirms_its_deletion_by_signing_in_at_google_again()
    {
        using var google = new GoogleDouble(system);
        var email = GoogleDouble.GoogleEmail("reauthleaver");
        var tokens = await GoogleOnlyAccountAsync(google, email);
        Task<HttpResponseMessage> DeleteAsync(object body) => google.Identity.SendAsync(HttpMethod.Post, "/api/me/delete", tokens.AccessToken, body);

        // No proof: 400 naming googleProof (a password is no use to an account that has none).
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await DeleteAsync(new { password = "anything-at-all" }), "googleProof"));
        // A made-up proof: 403 naming googleProof.
        var forged = await DeleteAsync(new { googleProof = "made-up-proof" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var problem = await IdentityClient.ProblemAsync(forged);
        Assert.Equal("reauthentication-required", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("googleProof", out _));

        // Signing in at Google as another Google account proves nothing.
        var other = await ReauthenticateAsync(google, tokens.AccessToken, GoogleDouble.GoogleEmail("someoneelse"));
        Assert.Equal("reauth-wrong-account", other.Error);
        Assert.EndsWith("/account/security", other.Location.GetLeftPart(UriPartial.Path));
        // Without max_age Google sends no auth_time: an old Google session is not a fresh sign-in.
        var stale = await ReauthenticateAsync(google, tokens.AccessToken, email,
            authorize => new Uri(authorize.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', authorize.Query.TrimStart('?').Split('&').Where(p => !p.StartsWith("max_age=")))));
        Assert.Equal("reauth-not-fresh", stale.Error);

        // Another user's proof is not this user's.
        var someone = GoogleDouble.GoogleEmail("otherleaver");
        var someoneTokens = await GoogleOnlyAccountAsync(google, someone);
        var theirs = (await ReauthenticateAsync(google, someoneTokens.AccessToken, someone)).Query["googleProof"];
        Assert.Equal(HttpStatusCode.Forbidden, (await DeleteAsync(new { googleProof = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await google.Identity.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken)).StatusCode);

        // A fresh sign-in at Google as this account: the proof comes back to the security page and confirms the deletion.
        var outcome = await ReauthenticateAsync(google, tokens.AccessToken, email);
        Assert.Null(outcome.Error);
        Assert.EndsWith("/account/security", outcome.Location.GetLeftPart(UriPartial.Path));
        var proof = outcome.Query["googleProof"];
        Assert.Equal(HttpStatusCode.Accepted, (await DeleteAsync(new { googleProof = proof })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await google.Identity.SendAsync(HttpMethod.Get, "/api/me", tokens.AccessToken)).StatusCode);
        await using var db = system.CreateDbContext();
        Assert.NotNull((await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).DeletionRequestedAt);
    }

    [Fact]
    public async Task A_deleted_users_realtime_connections_close_on_every_hub_and_replica()
    {
        using var user = await system.SignUpAsync("Student", "realtimeleaver");
        using var other = await system.SignUpAsync("Student", "realtimestayer");
        var connections = new List<HubConnection>();
        var closed = new List<Task>();
        HubConnection Track(HubConnection connection)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += _ => { done.TrySetResult(); return Task.CompletedTask; };
            connections.Add(connection);
            closed.Add(done.Task);
            return connection;
        }
        try
        {
            foreach (var replica in system.Project("realtime").ReplicaUrls)
            {
                await Track(RealtimeClients.Connect(replica, user.Token)).StartAsync();
                await Track(new HubConnectionBuilder().WithUrl(replica + ChatHubNames.Path, options =>
                {
                    options.SkipNegotiation = true;
                    options.Transports = HttpTransportType.WebSockets;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(user.Token);
                }).Build()).StartAsync();
            }
            await using var bystander = RealtimeClients.Connect(system.Project("realtime").ReplicaUrls[0], other.Token);
            await bystander.StartAsync();

            Assert.Equal(HttpStatusCode.Accepted, (await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password })).StatusCode);
            // The ban's path: within seconds (the set's cache and the sweep), not when the client happens to leave.
            var started = DateTime.UtcNow;
            await Task.WhenAll(closed).WaitAsync(TimeSpan.FromSeconds(45));
            Assert.All(connections, connection => Assert.Equal(HubConnectionState.Disconnected, connection.State));
            Assert.Equal(HubConnectionState.Connected, bystander.State);
            output.WriteLine($"the deleted user's {connections.Count} connections closed {(DateTime.UtcNow - started).TotalSeconds:0.0} s after the deletion");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_keep_my_account_link_restores_the_account_once_and_the_erasure_passes_it_by()
    {
        using var user = await system.SignUpAsync("Student", "restorer");
        await user.OkJsonAsync(HttpMethod.Put, "/api/me", new { displayName = "Restoring Rita", bio = "Back again", timeZone = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.Accepted, (await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.LoginAsync(user.Email)).StatusCode);

        var link = await user.Client.WaitForLinkAsync(user.Email, DeletedSubject);
        Assert.Equal("/account/restore", link.AbsolutePath);
        var token = IdentityClient.Query(link)["token"];
        DateTimeOffset requestedAt;
        await using (var db = system.CreateDbContext())
        {
            requestedAt = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id)).DeletionRequestedAt!.Value;
        }

        // A broken token is a 400 naming the field; the real one keeps the account.
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(await user.Client.Http.PostAsJsonAsync("/api/account/restore", new { token = token[..^4] }), "token"));
        var restored = await user.Client.Http.PostAsJsonAsync("/api/account/restore", new { token });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);

        // It signs in again, and its deleted-user shut-out is lifted (the token works on every replica).
        var tokens = await user.Client.LoginOkAsync(user.Email);
        foreach (var replica in system.Project("api").ReplicaUrls)
        {
            using var http = new HttpClient { BaseAddress = new Uri(replica) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new("Bearer", tokens.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        // The link works once.
        var again = await user.Client.Http.PostAsJsonAsync("/api/account/restore", new { token });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("restore-link-used", (await IdentityClient.ProblemAsync(again)).GetProperty("code").GetString());

        // The Worker's erasure, well past the grace period of that deletion request, leaves the account alone.
        await using (var db = system.CreateDbContext())
        {
            await Erasure(db, requestedAt.AddDays(30)).EraseDueAsync(CancellationToken.None);
        }
        await using (var db = system.CreateDbContext())
        {
            var row = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
            Assert.Null(row.DeletionRequestedAt);
            Assert.Null(row.ErasedAt);
            Assert.Equal("Restoring Rita", row.DisplayName);
            Assert.Equal(user.Email, row.Email);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.restored" && a.TargetUserId == user.Id));
        }
    }

    /// <summary>A restore link as the Api makes it (its own data-protection keys in Redis) for a deletion moment of the test's choosing.</summary>
    private async Task<string> RestoreLinkForAsync(AppUser user, DateTimeOffset requestedAt)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("CourseHub.Api");
        services.Configure<KeyManagementOptions>(options =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "coursehub:api:data-protection-keys"));
        var provider = services.BuildServiceProvider();
        return new AccountRestoreLinks(provider.GetRequiredService<IDataProtectionProvider>(), new ConfigurationBuilder().Build()).Issue(user, requestedAt);
    }

    [Fact]
    public async Task A_restore_link_after_the_grace_period_or_after_the_erasure_is_refused_and_says_so()
    {
        using var user = await system.SignUpAsync("Student", "latecomer");
        Assert.Equal(HttpStatusCode.Accepted, (await user.SendAsync(HttpMethod.Post, "/api/me/delete", new { password = Password })).StatusCode);
        var emailed = IdentityClient.Query(await user.Client.WaitForLinkAsync(user.Email, DeletedSubject))["token"];

        // The grace period is over (the deletion moved 8 days back), the Worker has not erased it yet: the link is refused.
        var longAgo = DateTimeOffset.UtcNow.AddDays(-8);
        longAgo = longAgo.AddTicks(-(longAgo.Ticks % TimeSpan.TicksPerMillisecond));
        AppUser row;
        await using (var db = system.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.DeletionRequestedAt, longAgo));
            row = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        }
        var late = await user.Client.Http.PostAsJsonAsync("/api/account/restore", new { token = await RestoreLinkForAsync(row, longAgo) });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("restore-link-expired", (await IdentityClient.ProblemAsync(late)).GetProperty("code").GetString());
        // The emailed link names the original moment, which is no longer the account's: refused too.
        Assert.Equal(HttpStatusCode.Conflict, (await user.Client.Http.PostAsJsonAsync("/api/account/restore", new { token = emailed })).StatusCode);

        // Once erased, the link says so.
        await using (var db = system.CreateDbContext())
        {
            Assert.True(await Erasure(db, DateTimeOffset.UtcNow).EraseDueAsync(CancellationToken.None) >= 1);
        }
        var erased = await user.Client.Http.PostAsJsonAsync("/api/account/restore", new { token = await RestoreLinkForAsync(row, longAgo) });
        Assert.Equal(HttpStatusCode.Conflict, erased.StatusCode);
        var problem = await IdentityClient.ProblemAsync(erased);
        Assert.Equal("account-erased", problem.GetProperty("code").GetString());
        Assert.Contains("erased", problem.GetProperty("detail").GetString());
        await using (var db = system.CreateDbContext())
        {
            Assert.NotNull((await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id)).ErasedAt);
        }
    }
}
