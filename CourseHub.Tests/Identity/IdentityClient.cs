using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Identity;

public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);

/// <summary>
/// Talks to the Api like a client app. Each instance claims its own client address through
/// X-Forwarded-For (trusted from loopback only, as a local proxy would send it), so the per-IP auth
/// rate limit of one test never spills into another.
/// </summary>
public sealed partial class IdentityClient : IDisposable
{
    private static int _nextAddress;
    private readonly SystemFixture _system;

    public IdentityClient(SystemFixture system)
    {
        _system = system;
        var n = Interlocked.Increment(ref _nextAddress) + Random.Shared.Next(0, 50_000);
        ClientAddress = $"198.18.{n / 250 % 250}.{n % 250 + 1}";
        Http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
    }

    public HttpClient Http { get; }
    public string ClientAddress { get; }

    public static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.test".ToLowerInvariant();

    public Task<HttpResponseMessage> RegisterAsync(string email, string password = "correct-horse-battery", string role = "Student",
        string displayName = "Test User") =>
        Http.PostAsJsonAsync("/api/auth/register", new { email, password, displayName, role });

    public Task<HttpResponseMessage> LoginAsync(string email, string password = "correct-horse-battery", string? twoFactorCode = null) =>
        Http.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode });

    public async Task<Tokens> LoginOkAsync(string email, string password = "correct-horse-battery", string? twoFactorCode = null)
    {
        var response = await LoginAsync(email, password, twoFactorCode);
        Assert.True(response.IsSuccessStatusCode, $"login: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await Http.SendAsync(request);
    }

    /// <summary>The link of the newest mail with <paramref name="subject"/> sent to <paramref name="email"/>.</summary>
    public async Task<Uri> WaitForLinkAsync(string email, string subject, TimeSpan? timeout = null)
    {
        Uri? link = null;
        await Eventually.TrueAsync(async () =>
        {
            var mail = (await _system.Mail.AllAsync()).LastOrDefault(m => m.Subject == subject && m.To.Any(to => to.Email == email));
            if (mail?.Text is null)
            {
                return false;
            }
            link = new Uri(LinkPattern().Match(mail.Text).Value);
            return true;
        }, timeout ?? TimeSpan.FromSeconds(60), $"mail '{subject}' to {email}");
        return link!;
    }

    public static Dictionary<string, string> Query(Uri link) =>
        link.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(part => part[0], part => Uri.UnescapeDataString(part[1]));

    /// <summary>Registers, follows the activation mail and confirms; returns the user id.</summary>
    public async Task<Guid> RegisterAndActivateAsync(string email, string password = "correct-horse-battery", string role = "Student")
    {
        var registered = await RegisterAsync(email, password, role);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var link = await WaitForLinkAsync(email, "Activate your CourseHub account");
        var query = Query(link);
        var confirmed = await Http.PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"], token = query["token"] });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        return Guid.Parse(query["userId"]);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string[]> FieldErrorsAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors),
            $"expected errors for '{field}' in {problem}");
        return errors.EnumerateArray().Select(error => error.GetString()!).ToArray();
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
