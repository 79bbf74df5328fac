using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>Steps every browser journey shares: waiting for the interactive circuit and signing in.</summary>
public static class WebSession
{
    /// <summary>Input before the interactive circuit is connected is lost: repeat the step until it takes effect.</summary>
    public static async Task RetryUntilInteractiveAsync(this IPage page, Func<Task<bool>> step) =>
        await Eventually.TrueAsync(async () =>
        {
            if (await step())
            {
                return true;
            }
            await page.WaitForTimeoutAsync(500);
            return false;
        }, TimeSpan.FromSeconds(30), "the page to become interactive");

    public static async Task SignInAsync(this IPage page, string web, string email, string password)
    {
        await page.GotoAsync($"{web}/account/sign-in");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            // A slow answer to an earlier attempt may have signed in already and left the sign-in page (no Email field to wait 30 s for).
            if (!page.Url.Contains("/account/sign-in"))
            {
                return true;
            }
            try
            {
                await page.GetByLabel("Email").FillAsync(email, new() { Timeout = 5_000 });
                await page.GetByLabel("Password").FillAsync(password, new() { Timeout = 5_000 });
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(new() { Timeout = 5_000 });
                await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"), new() { Timeout = 3_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        });
        await Assertions.Expect(page.GetByTestId("user-name")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Whether the locator appears within a short while (a step of <see cref="RetryUntilInteractiveAsync"/>).</summary>
    public static async Task<bool> AppearsAsync(this ILocator locator, int milliseconds = 3_000)
    {
        try
        {
            await locator.WaitForAsync(new() { Timeout = milliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
