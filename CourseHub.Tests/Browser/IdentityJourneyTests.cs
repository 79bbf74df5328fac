using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

[Collection(SystemCollection.Name)]
public sealed class IdentityJourneyTests(SystemFixture system)
{
    [Fact]
    public async Task Sign_up_activate_by_email_and_sign_in_in_the_browser()
    {
        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var web = system.Project("web").Url;
        var email = IdentityClient.NewEmail("browser");
        const string password = "a-long-kettle-passphrase"; // not containing "browser": a password may not contain the email or the name

        await page.GotoAsync($"{web}/account/sign-up");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync();
        // Typing validates at once, before anything is sent.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByLabel("Password").FillAsync("short");
            return await page.GetByText("Use at least 8 characters.").CountAsync() > 0;
        });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("identity-1-sign-up-validation"), FullPage = true });

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("Browser Teacher");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByText("I want to teach (Teacher)").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/check-email**", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(email)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("identity-2-check-email"), FullPage = true });

        // The activation link from the real email opens the Web's landing page.
        using var client = new IdentityClient(system);
        var link = await client.WaitForLinkAsync(email, "Activate your CourseHub account");
        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is active" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("identity-3-activated"), FullPage = true });

        // Sign in; the header then shows the user and their role.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            // A slow answer to an earlier attempt may have signed in already and left the sign-in page.
            if (!page.Url.Contains("/account/sign-in"))
            {
                return true;
            }
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"), new() { Timeout = 3_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        });
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Browser Teacher", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Teacher", new() { Exact = true }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("identity-4-signed-in"), FullPage = true });

        // No token is visible to the browser: only an HttpOnly session cookie.
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, cookie => cookie.Name == "coursehub.session");
        Assert.True(session.HttpOnly);
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        Assert.DoesNotContain("eyJ", storage);

        // The profile page loads through the session.
        await page.GotoAsync($"{web}/account/profile");
        await Assertions.Expect(page.GetByText($"Signed in as {email}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("identity-5-profile"), FullPage = true });

        // Sign out ends the session.
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (await signOut.IsVisibleAsync())
            {
                return true;
            }
            await page.GetByTestId("user-menu").ClickAsync();
            try
            {
                await signOut.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 2_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        });
        await signOut.ClickAsync();
        await page.WaitForURLAsync("**/?signedOut=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Sign up" })).First).ToBeVisibleAsync();
    }
}
