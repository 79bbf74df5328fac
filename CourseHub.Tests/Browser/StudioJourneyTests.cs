using CourseHub.Tests.Commerce;
using System.Text.RegularExpressions;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

[Collection(SystemCollection.Name)]
public sealed class StudioJourneyTests(SystemFixture system)
{
    /// <summary>
    /// Waits until the locator has stayed on screen for a couple of seconds: a page shows its prerendered content, then
    /// briefly its loading state while the interactive render loads again, and a screenshot should show neither gap.
    /// </summary>
    private static async Task SettledAsync(ILocator locator)
    {
        var seen = 0;
        await Eventually.TrueAsync(async () =>
        {
            seen = await locator.IsVisibleAsync() ? seen + 1 : 0;
            return seen >= 10;
        }, TimeSpan.FromSeconds(30), $"{locator} to stay on screen");
    }

    [Fact]
    public async Task Studio_teacher_writes_and_submits_a_course_an_admin_approves_it_and_it_is_in_the_catalog()
    {
        using var client = new IdentityClient(system);
        var teacherEmail = IdentityClient.NewEmail("studio");
        const string password = "walnut-harbour-lantern";
        await client.RegisterAndActivateAsync(teacherEmail, password, "Teacher");
        // Payouts set up first: the course is sold, and a paid course needs them before it can be submitted.
        var tokens = await client.LoginOkAsync(teacherEmail, password);
        await system.OnboardAsync(new StudioUser(client, teacherEmail, tokens.AccessToken));
        var word = UniqueWord();
        var title = $"Beekeeping with {word}";

        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var web = system.Project("web").Url;

        // The teacher: My courses starts empty; New course creates a draft.
        await using var teacherContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 1000 } });
        var page = await teacherContext.NewPageAsync();
        await page.SignInAsync(web, teacherEmail, password);
        await page.GotoAsync($"{web}/teach/courses");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My courses" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("You have no courses yet")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My courses" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-1-my-courses-empty"), FullPage = true });

        await page.GotoAsync($"{web}/teach/courses/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New course" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Saving an empty form shows the field errors at once (and proves the circuit is interactive).
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
            return await page.GetByText("Enter a title.").CountAsync() > 0;
        });
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Subtitle").FillAsync("Honey from a city rooftop");
        await page.GetByLabel("Description (Markdown)").FillAsync("Learn to keep **bees** safely.");
        await page.Locator(".mud-select").Filter(new() { HasText = "Category" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.GetByLabel("Price").FillAsync("19.99");
        await page.GetByLabel("What students will learn (one per line)").FillAsync("Open a hive\nHarvest honey");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-2-new-course"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/teach/courses/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit course" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-status")).ToHaveTextAsync("Draft");

        // The curriculum: a module with a lesson.
        await page.GetByLabel("New module title").FillAsync("Your first hive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add module" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your first hive" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByLabel("New lesson title").First.FillAsync("Meet the colony");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add lesson" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("lesson")).ToContainTextAsync("Meet the colony", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-3-curriculum"), FullPage = true });

        // The checklist says what is still missing (a thumbnail, the lesson's text), and submitting now is refused with the same list.
        var checklist = page.GetByTestId("readiness");
        await Assertions.Expect(checklist).ToHaveAttributeAsync("data-ready", "false", new() { Timeout = 15_000 });
        await Assertions.Expect(checklist.Locator("[data-field=thumbnail]")).ToHaveAttributeAsync("data-met", "false");
        await Assertions.Expect(checklist.Locator("[data-field=lessonContent]")).ToContainTextAsync("“Meet the colony” (text lesson: no text yet)");
        await Assertions.Expect(checklist.Locator("[data-field=description]")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(checklist.Locator("[data-field=learningOutcomes]")).ToHaveAttributeAsync("data-met", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Not ready for review yet" });
        await Assertions.Expect(refusal).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(refusal).ToContainTextAsync("Upload a thumbnail");
        await Assertions.Expect(page.GetByTestId("course-status")).ToHaveTextAsync("Draft");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-3b-checklist"), FullPage = true });
        // On a phone (a fresh load: the layout picks its breakpoint when the page starts).
        await page.SetViewportSizeAsync(390, 900);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("readiness")).ToHaveAttributeAsync("data-ready", "false", new() { Timeout = 30_000 });
        await SettledAsync(page.GetByTestId("readiness"));
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-3b-checklist-390"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 1000);

        // Once the thumbnail and the text are there (through the Api: the upload has its own journey), the checklist is complete.
        using (var teacher = new StudioUser(client, teacherEmail, (await client.LoginOkAsync(teacherEmail, password)).AccessToken))
        {
            await teacher.FillForReviewAsync(Guid.Parse(page.Url.Split('/').Last()));
        }
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("readiness")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("readiness")).ToContainTextAsync("Ready for review");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
            return await page.GetByTestId("course-status").Filter(new() { HasText = "In review" }).AppearsAsync();
        });
        await Assertions.Expect(page.GetByTestId("course-status")).ToHaveTextAsync("In review", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-4-submitted"), FullPage = true });

        // The admin approves it in the review queue.
        await using var adminContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await admin.GotoAsync($"{web}/admin/courses");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Course review" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var approve = admin.GetByRole(AriaRole.Button, new() { Name = $"Approve {title}" });
        await Assertions.Expect(approve).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-5-review-queue"), FullPage = true });
        await admin.SetViewportSizeAsync(390, 900);
        await admin.ReloadAsync();
        await Assertions.Expect(approve).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-5-review-queue-390"), FullPage = true });
        await admin.SetViewportSizeAsync(1366, 900);
        await admin.ReloadAsync();
        await Assertions.Expect(approve).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The title opens the submitted course as students will see it, with the way back to the queue.
        await admin.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("preview-banner")).ToContainTextAsync("Review preview", new() { Timeout = 30_000 });
        await Assertions.Expect(admin.GetByText("Meet the colony").First).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-5b-review-preview"), FullPage = true });
        await admin.GetByTestId("preview-banner").GetByRole(AriaRole.Link, new() { Name = "Back to the review queue" }).ClickAsync();
        await Assertions.Expect(approve).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Approve asks first: cancelling leaves the course in review.
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await admin.RetryUntilInteractiveAsync(async () =>
        {
            await approve.ClickAsync();
            return await confirm.AppearsAsync();
        });
        await Assertions.Expect(confirm).ToContainTextAsync($"Approve “{title}”?");
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-5c-approve-confirm") });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(approve).ToBeVisibleAsync();
        await approve.ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Assertions.Expect(admin.GetByText($"“{title}” is published.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-6-approved"), FullPage = true });

        // The teacher is told by email, with the link to the published course.
        await Eventually.TrueAsync(async () => (await system.Mail.WithSubjectAsync("Your course is published"))
            .Any(mail => mail.To.Any(to => to.Email == teacherEmail) && mail.Text?.Contains(title) == true),
            TimeSpan.FromSeconds(60), "the approval mail in MailDev");

        // It is in the catalog, and the teacher's studio shows it published with a preview link.
        await Eventually.TrueAsync(async () =>
        {
            await admin.GotoAsync($"{web}/courses?q={word}");
            return await admin.GetByRole(AriaRole.Link, new() { Name = title }).First.AppearsAsync();
        }, TimeSpan.FromSeconds(30), "the approved course in the catalog");
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("studio-7-catalog"), FullPage = true });

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("course-status")).ToHaveTextAsync("Published", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Preview as student" })).ToBeVisibleAsync();
    }
}
