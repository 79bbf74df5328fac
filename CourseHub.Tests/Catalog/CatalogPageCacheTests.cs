using System.Net;
using System.Text.RegularExpressions;
using CourseHub.Tests.Browser;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

/// <summary>
/// The Web's catalog pages as an anonymous visitor gets them (plain HTTP, no browser, no cookies kept): full HTML with the
/// results, answered from the Web's output cache when asked again (the <c>Age</c> header says so), never for a signed-in
/// user, and never stale once the catalog version moves.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class CatalogPageCacheTests(SystemFixture system)
{
    // No cookie container: every request is a first visit, as a crawler's or a new visitor's.
    private static readonly HttpClient Http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private string Web => system.Project("web").Url;

    [GeneratedRegex("<script[^>]*nonce=\"([0-9a-f]+)\"")]
    private static partial Regex ScriptNonce();

    private static async Task<(HttpResponseMessage Response, string Html)> GetAsync(string url, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await Http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    private static string? CookieValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..]
            : null;

    /// <summary>Asks until an answer comes from the cache (a catalog change by another test may have just restarted it).</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> CachedAsync(string url)
    {
        (HttpResponseMessage Response, string Html) answer = default;
        await Eventually.TrueAsync(async () =>
        {
            answer = await GetAsync(url);
            return FromCache(answer.Response);
        }, TimeSpan.FromSeconds(15), $"{url} answered from the output cache");
        return answer;
    }

    [Fact]
    public async Task The_anonymous_catalog_page_is_full_html_with_the_results_and_is_served_again_from_the_cache()
    {
        var word = UniqueWord();
        var course = (await system.SaveAsync(Course($"Birdwatching with {word}", c => c.Subtitle = "Binoculars and patience")))[0];
        var url = $"{Web}/courses?q={word}";

        var (first, html) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(FromCache(first), "a search nobody asked for before came from the cache");
        Assert.Contains($"Birdwatching with {word}", html);
        Assert.Contains("Binoculars and patience", html);
        Assert.Contains("data-testid=\"course-card\"", html);
        Assert.Contains($"1 course for “{word}”", WebUtility.HtmlDecode(html));
        Assert.Contains($"href=\"/courses/{course.Slug}\"", html);

        var (again, cachedHtml) = await CachedAsync(url);
        Assert.Contains($"Birdwatching with {word}", cachedHtml);
        // The stored page's scripts run: the policy that comes with it names their nonce.
        var nonce = ScriptNonce().Match(cachedHtml).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"'nonce-{nonce}'", again.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", again.Headers.GetValues("X-Content-Type-Options").Single());
        // Each visitor gets their own sign-in binding, and nobody gets another visitor's antiforgery cookie.
        var firstBinding = CookieValue(first, "coursehub.sign-in-binding");
        var cachedBinding = CookieValue(again, "coursehub.sign-in-binding");
        Assert.NotNull(firstBinding);
        Assert.NotNull(cachedBinding);
        Assert.NotEqual(firstBinding, cachedBinding);
        Assert.DoesNotContain(again.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

        // The course's landing page likewise.
        var landing = $"{Web}/courses/{course.Slug}";
        var (page, pageHtml) = await GetAsync(landing);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Birdwatching with {word}", pageHtml);
        Assert.Contains("data-testid=\"course-outline\"", pageHtml);
        var (_, cachedPage) = await CachedAsync(landing);
        Assert.Contains($"Birdwatching with {word}", cachedPage);
    }

    /// <summary>A new course titled <paramref name="topic"/> and a unique word, and the search for the word, already cached.</summary>
    private async Task<(string Title, string Url)> CachedSearchAsync(string topic)
    {
        var word = UniqueWord();
        var title = $"{topic} {word}";
        await system.SaveAsync(Course(title));
        var url = $"{Web}/courses?q={word}";
        await CachedAsync(url);
        return (title, url);
    }

    [Fact]
    public async Task A_request_with_a_session_cookie_is_never_answered_from_the_anonymous_cache()
    {
        var (title, url) = await CachedSearchAsync("Calligraphy for");
        for (var i = 0; i < 3; i++)
        {
            var (response, html) = await GetAsync(url, "coursehub.session=not-a-session-of-anyone");
            Assert.False(FromCache(response), "a request with a session cookie was answered from the anonymous cache");
            Assert.Contains(title, html);
        }
    }

    [Fact]
    public async Task A_signed_in_user_gets_their_own_interactive_page_and_the_anonymous_cache_never_gets_it()
    {
        // The anonymous page is in the cache before the user comes.
        var (title, url) = await CachedSearchAsync("Origami for");
        using var user = await system.SignUpAsync("Student", "pagecache");

        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.SignInAsync(Web, user.Email, "correct-horse-battery");
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.False((await response.AllHeadersAsync()).ContainsKey("age"), "the signed-in page came from the anonymous cache");
        Assert.Contains("data-testid=\"user-name\"", await response.TextAsync());
        await Assertions.Expect(page.GetByTestId("user-name")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-card")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        // Interactive: the sort (a MudSelect) opens its list, which only a circuit does.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByTestId("catalog-sort").ClickAsync();
            return await page.GetByRole(AriaRole.Option, new() { Name = "Newest" }).AppearsAsync();
        });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-signed-in"), FullPage = true });

        // Nor did the signed-in render go into the cache: anonymous visitors still get the anonymous page.
        var (_, html) = await GetAsync(url);
        Assert.Contains(title, html);
        Assert.DoesNotContain("data-testid=\"user-name\"", html);
        Assert.Contains("href=\"/account/sign-in\"", html);
    }

    [Fact]
    public async Task A_catalog_change_shows_on_the_cached_anonymous_page_within_a_second()
    {
        var word = UniqueWord();
        var course = (await system.SaveAsync(Course($"{word} original title")))[0];
        var url = $"{Web}/courses?q={word}";
        var landing = $"{Web}/courses/{course.Slug}";
        var (_, cached) = await CachedAsync(url);
        Assert.Contains($"{word} original title", cached);
        await CachedAsync(landing);

        var saved = await system.RenameAndAnnounceAsync(course.Id, $"{word} renamed title");

        foreach (var address in new[] { url, landing })
        {
            await Eventually.WithinAsync(async () => (await GetAsync(address)).Html.Contains($"{word} renamed title"),
                saved, TimeSpan.FromSeconds(1), $"{address} to show the new title");
        }

        // And the new page is cached again once the version has settled.
        var (_, again) = await CachedAsync(url);
        Assert.Contains($"{word} renamed title", again);
    }
}
