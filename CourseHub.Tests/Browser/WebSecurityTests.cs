using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CourseHub.Api.Infrastructure.RateLimiting;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace CourseHub.Tests.Browser;

/// <summary>
/// The Web's own defences: sign-in tickets only for the browser that asked, safe return addresses, one Api call per
/// sign-in attempt (no retries of a refused POST), the security headers and Content-Security-Policy, and no tokens in
/// the clear in Redis.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WebSecurityTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // IdentityClient's default for new accounts
    private const string BindingCookie = "coursehub.sign-in-binding";
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_sign_in_ticket_signs_in_only_the_browser_that_asked_for_it()
    {
        using var student = await system.SignUpAsync("Student", "ticket-owner");
        await using var launched = await Browsers.LaunchAsync();
        await using var owner = await launched.Browser.NewContextAsync();
        var page = await owner.NewPageAsync();
        var ticketUrl = (await CaptureTicketUrlsAsync(page, student.Email, count: 1)).Single();

        // Someone else's browser (its own cookie jar) opens the link: refused, no session.
        await using var other = await launched.Browser.NewContextAsync();
        var stranger = await other.NewPageAsync();
        await stranger.GotoAsync(ticketUrl);
        await stranger.WaitForURLAsync("**/account/sign-in?failed=1", new() { Timeout = 30_000 });
        Assert.DoesNotContain(await other.CookiesAsync(), cookie => cookie.Name == "coursehub.session");

        // The same with a plain HTTP client and a made-up binding cookie.
        using (var http = WebClient(binding: new string('0', 64)))
        {
            using var forged = await http.GetAsync(ticketUrl);
            Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
            Assert.Equal("/account/sign-in?failed=1", forged.Headers.Location?.OriginalString);
        }

        // The browser that started the sign-in still completes it.
        await page.UnrouteAllAsync();
        await page.GotoAsync(ticketUrl);
        await Assertions.Expect(page.GetByTestId("user-name")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains(await owner.CookiesAsync(), cookie => cookie.Name == "coursehub.session");
        var binding = Assert.Single(await owner.CookiesAsync(), cookie => cookie.Name == BindingCookie);
        Assert.True(binding.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, binding.SameSite);

        // And only once.
        await using var again = await launched.Browser.NewContextAsync();
        await again.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = BindingCookie, Value = binding.Value, Url = Web }]);
        var replay = await again.NewPageAsync();
        await replay.GotoAsync(ticketUrl);
        await replay.WaitForURLAsync("**/account/sign-in?failed=1", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Sign_in_completion_sends_a_return_address_that_is_not_a_plain_local_path_home()
    {
        using var student = await system.SignUpAsync("Student", "return-url");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        string[] unsafeReturnUrls = ["/\r\nX", "/\u0001", "//evil.example/", "/\\evil.example"];
        var tickets = await CaptureTicketUrlsAsync(page, student.Email, count: unsafeReturnUrls.Length);
        var binding = Assert.Single(await context.CookiesAsync(), cookie => cookie.Name == BindingCookie).Value;

        using var http = WebClient(binding);
        foreach (var (ticketUrl, returnUrl) in tickets.Zip(unsafeReturnUrls))
        {
            var ticket = Regex.Match(ticketUrl, "ticket=([0-9a-f]+)").Groups[1].Value;
            using var response = await http.GetAsync($"/account/complete-sign-in?ticket={ticket}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{Uri.EscapeDataString(returnUrl)}: {(int)response.StatusCode}");
            Assert.Equal("/", response.Headers.Location?.OriginalString);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("coursehub.session", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_sign_in_attempt_over_the_limit_is_one_api_call_and_the_page_says_when_to_try_again()
    {
        var limit = new AuthRateLimitOptions(); // the fixture runs with the defaults
        using var student = await system.SignUpAsync("Student", "over-limit");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        var db = redis.GetDatabase();
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // One wrong password from the page shows which counter the Web's sign-ins use (the Api counts per endpoint and the
        // address the Web forwards; the tests' own Api clients use 198.18.x.x).
        await page.GotoAsync($"{Web}/account/sign-in");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByLabel("Email").FillAsync(student.Email);
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            return await page.GetByTestId("form-error").AppearsAsync();
        });
        var server = redis.GetServers().Single();
        var counter = server.Keys(pattern: "coursehub:ratelimit:auth:*login*").Select(key => key.ToString())
            .First(key => !key.Contains(":198.18.", StringComparison.Ordinal));
        var prefix = counter[..counter.LastIndexOf(':')];
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // Use up the window's permits, then try once more from the page.
                var window = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / limit.WindowSeconds;
                await db.StringSetAsync($"{prefix}:{window}", limit.PermitLimit, TimeSpan.FromSeconds(limit.WindowSeconds + 5));
                await db.KeyDeleteAsync($"{prefix}:{window + 1}");
                await page.GetByLabel("Password").FillAsync(Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
                var error = page.GetByTestId("form-error");
                await Assertions.Expect(error).ToContainTextAsync("Too many attempts — try again in", new() { Timeout = 30_000 });
                Assert.Matches(@"Too many attempts — try again in \d+ seconds\.", await error.InnerTextAsync());
                Assert.Contains("/account/sign-in", page.Url);
                // A retry would have counted again, in this window or (after Retry-After) the next.
                var counted = (long)await db.StringGetAsync($"{prefix}:{window}") + (long)await db.StringGetAsync($"{prefix}:{window + 1}");
                if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / limit.WindowSeconds != window && attempt == 1)
                {
                    continue; // the window ended meanwhile: the first try may have been granted or refused in the new one
                }
                Assert.Equal(limit.PermitLimit + 1, counted);
                return;
            }
        }
        finally
        {
            // Later tests sign in through the Web from the same address.
            foreach (var key in server.Keys(pattern: $"{prefix}:*"))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }

    [Fact]
    public async Task Pages_and_forwarded_images_carry_nosniff_and_the_content_security_policy()
    {
        var course = await PublishedCourseWithThumbnailAsync("headers");
        using var http = WebClient(binding: null);
        foreach (var path in new[] { "/", "/courses", "/account/sign-in", course.Thumbnail })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy);
            Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("base-uri 'self'", policy);
            Assert.Contains("form-action 'self'", policy);
            Assert.Contains($"img-src 'self' data: blob: {BlobOrigin()}", policy);
            Assert.Matches("connect-src 'self' http://[^ ;]+ ws://[^ ;]+", policy);
            Assert.DoesNotContain("'unsafe-eval'", policy);
            if (path == course.Thumbnail)
            {
                Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            }
        }
        // A page request gives the browser its sign-in binding cookie; the import map's inline script carries the nonce.
        using var signIn = await http.GetAsync("/account/sign-in");
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), cookie =>
            cookie.StartsWith(BindingCookie + "=", StringComparison.Ordinal) && cookie.Contains("httponly") && cookie.Contains("samesite=lax"));
        var nonce = Regex.Match(Assert.Single(signIn.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_web_works_under_its_content_security_policy_without_violations()
    {
        var course = await PublishedCourseWithThumbnailAsync("csp");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 1000 } });
        await context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");

        async Task VisitAsync(string path, ILocator ready)
        {
            var response = await page.GotoAsync($"{Web}{path}");
            Assert.Contains("script-src 'self' 'nonce-", await response!.HeaderValueAsync("content-security-policy") ?? "");
            await Assertions.Expect(ready).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.True(violations.Length == 0, $"{path}: {string.Join("; ", violations)}");
        }

        await VisitAsync("/", page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First);
        await VisitAsync($"/courses?q={course.Word}", page.GetByText(course.Title).First);
        await VisitAsync($"/courses/{course.Slug}", page.GetByRole(AriaRole.Heading, new() { Name = course.Title }));
        // The public cover comes through the Web's /media forwarder.
        await Assertions.Expect(page.GetByTestId("course-cover").First).ToHaveAttributeAsync("data-thumbnail", new Regex("^/media/thumbnails/"));
        await VisitAsync("/account/sign-in", page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }));
        // The interactive circuit (a WebSocket to the Web) works: signing in goes through it.
        await page.SignInAsync(Web, course.Teacher.Email, Password);
        await VisitAsync("/teach/courses", page.GetByRole(AriaRole.Heading, new() { Name = "My courses" }));
        await VisitAsync($"/teach/courses/{course.Id}", page.GetByTestId("course-thumbnail-image"));
        // The studio's preview is a short-lived SAS URL on the blob host, which the policy allows.
        Assert.StartsWith(BlobOrigin(), await page.GetByTestId("course-thumbnail-image").GetAttributeAsync("src"));
        await Eventually.TrueAsync(() => page.GetByTestId("course-thumbnail-image").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"),
            TimeSpan.FromSeconds(15), "the studio's thumbnail preview to load from storage");

        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.Empty(violations);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Redis_holds_no_session_or_ticket_tokens_in_the_clear()
    {
        using var student = await system.SignUpAsync("Student", "redis-tokens");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.ConnectionString("redis"));
        var server = redis.GetServers().Single();
        var db = redis.GetDatabase();
        HashSet<string> Sessions() => server.Keys(pattern: "coursehub:web:session:*").Select(key => key.ToString())
            .Where(key => !key.EndsWith(":lock", StringComparison.Ordinal)).ToHashSet();
        var before = Sessions();

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var ticketUrl = (await CaptureTicketUrlsAsync(page, student.Email, count: 1)).Single();
        var ticket = Regex.Match(ticketUrl, "ticket=([0-9a-f]+)").Groups[1].Value;
        var parked = (string?)await db.StringGetAsync($"coursehub:web:sign-in-ticket:{ticket}");
        Assert.NotNull(parked);
        AssertNoTokens(parked);

        await page.UnrouteAllAsync();
        await page.GotoAsync(ticketUrl);
        await Assertions.Expect(page.GetByTestId("user-name")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var created = Sessions().Except(before).ToList();
        Assert.NotEmpty(created);
        foreach (var key in created)
        {
            AssertNoTokens((string?)await db.StringGetAsync(key) ?? "");
        }
        // The encrypted session still works: a page that calls the Api for the user loads.
        await page.GotoAsync($"{Web}/account/profile");
        await Assertions.Expect(page.GetByText($"Signed in as {student.Email}")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        static void AssertNoTokens(string raw)
        {
            Assert.DoesNotContain("eyJ", raw); // a JWT's header
            Assert.DoesNotContain("AccessToken", raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("RefreshToken", raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Signs in on the page <paramref name="count"/> times, each time stopping the browser on its way to
    /// /account/complete-sign-in; returns those addresses (each with its own one-time ticket).
    /// </summary>
    private async Task<List<string>> CaptureTicketUrlsAsync(IPage page, string email, int count)
    {
        var captured = new List<string>();
        await page.RouteAsync("**/account/complete-sign-in**", route =>
        {
            lock (captured)
            {
                captured.Add(route.Request.Url);
            }
            // Answered here, the ticket never reaches the Web and stays unredeemed. A page of our own (rather than a 204, which
            // leaves a navigation the click would wait for until it times out) ends the navigation at once.
            return route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Ticket captured</title>" });
        });
        for (var i = 1; i <= count; i++)
        {
            var wanted = i;
            // Each sign-in from a freshly loaded sign-in page.
            await page.GotoAsync($"{Web}/account/sign-in");
            await page.RetryUntilInteractiveAsync(async () =>
            {
                await page.GetByLabel("Email").FillAsync(email);
                await page.GetByLabel("Password").FillAsync(Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
                var deadline = DateTime.UtcNow.AddSeconds(5);
                while (DateTime.UtcNow < deadline)
                {
                    bool done;
                    lock (captured)
                    {
                        done = captured.Count >= wanted;
                    }
                    if (done)
                    {
                        // Let the navigation to the stand-in page finish, so the next step's navigation does not interrupt it.
                        await page.WaitForURLAsync("**/account/complete-sign-in**", new() { Timeout = 10_000 });
                        return true;
                    }
                    await page.WaitForTimeoutAsync(100);
                }
                return false;
            });
        }
        lock (captured)
        {
            return captured.Take(count).ToList();
        }
    }

    private HttpClient WebClient(string? binding)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(Web),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (binding is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", $"{BindingCookie}={binding}");
        }
        return http;
    }

    private string BlobOrigin()
    {
        var endpoint = system.ConnectionString("blobs").Split(';').Single(part => part.StartsWith("BlobEndpoint=", StringComparison.Ordinal));
        return new Uri(endpoint["BlobEndpoint=".Length..]).GetLeftPart(UriPartial.Authority);
    }

    private sealed record PublishedCourse(StudioUser Teacher, Guid Id, string Word, string Title, string Slug, string Thumbnail);

    /// <summary>A published course (of a new teacher) with a thumbnail; its cover at the Web's /media address.</summary>
    private async Task<PublishedCourse> PublishedCourseWithThumbnailAsync(string prefix)
    {
        var teacher = await system.SignUpAsync("Teacher", prefix);
        var word = CourseHub.Tests.Catalog.CatalogTestData.UniqueWord();
        var title = $"Lanterns with {word}";
        var course = await teacher.CreateMediaCourseAsync(title);
        await teacher.UploadAsync(HttpMethod.Put, $"/api/teach/courses/{course.Id}/thumbnail", MediaTestFiles.Png(), "cover.png").OkAsync();
        await teacher.SubmitCompleteAsync(course.Id);
        using (var admin = await system.AdminAsync())
        {
            await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{course.Id}/approve").OkAsync();
        }
        using var api = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        System.Text.Json.JsonElement item = default;
        await Eventually.TrueAsync(async () =>
        {
            var result = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/courses?q={word}");
            var items = result.GetProperty("items");
            if (items.GetArrayLength() != 1)
            {
                return false;
            }
            item = items[0];
            return item.GetProperty("thumbnailUrl").ValueKind == System.Text.Json.JsonValueKind.String;
        }, TimeSpan.FromSeconds(20), "the published course in the catalog");
        var thumbnail = item.GetProperty("thumbnailUrl").GetString()!;
        return new PublishedCourse(teacher, course.Id, word, title, item.GetProperty("slug").GetString()!,
            $"/media/thumbnails/{course.Id}?{thumbnail.Split('?')[1]}");
    }
}
