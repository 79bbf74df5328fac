using CourseHub.Api.Features.Status;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

[Collection(SystemCollection.Name)]
public sealed class WebTests(SystemFixture system)
{
    [Fact]
    public async Task Status_page_shows_everyone_the_summary_and_admins_the_details_from_the_api()
    {
        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var web = system.Project("web").Url;

        // A test before this one may have stopped a server: the replicas report it for a while after it is back.
        await system.WaitUntilApiStatusUpAsync(TimeSpan.FromSeconds(60));

        // A visitor sees whether the platform and each dependency is up, and nothing of its internals.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync($"{web}/status");
        await Assertions.Expect(visitor.GetByTestId("status-overall")).ToHaveTextAsync("up", new() { Timeout = 30_000 });
        foreach (var dependency in new[] { "database", "cache", "messaging" })
        {
            await Assertions.Expect(visitor.GetByTestId($"dependency-{dependency}")).ToHaveTextAsync("up");
        }
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Platform status" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("database-version")).ToHaveCountAsync(0);
        await Assertions.Expect(visitor.GetByText("PostgreSQL")).ToHaveCountAsync(0);
        await visitor.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("status"), FullPage = true });

        // An admin also sees the details, which the Web fetched with the admin's session.
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync(web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await admin.GotoAsync($"{web}/status");
        await Assertions.Expect(admin.GetByTestId("database-version")).ToContainTextAsync("PostgreSQL 15", new() { Timeout = 30_000 });
        // The instance that answered is one of the Api replicas Aspire started (its service.instance.id).
        var replicas = system.Instances("api").Select(instance => ServiceInstance.FromResourceAttributes(instance.EnvironmentVariables
            .Single(variable => variable.Name == "OTEL_RESOURCE_ATTRIBUTES").Value));
        await Assertions.Expect(admin.GetByTestId("api-instance"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^({string.Join('|', replicas.Select(id => System.Text.RegularExpressions.Regex.Escape(id!)))})$"));
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("status-admin"), FullPage = true });
    }

    [Fact]
    public async Task Home_page_renders_the_app_shell_with_navigation_and_theme_toggle()
    {
        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(system.Project("web").Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Learn from people");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Platform status" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-light") });

        // A click before the interactive circuit is connected does nothing, so click until the theme flips.
        var toLight = page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" });
        await Eventually.TrueAsync(async () =>
        {
            if (await toLight.CountAsync() > 0)
            {
                return true;
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
            await Task.Delay(500);
            return false;
        }, TimeSpan.FromSeconds(20), "the dark theme");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("home-dark") });
    }

    [Fact]
    public async Task Unknown_pages_show_a_friendly_not_found_page()
    {
        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync($"{system.Project("web").Url}/no-such-page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("could not find");
    }
}
