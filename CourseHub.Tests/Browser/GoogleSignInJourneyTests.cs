using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// "Continue with Google" in headless Chromium, through the Web, the Api and our Google emulator's own pages: a new
/// account (the role is chosen once), and an existing password account that is linked only after its password or
/// through the link emailed to its address.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GoogleSignInJourneyTests(SystemFixture system)
{
    private async Task AtGoogleAsync(IPage page, string email, string name)
    {
        await page.WaitForURLAsync($"{system.Project("google").Url}/**", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose an account" })).ToBeVisibleAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    private static async Task ContinueWithGoogleAsync(IPage page) =>
        await page.RetryUntilInteractiveAsync(async () =>
        {
            var button = page.GetByTestId("continue-with-google");
            if (await button.CountAsync() == 0)
            {
                return false;
            }
            await button.ClickAsync();
            return true;
        });

    [Fact]
    public async Task A_new_visitor_signs_up_with_google_choosing_teacher_once()
    {
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var web = system.Project("web").Url;
        var email = GoogleDouble.GoogleEmail("journey");

        await page.GotoAsync($"{web}/account/sign-up");
        await Assertions.Expect(page.GetByTestId("continue-with-google")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-1-sign-up"), FullPage = true });
        await ContinueWithGoogleAsync(page);

        await page.WaitForURLAsync($"{system.Project("google").Url}/**", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-2-emulator"), FullPage = true });
        await AtGoogleAsync(page, email, "Ada Google");

        await page.WaitForURLAsync("**/account/google?**", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("google-email")).ToHaveTextAsync(email);
        await Assertions.Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Ada Google");
        await page.GetByText("I want to teach (Teacher)").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-3-choose-role"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Ada Google", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Teacher", new() { Exact = true }).First).ToBeVisibleAsync();
        var session = Assert.Single(await page.Context.CookiesAsync(), cookie => cookie.Name == "coursehub.session");
        Assert.True(session.HttpOnly);

        // The security page lists Google as the one way in, and removing it is refused with an explanation.
        await page.GotoAsync($"{web}/account/security");
        await Assertions.Expect(page.GetByTestId("google-login-state")).ToHaveTextAsync("Google — linked", new() { Timeout = 30_000 });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove Google" }).ClickAsync(new() { Timeout = 5_000 });
            return await page.GetByTestId("logins-error").CountAsync() > 0;
        });
        await Assertions.Expect(page.GetByTestId("logins-error")).ToContainTextAsync("only way to sign in");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-4-security-last-login"), FullPage = true });
    }

    [Fact]
    public async Task An_existing_account_is_linked_only_after_its_password_in_the_browser()
    {
        using var identity = new IdentityClient(system);
        var email = IdentityClient.NewEmail("browserlink");
        const string password = "a-long-kettle-passphrase";
        await identity.RegisterAndActivateAsync(email, password);

        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var web = system.Project("web").Url;
        await page.GotoAsync($"{web}/account/sign-in?returnUrl=%2Faccount%2Fsecurity");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-5-sign-in"), FullPage = true });
        await ContinueWithGoogleAsync(page);
        await AtGoogleAsync(page, email, "Linking Person");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link your account" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("google-email")).ToHaveTextAsync(email);
        // A wrong password links nothing and says so at the field.
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link Google and sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The password is incorrect.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-6-link-wrong-password"), FullPage = true });
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link Google and sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/account/security", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("google-login-state")).ToHaveTextAsync("Google — linked", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-7-linked"), FullPage = true });

        // With a password as well, Google can be removed from the security page.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (await page.GetByTestId("google-login-state").TextContentAsync() == "Google — not linked")
            {
                return true;
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove Google" }).ClickAsync(new() { Timeout = 5_000 });
            return false;
        });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add Google" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_existing_account_is_linked_by_the_emailed_link_in_the_browser()
    {
        using var identity = new IdentityClient(system);
        var email = IdentityClient.NewEmail("browsermaillink");
        await identity.RegisterAndActivateAsync(email, "a-long-teapot-passphrase");

        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var web = system.Project("web").Url;
        await page.GotoAsync($"{web}/account/sign-in");
        await ContinueWithGoogleAsync(page);
        await AtGoogleAsync(page, email, "Mail Link Person");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link your account" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link instead" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("link-email-sent")).ToContainTextAsync(email);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-8-link-email-sent"), FullPage = true });
        // Asking linked nothing: the account still has no Google login.
        await using (var db = system.CreateDbContext())
        {
            Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.UserLogins, login => login.ProviderKey != null
                && db.Users.Any(user => user.Id == login.UserId && user.Email == email)));
        }

        // The emailed link, opened in the same browser: Google is linked and the browser is signed in.
        var link = await identity.WaitForLinkAsync(email, GoogleEmailLinkTests.Subject);
        await page.GotoAsync(link.ToString());
        await page.WaitForURLAsync("**/account/security?googleLinked=1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("google-login-state")).ToHaveTextAsync("Google — linked", new() { Timeout = 30_000 });
        Assert.Single(await page.Context.CookiesAsync(), cookie => cookie.Name == "coursehub.session");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-9-linked-by-email"), FullPage = true });

        // The link worked once: opened again, it says so.
        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link did not work" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_google_only_account_deletes_itself_after_signing_in_at_google_again()
    {
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var web = system.Project("web").Url;
        var email = GoogleDouble.GoogleEmail("browserleaver");
        await page.GotoAsync($"{web}/account/sign-up");
        await ContinueWithGoogleAsync(page);
        await AtGoogleAsync(page, email, "Leaving Google");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Leaving Google", new() { Timeout = 30_000 });

        // No password to enter: the security page offers to confirm with Google, and Google asks to sign in again.
        await page.GotoAsync($"{web}/account/security");
        var delete = page.GetByTestId("delete-account");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await delete.GetByRole(AriaRole.Button, new() { Name = "Delete my account…" }).ClickAsync();
            return await delete.GetByRole(AriaRole.Button, new() { Name = "Confirm with Google" }).AppearsAsync();
        });
        await Assertions.Expect(delete.GetByLabel("Password")).ToHaveCountAsync(0);
        await delete.GetByRole(AriaRole.Button, new() { Name = "Confirm with Google" }).ClickAsync();
        await page.WaitForURLAsync($"{system.Project("google").Url}/**", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you" })).ToBeVisibleAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await page.WaitForURLAsync("**/account/security?googleProof=**", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("google-confirmed")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var confirm = page.GetByTestId("delete-account").GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" });
        var understood = page.GetByTestId("delete-account").GetByRole(AriaRole.Checkbox, new() { Name = "I understand that my account is deleted for good" });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            // A fresh load: clicks before the circuit is up are lost, and one that lands late would untick the box again.
            if (!await understood.IsCheckedAsync())
            {
                await understood.ClickAsync();
            }
            // Polls until the tick has reached the circuit (the button enables), instead of a fixed pause.
            try
            {
                await Assertions.Expect(confirm).ToBeEnabledAsync(new() { Timeout = 3_000 });
            }
            catch (PlaywrightException)
            {
                return false;
            }
            return await understood.IsCheckedAsync();
        });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-10-delete-confirmed-by-google"), FullPage = true });
        await confirm.ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/account/goodbye", new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("google-10-delete-failed"), FullPage = true });
            var error = page.GetByTestId("delete-error");
            Assert.Fail($"not deleted; the page says: {(await error.CountAsync() > 0 ? await error.TextContentAsync() : "nothing")}");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await using var db = system.CreateDbContext();
        Assert.NotNull(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Users).Single(user => user.Email == email).DeletionRequestedAt);
    }
}
