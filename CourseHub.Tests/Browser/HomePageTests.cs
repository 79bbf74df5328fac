using System.Text.RegularExpressions;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>The home page sells the catalog: a search box, featured and new courses, categories, and a signed-in user's next step.</summary>
[Collection(SystemCollection.Name)]
public sealed class HomePageTests(SystemFixture system)
{
    [Fact]
    public async Task A_visitor_searches_from_the_home_page_and_sees_featured_courses_and_categories()
    {
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, ColorScheme = ColorScheme.Light });
        var web = system.Project("web").Url;
        await page.GotoAsync(web);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Learn from people");
        await Assertions.Expect(page.GetByRole(AriaRole.Search).GetByLabel("Search courses")).ToBeVisibleAsync();
        var featured = page.GetByTestId("home-featured").GetByTestId("course-tile");
        await Assertions.Expect(featured.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // (The interactive render follows the prerendered one; count once the row has settled.)
        await Eventually.TrueAsync(async () => await featured.CountAsync() >= 8, TimeSpan.FromSeconds(30), "a row of eight featured courses");
        await Assertions.Expect(page.GetByTestId("home-newest").GetByTestId("course-tile").First).ToBeVisibleAsync();
        // Featured courses come from different subjects: the row shows the catalog's range.
        var featuredSubjects = await featured.Locator(".course-tile__meta:nth-child(3)").AllInnerTextsAsync();
        Assert.Equal(await featured.CountAsync(), featuredSubjects.Select(meta => meta.Split('·')[0].Trim()).Distinct().Count());
        var categories = page.GetByTestId("home-category");
        Assert.True(await categories.CountAsync() >= 10, "the categories that hold courses");
        await Assertions.Expect(categories.Filter(new() { HasText = "Programming" })).ToContainTextAsync(new Regex(@"\d+ courses"));
        // The summary counts what is there; the page promises nothing the platform does not do yet.
        await Assertions.Expect(page.GetByTestId("home-summary")).ToContainTextAsync(new Regex(@"\d+ courses in \d+ categories"));
        var text = await page.Locator(".mud-main-content").InnerTextAsync();
        Assert.DoesNotMatch(new Regex("certificate|live class|chat", RegexOptions.IgnoreCase), text);
        // No empty ratings ("0.0") on courses nobody has rated.
        Assert.DoesNotMatch(new Regex(@"(?<![\d.])0\.0(?!\d)"), text);
        // Status is a footer link, not the call to action; a visitor has no "next step" panel.
        await Assertions.Expect(page.GetByTestId("home-status-link")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("home-next-step")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-visitor-1366"), FullPage = true });

        // The search box is a plain form: Enter searches the catalog for what was typed.
        await page.GetByLabel("Search courses").FillAsync("python");
        await page.GetByLabel("Search courses").PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/courses\?q=python"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("course-card").Filter(new() { HasText = "Python for Everyone" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // A category opens the catalog filtered to it. (Links are followed once the page is interactive: a click while
        // the circuit is still starting can leave the old page's components on screen under the new address.)
        await page.GotoAsync(web);
        await UntilInteractiveAsync(page);
        await categories.Filter(new() { HasText = "Programming" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses\\?category=programming"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("catalog-total")).ToContainTextAsync("courses", new() { Timeout = 30_000 });

        // A course tile opens its course page.
        await page.GotoAsync(web);
        await UntilInteractiveAsync(page);
        var tile = page.GetByTestId("home-featured").GetByTestId("course-tile").First;
        var href = await tile.GetAttributeAsync("href");
        await tile.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(href!, StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("course-title")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Flips the theme and back: the toggle works only once the interactive circuit is connected.</summary>
    private static async Task UntilInteractiveAsync(IPage page)
    {
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
            return await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).AppearsAsync(1_000);
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_home_page_fits_a_phone_and_follows_a_dark_system_theme()
    {
        await using var launched = await Browsers.LaunchAsync();
        var phone = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, ColorScheme = ColorScheme.Light });
        await phone.GotoAsync(system.Project("web").Url);
        await Assertions.Expect(phone.GetByTestId("home-featured").GetByTestId("course-tile").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The page itself never scrolls sideways: course rows are strips that scroll within themselves.
        var sizes = await phone.EvaluateAsync<int[]>("() => [document.querySelector('.mud-main-content').scrollWidth, window.innerWidth]");
        var (pageWidth, viewport) = (sizes[0], sizes[1]);
        Assert.True(pageWidth <= viewport, $"the content is {pageWidth} px wide in a {viewport} px window");
        // (Measured once the box holds still: the interactive render may swap the prerendered element in the meantime.)
        LocatorBoundingBoxResult? search = null;
        await Eventually.TrueAsync(async () => (search = await phone.GetByTestId("home-search").BoundingBoxAsync()) is not null,
            TimeSpan.FromSeconds(20), "the search box has a size");
        Assert.True(search!.X + search.Width <= 390, $"the search form ends at {search.X + search.Width} px");
        await phone.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-visitor-390-top") });
        await phone.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-visitor-390"), FullPage = true });

        var dark = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, ColorScheme = ColorScheme.Dark });
        await dark.GotoAsync(system.Project("web").Url);
        await Assertions.Expect(dark.GetByTestId("home-featured").GetByTestId("course-tile").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(dark.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await dark.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-visitor-1366-dark"), FullPage = true });
        var darkPhone = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, ColorScheme = ColorScheme.Dark });
        await darkPhone.GotoAsync(system.Project("web").Url);
        await Assertions.Expect(darkPhone.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(darkPhone.GetByTestId("home-featured").GetByTestId("course-tile").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await darkPhone.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-visitor-390-dark"), FullPage = true });
    }

    [Fact]
    public async Task A_signed_in_teacher_and_admin_see_their_next_step()
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(system.DataDirectory, "demo-password"))).Trim();
        var web = system.Project("web").Url;
        await using var launched = await Browsers.LaunchAsync();

        var teacher = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await teacher.SignInAsync(web, "ada.okafor@coursehub.test", password);
        await teacher.GotoAsync(web);
        var step = teacher.GetByTestId("home-next-step");
        await Assertions.Expect(step).ToContainTextAsync("Your studio", new() { Timeout = 30_000 });
        // Ada teaches seven published demo courses.
        await Assertions.Expect(teacher.GetByTestId("home-next-step-text")).ToContainTextAsync(new Regex(@"\d+ published"));
        await teacher.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-teacher-1366") });
        await teacher.SetViewportSizeAsync(390, 844);
        await teacher.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-teacher-390"), FullPage = true });
        await teacher.SetViewportSizeAsync(1366, 900);
        await step.GetByTestId("home-next-step-action").ClickAsync();
        await teacher.WaitForURLAsync(new Regex("/teach/courses"), new() { Timeout = 15_000 });

        var admin = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await admin.SignInAsync(web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await admin.GotoAsync(web);
        await Assertions.Expect(admin.GetByTestId("home-next-step")).ToContainTextAsync("Review queue", new() { Timeout = 30_000 });
        await Assertions.Expect(admin.GetByTestId("home-next-step-text")).ToContainTextAsync(new Regex(@"(No course is|\d+ courses? (is|are)) waiting"));
        await Assertions.Expect(admin.GetByTestId("home-next-step-action")).ToHaveAttributeAsync("href", "/admin/courses");
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-admin-1366") });
    }
}
