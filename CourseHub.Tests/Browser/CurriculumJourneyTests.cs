using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

/// <summary>The course editor's curriculum and lesson pages, preview as student, and the admin's reject/remove, in headless Chromium.</summary>
[Collection(SystemCollection.Name)]
public sealed class CurriculumJourneyTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery";

    private static async Task<string[]> LessonTitlesAsync(StudioUser teacher, Guid courseId, int module)
    {
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}");
        return course.GetProperty("modules")[module].GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("title").GetString()!).ToArray();
    }

    [Fact]
    public async Task A_teacher_drags_a_lesson_to_another_module_renames_edits_previews_and_deletes()
    {
        using var teacher = await system.SignUpAsync("Teacher", "dnd");
        var id = await teacher.CompleteDraftAsync($"{UniqueWord()} drag course");
        var first = (await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}")).GetProperty("modules")[0].GetProperty("id").GetGuid();
        var second = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Second module" },
            System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var (module, title) in new[] { (first, "Alpha"), (second, "Charlie") })
        {
            await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{module}/lessons", new { title, type = "Text" },
                System.Net.HttpStatusCode.Created);
        }

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });
        var page = await context.NewPageAsync();
        var web = system.Project("web").Url;
        await page.SignInAsync(web, teacher.Email, Password);
        await page.GotoAsync($"{web}/teach/courses/{id}");
        var modules = page.GetByTestId("module");
        await Assertions.Expect(modules).ToHaveCountAsync(2, new() { Timeout = 30_000 });

        // Rename a module in place (repeated until the circuit is interactive; opening the editor twice is harmless).
        var moduleTitle = page.GetByRole(AriaRole.Textbox, new() { Name = "Module title", Exact = true });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (await moduleTitle.CountAsync() == 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Rename module Second module" }).ClickAsync();
            }
            return await moduleTitle.AppearsAsync();
        });
        await moduleTitle.FillAsync("Foundations");
        await moduleTitle.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2. Foundations" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Drag "Alpha" from the first module onto "Charlie" in the second: it takes Charlie's place.
        var alpha = page.GetByTestId("lesson").Filter(new() { HasText = "Alpha" });
        var charlie = page.GetByTestId("lesson").Filter(new() { HasText = "Charlie" });
        await alpha.DragToAsync(charlie);
        await Assertions.Expect(modules.Nth(1).GetByTestId("lesson").First).ToContainTextAsync("Alpha", new() { Timeout = 15_000 });
        Assert.Equal(["Alpha", "Charlie"], await LessonTitlesAsync(teacher, id, 1));
        Assert.Equal(["Welcome"], await LessonTitlesAsync(teacher, id, 0));
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("curriculum-1-dragged"), FullPage = true });

        // Drag the second module above the first.
        await modules.Nth(1).Locator(".studio-module-header").DragToAsync(modules.Nth(0).Locator(".studio-module-header"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Foundations" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The lesson page: edit the text with a rendered preview, mark it free, save.
        await page.GetByRole(AriaRole.Link, new() { Name = "Charlie" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Charlie" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Charlie, revised");
        await page.GetByLabel("Text (Markdown)").Last.FillAsync("## Hello bees\n\nKeep **calm** <script>alert(1)</script>");
        await page.GetByText("Free preview — anyone").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("markdown-preview").Locator("h2")).ToHaveTextAsync("Hello bees", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("markdown-preview").Locator("script")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("curriculum-2-lesson"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save lesson" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Lesson saved.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var saved = course.GetProperty("modules")[0].GetProperty("lessons")[1];
        Assert.Equal(("Charlie, revised", true), (saved.GetProperty("title").GetString(), saved.GetProperty("isFreePreview").GetBoolean()));

        // Preview as student: the course page of the draft, then the lesson as an enrolled student reads it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview as student" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lesson-text").Locator("h2")).ToHaveTextAsync("Hello bees", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Course page" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-banner")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-outline")).ToContainTextAsync("Charlie, revised");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("curriculum-3-preview"), FullPage = true });

        // Delete a lesson from its menu, after confirming.
        await page.GotoAsync($"{web}/teach/courses/{id}");
        var deleteItem = page.Locator(".mud-popover-open").GetByText("Delete", new() { Exact = true });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Actions for lesson Welcome" }).ClickAsync();
            return await deleteItem.AppearsAsync();
        });
        await deleteItem.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete lesson" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lesson").Filter(new() { HasText = "Welcome" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        Assert.Empty(await LessonTitlesAsync(teacher, id, 1));
    }

    [Fact]
    public async Task An_admin_rejects_with_a_reason_the_teacher_sees_it_and_a_published_course_is_removed()
    {
        using var teacher = await system.SignUpAsync("Teacher", "reject-journey");
        using var admin = await system.AdminAsync();
        var rejectedTitle = $"{UniqueWord()} needs work";
        var removedTitle = $"{UniqueWord()} to remove";
        var rejected = await teacher.CompleteDraftAsync(rejectedTitle);
        var removed = await teacher.CompleteDraftAsync(removedTitle);
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{rejected}/submit");
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{removed}/submit");
        var slug = (await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{removed}/approve")).GetProperty("slug").GetString();

        await using var launched = await Browsers.LaunchAsync();
        await using var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await adminContext.NewPageAsync();
        var web = system.Project("web").Url;
        await page.SignInAsync(web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);
        await page.GotoAsync($"{web}/admin/courses");
        var reject = page.GetByRole(AriaRole.Button, new() { Name = $"Reject {rejectedTitle}" });
        await Assertions.Expect(reject).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // A reason is required.
        var confirmReject = page.GetByRole(AriaRole.Button, new() { Name = "Reject course" });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await reject.ClickAsync();
            return await confirmReject.AppearsAsync();
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject course" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Give a reason.")).ToBeVisibleAsync();
        var reason = $"Add a preview lesson {UniqueWord()}";
        await page.GetByLabel("Reason").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject course" }).ClickAsync();
        await Assertions.Expect(reject).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        // Remove the published one (Published tab).
        await page.GetByRole(AriaRole.Tab, new() { Name = "Published" }).ClickAsync();
        var remove = page.GetByRole(AriaRole.Button, new() { Name = $"Remove {removedTitle}" });
        await Assertions.Expect(remove).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await remove.ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Copyright complaint");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove course" }).ClickAsync();
        await Assertions.Expect(remove).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("review-1-removed"), FullPage = true });
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        await Eventually.TrueAsync(async () => (await http.GetAsync($"/api/courses/{slug}")).StatusCode == System.Net.HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(5), "the removed course leaves the catalog");

        // The teacher sees the reason in the editor.
        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var teacherPage = await teacherContext.NewPageAsync();
        await teacherPage.SignInAsync(web, teacher.Email, Password);
        await teacherPage.GotoAsync($"{web}/teach/courses/{rejected}");
        await Assertions.Expect(teacherPage.GetByTestId("review-reason")).ToContainTextAsync(reason, new() { Timeout = 30_000 });
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("review-2-teacher-sees-reason"), FullPage = true });
        var audit = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/audit?pageSize=50");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), entry => entry.GetRawText().Contains(removed.ToString()));
    }
}
