using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>The security page's "Your data" and "Delete my account" sections in headless Chromium, with screenshots.</summary>
[Collection(SystemCollection.Name)]
public sealed class AccountDataJourneyTests(SystemFixture system)
{
    [Fact]
    public async Task A_student_downloads_their_data_then_deletes_the_account_and_cannot_sign_in_again()
    {
        using var user = await system.SignUpAsync("Student", "journeyleaver");
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var web = system.Project("web").Url;
        await page.SignInAsync(web, user.Email, "correct-horse-battery");
        await page.GotoAsync($"{web}/account/security");

        // Download my data: the page says it is being prepared, and once the Worker is done, that it is ready with a link.
        var data = page.GetByTestId("data-export");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await data.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync();
            return await data.GetByTestId("export-status").AppearsAsync();
        });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("account-data-1-export-asked"), FullPage = true });
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await data.GetByTestId("export-download").AppearsAsync(5_000);
        }, TimeSpan.FromSeconds(90), "the export to be ready on the security page");
        await Assertions.Expect(data.GetByTestId("export-status")).ToContainTextAsync("ready");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("account-data-2-export-ready"), FullPage = true });

        // Delete my account: a wrong password is named at the field; the right one deletes and signs out.
        var delete = page.GetByTestId("delete-account");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await delete.GetByRole(AriaRole.Button, new() { Name = "Delete my account…" }).ClickAsync();
            return await delete.GetByLabel("Password").AppearsAsync();
        });
        var confirm = delete.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" });
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await delete.GetByLabel("Password").FillAsync("not-my-password");
        await delete.GetByText("I understand that my account is deleted for good").ClickAsync();
        await confirm.ClickAsync();
        await Assertions.Expect(delete.GetByText("The password is not correct.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("account-data-3-delete-wrong-password"), FullPage = true });

        await delete.GetByLabel("Password").FillAsync("correct-horse-battery");
        await confirm.ClickAsync();
        await page.WaitForURLAsync("**/account/goodbye", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("account-data-4-goodbye"), FullPage = true });

        // The Web session is gone, and the account no longer signs in.
        await page.GotoAsync($"{web}/account/security");
        await page.WaitForURLAsync("**/account/sign-in**", new() { Timeout = 30_000 });
        using var client = new IdentityClient(system);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.LoginAsync(user.Email)).StatusCode);
    }
}
