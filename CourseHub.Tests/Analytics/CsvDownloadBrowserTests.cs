using CourseHub.Domain.Identity;
using CourseHub.Tests.Browser;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Analytics;

/// <summary>"Download CSV" on the admin tables: the browser gets the Api's CSV through the Web, with the view's filters.</summary>
[Collection(SystemCollection.Name)]
public sealed class CsvDownloadBrowserTests(SystemFixture system)
{
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task The_users_table_downloads_the_searched_users_as_csv()
    {
        var marker = "csvdownload-" + Guid.NewGuid().ToString("N")[..8];
        string[] names = ["=HYPERLINK(\"http://evil.test\",\"Open\")", "Grace Hopper"];
        await using (var db = system.CreateDbContext())
        {
            db.Users.AddRange(names.Select((name, i) =>
            {
                var email = $"{marker}-{i}@example.test";
                return new AppUser
                {
                    Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                    NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                };
            }));
            await db.SaveChangesAsync();
        }

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await page.GotoAsync($"{Web}/admin/users");
        var button = page.GetByTestId("csv-download");
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The search is typed once the circuit is up (before, the box is emptied by the first interactive render); it has taken
        // when the button's address carries it.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            var search = page.GetByLabel("Search users");
            if (await search.InputValueAsync() != marker)
            {
                await search.FillAsync(marker);
            }
            await page.WaitForTimeoutAsync(500);
            return (await button.GetAttributeAsync("href"))?.Contains(marker) == true;
        });
        await Assertions.Expect(page.GetByText($"{marker}-1@example.test")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Matches(@"^coursehub-users-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,email,displayName,", lines[0]);
        // Only the searched users (every one of them), the formula written as text.
        Assert.Equal(2, lines.Length - 1);
        Assert.Contains($",{marker}-0@example.test,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"Open\"\")\",", lines[1]);
        Assert.Contains($",{marker}-1@example.test,Grace Hopper,", lines[2]);

        // Signed out, the export is not served: the Web sends the browser to sign in.
        await using var anonymous = await launched.Browser.NewContextAsync();
        var response = await anonymous.APIRequest.GetAsync($"{Web}/admin/export/users.csv?search={marker}", new() { MaxRedirects = 0 });
        Assert.InRange(response.Status, 300, 399);
        Assert.DoesNotContain(marker, await response.TextAsync());
    }
}
