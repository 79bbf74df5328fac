using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// The blog in headless Chromium: the admin writes and publishes a post in the editor, a student finds it on /blog and
/// comments, the comment waits for approval, the admin approves it and every reader sees it — as text. And lesson
/// comments under the player: a comment and a reply, markup staying inert.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BlogJourneyTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // the test accounts' password (IdentityClient)
    private string Web => system.Project("web").Url;

    /// <summary>A click that may not take before the circuit is up (a button still disabled): false instead of a timeout.</summary>
    private static async Task<bool> TryClickAsync(ILocator button)
    {
        try
        {
            await button.ClickAsync(new() { Timeout = 2_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    [Fact]
    public async Task The_admin_publishes_a_post_a_student_comments_and_the_admin_approves_the_comment()
    {
        using var student = await system.SignUpAsync("Student", "browserblogger");
        await using var launched = await Browsers.LaunchAsync();
        await using var adminContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(Web, SystemFixture.AdminEmail, SystemFixture.AdminPassword);

        // Write: title, excerpt, Markdown body with its preview, tags, published.
        var title = $"Release notes {Guid.NewGuid():N}"[..26];
        await admin.GotoAsync($"{Web}/admin/blog/new");
        // Choosing "Published" renames the save button once the circuit is up: from then on input takes effect.
        await admin.RetryUntilInteractiveAsync(async () =>
        {
            await admin.GetByText("Published", new() { Exact = true }).ClickAsync();
            return await admin.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).AppearsAsync();
        });
        await admin.GetByLabel("Title").FillAsync(title);
        await admin.GetByLabel("Excerpt").FillAsync("What is new this month.");
        await admin.GetByLabel("Article (Markdown)").FillAsync("## New\n\nCourses now have **lesson comments**.\n\n- one\n- two");
        await admin.GetByLabel("Tags").FillAsync("news, product");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("blog-editor-preview").Locator("strong")).ToHaveTextAsync("lesson comments", new() { Timeout = 30_000 });
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("blog-1-editor-preview"), FullPage = true });
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Write" }).ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Article (Markdown)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("lesson comments"));
        await admin.GetByTestId("blog-editor-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("blog-editor-saved")).ToContainTextAsync("Published", new() { Timeout = 15_000 });
        await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/blog/[0-9a-f-]{36}$"));
        var slug = await admin.GetByLabel("Address (slug)").InputValueAsync();
        Assert.StartsWith("release-notes-", slug);
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("blog-2-editor-published"), FullPage = true });

        // A student finds it on the blog, filtered by its tag, and comments: the first comment waits for approval.
        await using var studentContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await studentContext.NewPageAsync();
        await page.SignInAsync(Web, student.Email, Password);
        await page.GotoAsync($"{Web}/blog?tag=product");
        var card = page.Locator($"[data-testid=blog-post-card][data-slug='{slug}']");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(card).ToContainTextAsync("1 min read");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("blog-3-list"), FullPage = true });
        await card.Locator("a.blog-card__link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("blog-article-title")).ToHaveTextAsync(title, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("blog-reading-time")).ToHaveTextAsync("1 min read");
        Assert.Equal(title, await page.Locator("meta[property='og:title']").GetAttributeAsync("content"));

        const string text = "<img src=x onerror=\"window.blogInjected=1\"> Great news, thanks!";
        var form = page.GetByTestId("blog-comment-form");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await form.GetByLabel("Your comment").FillAsync(text);
            return await TryClickAsync(form.GetByTestId("blog-comment-submit")) && await page.GetByTestId("blog-comment-posted").AppearsAsync();
        });
        await Assertions.Expect(page.GetByTestId("blog-comment-posted")).ToContainTextAsync("once a moderator has approved it");
        var mine = page.GetByTestId("blog-comment");
        await Assertions.Expect(mine.GetByTestId("blog-comment-held")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("blog-4-article-comment-held"), FullPage = true });

        // Nobody else sees it yet.
        await using var visitorContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync($"{Web}/blog/{slug}");
        await Assertions.Expect(visitor.GetByTestId("blog-comments-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The admin approves it from the blog's admin page.
        await admin.GotoAsync($"{Web}/admin/blog");
        var held = admin.GetByTestId("blog-admin-held-comment").Filter(new() { HasText = "Great news, thanks!" });
        await Assertions.Expect(held).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(held.GetByTestId("blog-admin-held-text")).ToHaveTextAsync(text);
        await admin.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("blog-5-admin"), FullPage = true });
        await admin.RetryUntilInteractiveAsync(async () =>
        {
            return await TryClickAsync(held.GetByTestId("blog-admin-approve"))
                && await admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "comment is published" }).AppearsAsync();
        });

        // Everyone sees it now, as text: no image element, nothing ran.
        await visitor.ReloadAsync();
        var shown = visitor.GetByTestId("blog-comment");
        await Assertions.Expect(shown.GetByTestId("blog-comment-text")).ToHaveTextAsync(text, new() { Timeout = 30_000 });
        Assert.Equal(0, await visitor.GetByTestId("blog-comments").Locator("img").CountAsync());
        Assert.Equal(0, await shown.GetByTestId("blog-comment-held").CountAsync());
        Assert.Equal("undefined", await visitor.EvaluateAsync<string>("() => typeof window.blogInjected"));
        await visitor.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("blog-6-article-public"), FullPage = true });
    }

    [Fact]
    public async Task A_student_comments_under_a_lesson_the_teacher_replies_badged_and_markup_stays_inert()
    {
        var course = await system.PublishedCourseAsync("Lesson comments in the browser", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "browserlessoncommenter");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var curriculum = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        var lesson = curriculum.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, student.Email, Password);
        await page.GotoAsync($"{Web}/learn/{course.Slug}/lessons/{lesson}");
        var comments = page.GetByTestId("lesson-comments");
        await Assertions.Expect(comments.GetByTestId("lesson-comments-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        const string text = "<script>window.lessonInjected = 1</script><b>Bold?</b> Where is the exercise file?";
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await comments.GetByLabel("Add a comment").FillAsync(text);
            return await TryClickAsync(comments.GetByTestId("lesson-comment-submit")) && await comments.GetByTestId("lesson-comment").AppearsAsync();
        });
        var comment = comments.GetByTestId("lesson-comment").First;
        await Assertions.Expect(comment.GetByTestId("lesson-comment-text").First).ToHaveTextAsync(text);
        Assert.Equal(0, await comment.Locator("b").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.lessonInjected"));

        // The teacher answers through the Api; the student's reload shows the reply in the thread with the badge, and replies too.
        var commentId = Guid.Parse((await comment.GetAttributeAsync("data-comment-id"))!);
        await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/lessons/{lesson}/comments", new { text = "It is under Resources.", parentId = commentId },
            System.Net.HttpStatusCode.Created);
        await page.ReloadAsync();
        var reply = comments.GetByTestId("lesson-comment-reply");
        await Assertions.Expect(reply).ToContainTextAsync("It is under Resources.", new() { Timeout = 30_000 });
        await Assertions.Expect(reply.GetByTestId("instructor-badge")).ToBeVisibleAsync();
        await page.RetryUntilInteractiveAsync(async () =>
        {
            return await TryClickAsync(comments.GetByTestId("lesson-comment-reply-button").First) && await comments.GetByRole(AriaRole.Textbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Reply to") }).AppearsAsync();
        });
        await comments.GetByRole(AriaRole.Textbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Reply to") }).FillAsync("Found it, thanks!");
        await comments.GetByTestId("lesson-reply-submit").ClickAsync();
        await Assertions.Expect(comments.GetByTestId("lesson-comment-reply")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("lesson-comments"), FullPage = true });
    }
}
