using System.Net;
using System.Net.Http.Json;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace CourseHub.Tests.Identity;

/// <summary>Where a Google sign-in ended at the callback: the Web page it sent the browser to, with its query.</summary>
public sealed record CallbackOutcome(Uri Location)
{
    public Dictionary<string, string> Query => IdentityClient.Query(Location);
    public string? Error => Query.GetValueOrDefault("googleError");
    public string? Code => Query.GetValueOrDefault("code");
}

/// <summary>
/// Plays the browser in a Google sign-in over plain HTTP: the Api's start route (keeping its flow cookie), our Google
/// emulator's authorize form, the Api's callback, and the completion. Each step can be tampered with in between.
/// Its own client address (X-Forwarded-For), so its auth requests do not count against other tests' rate limits.
/// </summary>
public sealed class GoogleDouble : IDisposable
{
    private readonly HttpClient _browser;

    public GoogleDouble(SystemFixture system)
    {
        Api = system.Project("api").Url;
        Emulator = system.Project("google").Url;
        Identity = new IdentityClient(system);
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _browser.DefaultRequestHeaders.Add("X-Forwarded-For", Identity.ClientAddress);
    }

    public string Api { get; }
    public string Emulator { get; }
    public IdentityClient Identity { get; }

    /// <summary>The "browser": keeps cookies, does not follow redirects.</summary>
    public HttpClient Client => _browser;

    /// <summary>GET start → the authorize URL (on the emulator) the Api redirected to.</summary>
    public async Task<Uri> StartAsync(string returnUrl = "/", string? link = null)
    {
        var url = $"{Api}/api/auth/external/google/start?returnUrl={Uri.EscapeDataString(returnUrl)}" + (link is null ? "" : $"&link={Uri.EscapeDataString(link)}");
        using var response = await _browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>GET a start path the Api handed out (a link or re-authentication ticket) → the authorize URL it redirected to.</summary>
    public async Task<Uri> StartPathAsync(string pathAndQuery)
    {
        using var response = await _browser.GetAsync($"{Api}{pathAndQuery}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Submits the emulator's authorize form for <paramref name="email"/> → the callback URL (with code and state) it redirected to.</summary>
    public async Task<Uri> AuthorizeAsync(Uri authorizeUrl, string email, string name = "Google Tester", bool emailVerified = true)
    {
        var form = QueryHelpers.ParseQuery(authorizeUrl.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        form["email"] = email;
        form["name"] = name;
        form["action"] = "continue";
        if (emailVerified)
        {
            form["email_verified"] = "true";
        }
        using var response = await _browser.PostAsync($"{authorizeUrl.GetLeftPart(UriPartial.Path)}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Follows the emulator's redirect to the Api's callback → where the Api sent the browser next.</summary>
    public async Task<CallbackOutcome> CallbackAsync(Uri callbackUrl)
    {
        using var response = await _browser.GetAsync(callbackUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new CallbackOutcome(response.Headers.Location!);
    }

    /// <summary>The whole browser part, untouched → the one-time completion code.</summary>
    public async Task<string> SignInAtGoogleAsync(string email, string name = "Google Tester")
    {
        var outcome = await CallbackAsync(await AuthorizeAsync(await StartAsync(), email, name));
        Assert.True(outcome.Code is not null, $"expected a completion code, got {outcome.Location}");
        return outcome.Code!;
    }

    public Task<HttpResponseMessage> CompleteAsync(string code, string? role = null, string? displayName = null, string? password = null,
        string? twoFactorCode = null) =>
        Identity.Http.PostAsJsonAsync("/api/auth/external/google/complete", new { code, role, displayName, password, twoFactorCode });

    public async Task<Tokens> CompleteOkAsync(string code, string? role = null, string? password = null)
    {
        var response = await CompleteAsync(code, role, password: password);
        Assert.True(response.IsSuccessStatusCode, $"complete: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    /// <summary>Tells the emulator what its next ID token gets wrong (one token only).</summary>
    public async Task NextIdTokenAsync(bool signWithUnpublishedKey = false, string? audience = null)
    {
        using var response = await _browser.PostAsJsonAsync($"{Emulator}/_emulator/next-id-token", new { signWithUnpublishedKey, audience });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>The same URL with one query parameter replaced.</summary>
    public static Uri WithParameter(Uri url, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        query[name] = value;
        return new Uri(QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), query));
    }

    public static string GoogleEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@gmail.test";

    public void Dispose()
    {
        _browser.Dispose();
        Identity.Dispose();
    }
}
