using System.Text.RegularExpressions;
using CourseHub.Tests.Browser;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Analytics;

/// <summary>"Add member" in headless Chromium: the admin invites from the users page, the invitee follows the emailed link, chooses a password and is signed in.</summary>
[Collection(SystemCollection.Name)]
public sealed partial class InvitationBrowserTests(SystemFixture system)
{
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task The_admin_invites_from_the_users_page_and_the_invitee_joins_through_the_emailed_link()
    {
        var email = IdentityClient.NewEmail("browser-invitee");
        await using var launched = await Browsers.LaunchAsync();
        await using var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await admin.GotoAsync($"{Web}/admin/users");
        var form = admin.GetByTestId("add-member");
        await Assertions.Expect(form).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var pending = admin.GetByTestId("pending-invitation").Filter(new() { HasText = email });
        await admin.RetryUntilInteractiveAsync(async () =>
        {
            await form.GetByLabel("Email").FillAsync(email);
            await form.GetByLabel("Name").FillAsync("Browser Invitee");
            // The role stays the form's default, Student (InvitationTests invites other roles through the Api).
            await form.GetByTestId("invite-send").ClickAsync();
            return await pending.AppearsAsync();
        });
        await Assertions.Expect(admin.GetByTestId("invite-message")).ToContainTextAsync($"Invitation sent to {email}");
        await Assertions.Expect(pending).ToContainTextAsync("Student");
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("invitation-1-pending"), FullPage = true });

        // The same address again: the Api's 409 is shown next to the email field.
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByLabel("Name").FillAsync("Twice");
        await form.GetByTestId("invite-send").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("pending invitation already", new() { Timeout = 15_000 });

        var mail = await Eventually.ValueAsync(async () => (await system.Mail.ToAsync(email)).FirstOrDefault(m => m.Subject == "You are invited to CourseHub"),
            TimeSpan.FromSeconds(60), "the invitation email");
        var link = LinkPattern().Match(mail.Text ?? "").Value;
        Assert.StartsWith(Web, link);

        await using var inviteeContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var invitee = await inviteeContext.NewPageAsync();
        await invitee.GotoAsync(link);
        await Assertions.Expect(invitee.GetByTestId("invitation-offer")).ToContainTextAsync(email, new() { Timeout = 30_000 });
        try
        {
            await invitee.RetryUntilInteractiveAsync(async () =>
            {
                if (!invitee.Url.Contains("/account/invitation"))
                {
                    return true;
                }
                await invitee.GetByLabel("Password", new() { Exact = true }).FillAsync("correct-horse-battery-staple");
                await invitee.GetByLabel("Repeat the password").FillAsync("correct-horse-battery-staple");
                await invitee.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
                return await invitee.GetByTestId("user-name").AppearsAsync(5_000);
            });
        }
        catch (TimeoutException)
        {
            await invitee.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("invitation-failed"), FullPage = true });
            throw new TimeoutException($"Not signed in at {invitee.Url}: {await invitee.InnerTextAsync("body")}");
        }
        await Assertions.Expect(invitee.GetByTestId("user-name")).ToContainTextAsync("Browser Invitee");
        await invitee.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("invitation-2-signed-in"), FullPage = true });

        // Used: the link now says so; and the invitation has left the admin's pending list.
        await using var laterContext = await launched.Browser.NewContextAsync();
        var later = await laterContext.NewPageAsync();
        await later.GotoAsync(link);
        await Assertions.Expect(later.GetByTestId("invitation-invalid")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("add-member")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(pending).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }

    [GeneratedRegex(@"https?://\S+/account/invitation\?token=\S+")]
    private static partial Regex LinkPattern();
}
