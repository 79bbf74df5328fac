using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>The app shell every page shares: the theme (light, dark, the system's) and the top bar at phone width.</summary>
[Collection(SystemCollection.Name)]
public sealed class LayoutTests(SystemFixture system)
{
    private const int PhoneWidth = 390;
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task Dark_mode_follows_the_system_by_default_and_a_choice_survives_full_page_loads()
    {
        await using var launched = await Browsers.LaunchAsync();

        // A visitor whose system is dark gets the dark theme without touching anything, and from the next page load on
        // the server prerenders it dark (no light flash before the circuit connects).
        await using (var darkSystem = await launched.Browser.NewContextAsync(new() { ColorScheme = ColorScheme.Dark, ViewportSize = Desktop }))
        {
            var page = await darkSystem.NewPageAsync();
            await page.GotoAsync(Web);
            await Assertions.Expect(ToLight(page)).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Eventually.TrueAsync(async () => await PrerenderedDarkAsync(await page.GotoAsync($"{Web}/courses")), TimeSpan.FromSeconds(20),
                "the next full load prerendered dark");
            await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("layout-dark-by-system") });
        }

        // A visitor whose system is light chooses dark: it holds across full page loads, also of other pages...
        await using var lightSystem = await launched.Browser.NewContextAsync(new() { ColorScheme = ColorScheme.Light, ViewportSize = Desktop });
        var visitor = await lightSystem.NewPageAsync();
        Assert.False(await PrerenderedDarkAsync(await visitor.GotoAsync(Web)));
        await visitor.RetryUntilInteractiveAsync(async () =>
        {
            if (await ToLight(visitor).CountAsync() == 0)
            {
                await ToDark(visitor).ClickAsync();
            }
            return await ToLight(visitor).AppearsAsync(1_000);
        });
        Assert.True(await PrerenderedDarkAsync(await visitor.ReloadAsync()), "a reload lost the dark choice");
        Assert.True(await PrerenderedDarkAsync(await visitor.GotoAsync($"{Web}/account/sign-in")), "another page lost the dark choice");
        // ...and the interactive page keeps it once connected (the system's light preference does not win it back).
        await visitor.WaitForTimeoutAsync(3_000);
        await Assertions.Expect(ToLight(visitor)).ToBeVisibleAsync();
        await visitor.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("layout-dark-by-choice") });

        // Switching back to what the system prefers means "follow the system" again.
        await visitor.RetryUntilInteractiveAsync(async () =>
        {
            if (await ToDark(visitor).CountAsync() == 0)
            {
                await ToLight(visitor).ClickAsync();
            }
            return await ToDark(visitor).AppearsAsync(1_000);
        });
        Assert.False(await PrerenderedDarkAsync(await visitor.ReloadAsync()), "light again after the toggle");
        Assert.DoesNotContain(await lightSystem.CookiesAsync(), cookie => cookie.Name == "coursehub.theme");
    }

    [Fact]
    public async Task At_phone_width_the_top_bar_is_one_row_with_the_account_actions_in_a_menu()
    {
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = PhoneWidth, Height = 844 } });
        await page.GotoAsync(Web);
        await AssertTopBarIsOneRowAsync(page);
        // Sign in and Sign up are one account button's menu, not two buttons squeezed into the bar.
        await Assertions.Expect(TopBar(page).GetByRole(AriaRole.Link, new() { Name = "Sign up" })).ToBeHiddenAsync();
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Sign in or sign up" });
        await Assertions.Expect(account).ToBeVisibleAsync();
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await account.ClickAsync();
            return await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign up" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }))
                .Filter(new() { Visible = true }).First.AppearsAsync(1_000);
        });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("layout-390-account-menu") });
        await page.GetByText("Sign in", new() { Exact = true }).Filter(new() { Visible = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");

        foreach (var path in new[] { "/", "/courses", "/account/sign-in", "/account/sign-up", "/status" })
        {
            await AssertFitsAsync(page, path, "visitor");
        }

        // Signed in (at desktop width: the phone bar shows the avatar only), every area's pages fit as well.
        await page.SetViewportSizeAsync(1366, 900);
        await page.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        // A course of the admin's own (admins may write courses too), for the studio's editor and lesson pages.
        using var author = await system.AdminAsync();
        var courseId = await author.CompleteDraftAsync($"Phone layout {Guid.NewGuid():N}");
        var course = await author.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}");
        var lessonId = course.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        foreach (var path in new[] { "/account/profile", "/account/security", "/teach/courses", "/teach/courses/new", $"/teach/courses/{courseId}",
                     $"/teach/courses/{courseId}/lessons/{lessonId}", "/teach/payouts", "/teach/earnings", "/my/orders", "/my/courses",
                     "/admin/users", "/admin/courses", "/admin/categories", "/admin/audit", "/admin/orders", "/admin/reviews" })
        {
            await AssertFitsAsync(page, path, "admin");
        }
    }

    [Fact]
    public async Task At_desktop_width_the_top_bar_shows_sign_in_and_sign_up_as_buttons()
    {
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = Desktop });
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        await page.GotoAsync(Web);
        await Assertions.Expect(TopBar(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        // The shell's styles, fonts and scripts are the Web's own: nothing is fetched from another host.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var web = new Uri(Web).Authority;
        var elsewhere = requested.Where(url => url.StartsWith("http", StringComparison.Ordinal) && new Uri(url).Authority != web).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, "requested from other hosts: " + string.Join(", ", elsewhere));
        await Assertions.Expect(TopBar(page).GetByRole(AriaRole.Link, new() { Name = "Sign up" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in or sign up" })).ToBeHiddenAsync();
        await AssertTopBarIsOneRowAsync(page);
    }

    private static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    private static ILocator ToLight(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" });
    private static ILocator ToDark(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" });
    private static ILocator TopBar(IPage page) => page.Locator("header.mud-appbar");

    /// <summary>Whether the server rendered the page dark, before any script ran: what the browser paints first.</summary>
    private static async Task<bool> PrerenderedDarkAsync(IResponse? response)
    {
        Assert.NotNull(response);
        return (await response.TextAsync()).Contains("<meta name=\"color-scheme\" content=\"dark\"", StringComparison.Ordinal);
    }

    /// <summary>Every control of the bar sits inside it, on one line, within the viewport.</summary>
    private static async Task AssertTopBarIsOneRowAsync(IPage page)
    {
        await Assertions.Expect(TopBar(page)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var (bar, controls) = await MeasureTopBarAsync(page);
        Assert.InRange(bar.Height, 40, 72);
        var width = page.ViewportSize!.Width;
        foreach (var (what, box) in controls)
        {
            Assert.True(box.Y >= bar.Y - 1 && box.Y + box.Height <= bar.Y + bar.Height + 1, $"'{what}' sticks out of the top bar at {width} px");
            Assert.True(box.X >= 0 && box.X + box.Width <= width + 1, $"'{what}' is outside the viewport at {width} px");
            Assert.True(box.Height <= 48, $"'{what}' wraps onto a second line at {width} px ({box.Height} px high)");
        }
    }

    /// <summary>
    /// The bar's box and each visible control's. The interactive render replaces the prerendered bar once the circuit is
    /// up; an element caught in that swap has no box, so measure again until every element answers.
    /// </summary>
    private static async Task<(LocatorBoundingBoxResult Bar, List<(string? What, LocatorBoundingBoxResult Box)> Controls)> MeasureTopBarAsync(IPage page)
    {
        LocatorBoundingBoxResult? bar = null;
        var controls = new List<(string? What, LocatorBoundingBoxResult Box)>();
        await Eventually.TrueAsync(async () =>
        {
            controls.Clear();
            if ((bar = await TopBar(page).BoundingBoxAsync()) is null)
            {
                return false;
            }
            foreach (var control in await TopBar(page).Locator("a, button").Filter(new() { Visible = true }).AllAsync())
            {
                var box = await control.BoundingBoxAsync(new() { Timeout = 2_000 }).ContinueWith(task => task.IsCompletedSuccessfully ? task.Result : null);
                if (box is null)
                {
                    return false;
                }
                var what = await control.InnerTextAsync() is { Length: > 0 } text ? text : await control.GetAttributeAsync("aria-label");
                controls.Add((what, box));
            }
            return true;
        }, TimeSpan.FromSeconds(20), "the top bar to hold still long enough to be measured");
        return (bar!, controls);
    }

    /// <summary>The page loads, its top bar is one row, and nothing makes it scroll sideways.</summary>
    private async Task AssertFitsAsync(IPage page, string path, string who)
    {
        await page.GotoAsync(Web + path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertTopBarIsOneRowAsync(page);
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
                // What overflows inside a container that scrolls or clips sideways (a tab bar, a table, a swipeable row of
                // courses) does not widen the page.
                const contained = e => {
                    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true;
                    }
                    return !!e.closest('.mud-popover');
                };
                return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && e.getClientRects().length > 0
                             && !contained(e))
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0] + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
            }
            """);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var name = System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-f]{8}-[0-9a-f-]{27}", "id").Replace('/', '-').TrimEnd('-');
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath($"layout-390-{who}{name}"), FullPage = true });
        Assert.True(widths[0] <= widths[1] && overflow.Length == 0,
            $"{path} at {PhoneWidth} px is {widths[0]} px wide; too wide: {string.Join(", ", overflow)}");
    }
}
