using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// Reviews and Q&amp;A in the browser: a student rates and reviews a course on its page and the teacher replies; a student
/// asks a question, the teacher answers with the instructor badge and the student marks the answer. Markup stays text.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CommunityJourneyTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // the test accounts' password (IdentityClient)
    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_student_reviews_a_course_the_header_follows_the_teacher_replies_and_markup_stays_text()
    {
        var course = await system.PublishedCourseAsync("Reviewed in the browser", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "browserreviewer");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await using var launched = await Browsers.LaunchAsync();

        // The teacher is on the catalog while the review arrives: the bell counts it live (the approval's notice is there already).
        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var teacherPage = await teacherContext.NewPageAsync();
        await teacherPage.SignInAsync(Web, course.Teacher.Email, Password);
        await teacherPage.GotoAsync($"{Web}/courses");
        var badge = teacherPage.GetByTestId("notification-badge");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = 30_000 });

        await using var studentContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await studentContext.NewPageAsync();
        await page.SignInAsync(Web, student.Email, Password);
        await page.GotoAsync($"{Web}/courses/{course.Slug}");
        var reviews = page.GetByTestId("course-reviews");
        await Assertions.Expect(reviews.GetByTestId("reviews-count")).ToHaveTextAsync("No reviews yet", new() { Timeout = 30_000 });
        var form = reviews.GetByTestId("review-form");
        await Assertions.Expect(form).ToBeVisibleAsync();

        // Posting without stars is refused on the page, next to the stars.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await form.GetByLabel("What did you think?").FillAsync("Clear and practical.");
            await form.GetByTestId("review-submit").ClickAsync();
            return await form.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Choose 1 to 5 stars" }).AppearsAsync();
        });

        const string text = "<script>window.reviewInjected = 1</script><b>Clear</b> and practical.\nThe quiz was hard.";
        await form.Locator(".mud-rating-item").Nth(3).ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Very good");
        await form.GetByLabel("What did you think?").FillAsync(text);
        await form.GetByTestId("review-submit").ClickAsync();

        var mine = reviews.GetByTestId("review").First;
        await Assertions.Expect(mine).ToContainTextAsync("(you)", new() { Timeout = 15_000 });
        await Assertions.Expect(mine.GetByTestId("review-stars")).ToHaveAttributeAsync("aria-label", "4 out of 5 stars");
        // Shown as written: the markup is text, nothing ran, no bold element appeared.
        await Assertions.Expect(mine.GetByTestId("review-text-shown")).ToHaveTextAsync(text);
        Assert.Equal(0, await mine.Locator("b").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.reviewInjected"));
        await Assertions.Expect(reviews.GetByTestId("reviews-average")).ToHaveTextAsync("4.0");
        await Assertions.Expect(page.GetByTestId("course-rating")).ToContainTextAsync("4.0 (1 rating)");
        await Assertions.Expect(form).ToHaveCountAsync(0);

        // A reload (a new render from the Api) shows the same.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("course-rating")).ToContainTextAsync("4.0 (1 rating)", new() { Timeout = 30_000 });

        // The teacher's bell went to 2 without a reload; the notice leads to the reviews, and opening it marks it read.
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-unread", "2", new() { Timeout = 30_000 });
        var notice = teacherPage.GetByTestId("notification-menu").Locator(".notification").Filter(new() { HasText = "New review" });
        await teacherPage.RetryUntilInteractiveAsync(async () =>
        {
            await teacherPage.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Notifications") }).ClickAsync();
            return await notice.AppearsAsync();
        });
        await Assertions.Expect(notice).ToContainTextAsync("4 stars");
        await teacherPage.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("notification-bell-open") });
        await notice.ClickAsync();
        await teacherPage.WaitForURLAsync(url => url.Contains($"/courses/{course.Slug}"), new() { Timeout = 30_000 });
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = 30_000 });

        // The teacher replies from the course page.
        var review = teacherPage.GetByTestId("review").First;
        await teacherPage.RetryUntilInteractiveAsync(async () =>
        {
            await review.GetByTestId("reply-open").ClickAsync(new() { Timeout = 10_000 });
            return await review.GetByTestId("reply-text").AppearsAsync();
        });
        await review.GetByLabel("Your reply").FillAsync("Thank you! Module two gets gentler.");
        await review.GetByTestId("reply-submit").ClickAsync();
        await Assertions.Expect(review.GetByTestId("review-reply")).ToContainTextAsync("Thank you! Module two gets gentler.", new() { Timeout = 15_000 });
        await Assertions.Expect(review.GetByTestId("reply-open")).ToHaveCountAsync(0);

        // The student sees the reply.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("review-reply")).ToContainTextAsync("Reply from");

        await Browsers.ScreenshotsAsync(launched.Browser, studentContext, $"{Web}/courses/{course.Slug}#reviews", "reviews-course-page",
            p => p.GetByTestId("review-reply"));
    }

    [Fact]
    public async Task A_student_asks_a_question_the_teacher_answers_with_a_badge_and_the_student_marks_the_answer()
    {
        var course = await system.PublishedCourseAsync("Asked in the browser", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "browserasker");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await using var launched = await Browsers.LaunchAsync();

        await using var studentContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await studentContext.NewPageAsync();
        await page.SignInAsync(Web, student.Email, Password);
        await page.GotoAsync($"{Web}/courses/{course.Slug}");
        await page.GetByTestId("course-questions-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("questions-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var form = page.GetByTestId("ask-form");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await form.GetByLabel("Title").FillAsync("Where do I find the exercise files?");
            await form.GetByLabel("Details").FillAsync("I looked in **module one**. <img src=x onerror=\"window.askInjected=1\">");
            await form.GetByTestId("ask-submit").ClickAsync();
            return await page.GetByTestId("question-detail").AppearsAsync(10_000);
        });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where do I find the exercise files?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("question-body").Locator("strong")).ToHaveTextAsync("module one");
        Assert.Equal(0, await page.GetByTestId("question-body").Locator("img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.askInjected"));
        var questionUrl = page.Url;

        // The teacher replies from the question's page; the reply carries the instructor badge.
        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var teacherPage = await teacherContext.NewPageAsync();
        await teacherPage.SignInAsync(Web, course.Teacher.Email, Password);
        await teacherPage.GotoAsync(questionUrl);
        await teacherPage.RetryUntilInteractiveAsync(async () =>
        {
            await teacherPage.GetByLabel("Your reply").FillAsync("They are in the **Welcome** lesson.", new() { Timeout = 10_000 });
            await teacherPage.GetByTestId("reply-submit").ClickAsync();
            return await teacherPage.GetByTestId("reply").First.AppearsAsync(10_000);
        });
        await Assertions.Expect(teacherPage.GetByTestId("reply").First.GetByTestId("instructor-badge")).ToBeVisibleAsync();

        // The student sees it and marks it as the answer.
        await page.ReloadAsync();
        var reply = page.GetByTestId("reply").First;
        await Assertions.Expect(reply.GetByTestId("instructor-badge")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await reply.GetByTestId("reply-accept").ClickAsync(new() { Timeout = 10_000 });
            return await reply.GetByTestId("accepted-badge").AppearsAsync();
        });
        await page.GotoAsync($"{Web}/courses/{course.Slug}/questions");
        var row = page.GetByTestId("question").First;
        await Assertions.Expect(row).ToContainTextAsync("Answered", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("1 reply");

        await Browsers.ScreenshotsAsync(launched.Browser, studentContext, questionUrl, "question-answered", p => p.GetByTestId("accepted-badge"));
        await Browsers.ScreenshotsAsync(launched.Browser, studentContext, $"{Web}/courses/{course.Slug}/questions", "questions-list", p => p.GetByTestId("question"));
    }
}
