using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Teaching;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>
/// Taking a course in the browser: a fresh student enrolls in the free demo course Docker Fundamentals, opens the player,
/// completes its first text lesson, fails and then passes its quiz, and finds the progress on "My learning"; its teacher
/// sees the student on the course's students page. Every count and tick comes from the Api through the Web's pages.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class LearningJourneyTests(SystemFixture system)
{
    private const string Slug = "docker-fundamentals";
    private const string Title = "Docker Fundamentals";
    private const string FirstLesson = "Images and containers";
    private const string QuizLesson = "Check your understanding";
    private const string TeacherEmail = "lukas.brenner@coursehub.test";
    private const string PaidSlug = "kubernetes-for-developers";
    private const string Password = "walnut-harbour-lantern";

    private string Web => system.Project("web").Url;

    [Fact]
    public async Task A_student_completes_a_lesson_passes_the_quiz_on_a_retake_and_resumes_from_my_learning()
    {
        var email = IdentityClient.NewEmail("learner");
        using (var identity = new IdentityClient(system))
        {
            await identity.RegisterAndActivateAsync(email, Password, "Student");
        }
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Web, email, Password);

        // Not enrolled yet: the player says so kindly and points to the course page.
        await page.GotoAsync($"{Web}/learn/{Slug}");
        await Assertions.Expect(page.GetByTestId("learn-forbidden")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("learn-forbidden-course-link")).ToHaveAttributeAsync("href", $"/courses/{Slug}");

        await page.GotoAsync($"{Web}/courses/{Slug}");
        var action = page.GetByTestId("course-action-button");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (await action.Filter(new() { HasText = "Go to course" }).AppearsAsync(500))
            {
                return true;
            }
            await action.Filter(new() { HasText = "Enroll for free" }).ClickAsync(new() { Timeout = 5_000 });
            return await action.Filter(new() { HasText = "Go to course" }).AppearsAsync();
        });
        await action.ClickAsync();

        // "/learn/{slug}" opens the first lesson of a course not started yet, marked as the current one.
        await page.WaitForURLAsync(new Regex($"/learn/{Slug}/lessons/[0-9a-f-]{{36}}$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("learn-lesson-title")).ToHaveTextAsync(FirstLesson, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("learn-text")).ToContainTextAsync("read-only package");
        var current = page.Locator("[data-testid=learn-curriculum-lesson][aria-current=page]");
        await Assertions.Expect(current).ToContainTextAsync(FirstLesson);
        var progress = page.GetByTestId("learn-progress");
        await Assertions.Expect(progress).ToContainTextAsync(new Regex(@"^0 of \d+ lessons complete"));
        var total = int.Parse(ProgressPattern().Match(await progress.InnerTextAsync()).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, await page.GetByTestId("learn-curriculum-lesson").CountAsync());
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "learning-1-text-lesson", p => p.GetByTestId("learn-complete"));

        // Marking it complete ticks it in the curriculum and moves the progress on by one lesson.
        var complete = page.GetByTestId("learn-complete");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (await complete.CountAsync() > 0)
            {
                await complete.ClickAsync(new() { Timeout = 5_000 });
            }
            return await page.GetByTestId("learn-lesson-completed").AppearsAsync();
        });
        await Assertions.Expect(current).ToHaveAttributeAsync("data-completed", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(current.GetByTestId("learn-lesson-tick")).ToBeVisibleAsync();
        await Assertions.Expect(progress).ToContainTextAsync($"1 of {total} lessons complete");
        await Assertions.Expect(page.GetByTestId("learn-complete")).ToHaveCountAsync(0);

        // The quiz: questions without answers; a wrong fill-in is below the pass mark and shows the accepted answers.
        await page.GetByTestId("learn-curriculum-lesson").Filter(new() { HasText = QuizLesson }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("learn-lesson-title")).ToHaveTextAsync(QuizLesson, new() { Timeout = 30_000 });
        await Assertions.Expect(current).ToContainTextAsync(QuizLesson);
        await Assertions.Expect(page.GetByTestId("learn-quiz-question")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await AnswerAsync(page, "a bind mount");
        await page.GetByTestId("learn-quiz-submit").ClickAsync();
        var result = page.GetByTestId("learn-quiz-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-passed", "false", new() { Timeout = 30_000 });
        await Assertions.Expect(result).ToContainTextAsync("2 of 3 points");
        await Assertions.Expect(page.GetByTestId("learn-question-result").Filter(new() { HasText = "Wrong" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("learn-question-feedback")).ToContainTextAsync("volume");
        await Assertions.Expect(progress).ToContainTextAsync($"1 of {total} lessons complete");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("learning-2-quiz-failed"), FullPage = true });

        // Retake: all right, passed, and the quiz lesson counts as complete.
        await page.GetByTestId("learn-quiz-retake").ClickAsync();
        // Answer only once the fresh form is shown: answers given before the retake's render would be wiped by it.
        await Assertions.Expect(result).ToHaveCountAsync(0);
        await AnswerAsync(page, "Volume ");
        await page.GetByTestId("learn-quiz-submit").ClickAsync();
        await Assertions.Expect(result).ToHaveAttributeAsync("data-passed", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(result).ToContainTextAsync("3 of 3 points");
        await Assertions.Expect(page.GetByTestId("learn-question-result").Filter(new() { HasText = "Right" })).ToHaveCountAsync(3);
        await Assertions.Expect(progress).ToContainTextAsync($"2 of {total} lessons complete", new() { Timeout = 30_000 });
        await Assertions.Expect(current).ToHaveAttributeAsync("data-completed", "true");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("learning-3-quiz-passed-1280"), FullPage = true });

        // My learning: the course with its progress, and "Continue" opens the last lesson.
        var expectedPercent = (int)Math.Round(200.0 / total, MidpointRounding.AwayFromZero);
        await page.GotoAsync($"{Web}/my/courses");
        var card = page.GetByTestId("enrollment").Filter(new() { HasText = Title });
        await Assertions.Expect(card.GetByTestId("enrollment-progress")).ToHaveTextAsync(new Regex($@"^({expectedPercent - 1}|{expectedPercent}|{expectedPercent + 1}) % complete$"), new() { Timeout = 30_000 });
        await Assertions.Expect(card.GetByTestId("enrollment-resume")).ToHaveTextAsync("Continue");
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "learning-4-my-learning", p => p.GetByTestId("enrollment-resume").First);
        await card.GetByTestId("enrollment-resume").ClickAsync();
        await Assertions.Expect(page.GetByTestId("learn-lesson-title")).ToHaveTextAsync(QuizLesson, new() { Timeout = 30_000 });
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "learning-5-quiz-lesson", p => p.GetByTestId("learn-quiz-submit"));

        // A course the student has not bought stays closed.
        await Browsers.ScreenshotsAsync(launched.Browser, context, $"{Web}/learn/{PaidSlug}", "learning-6-not-enrolled", p => p.GetByTestId("learn-forbidden"));

        // The course's teacher sees the student with the progress on the course's students page.
        var courseId = await CourseIdAsync();
        await using var teacherContext = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var teacher = await teacherContext.NewPageAsync();
        await teacher.SignInAsync(Web, TeacherEmail, system.Project("api").Environment["Seed__DemoPassword"]);
        await teacher.GotoAsync($"{Web}/teach/courses/{courseId}");
        await Assertions.Expect(teacher.GetByTestId("course-students-link")).ToHaveAttributeAsync("href", $"/teach/courses/{courseId}/students", new() { Timeout = 30_000 });
        await teacher.GotoAsync($"{Web}/teach/courses/{courseId}/students");
        var row = teacher.Locator("tr").Filter(new() { HasText = email });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(row.GetByTestId("student-progress")).ToHaveTextAsync(new Regex(@"^\d+ %$"));
        Assert.NotEqual("0 %", await row.GetByTestId("student-progress").InnerTextAsync());
        await Browsers.ScreenshotsAsync(launched.Browser, teacherContext, teacher.Url, "learning-7-students", p => p.GetByTestId("students-table"));
    }

    [Fact]
    public async Task A_student_finishes_a_course_in_the_player_and_opens_the_certificate_from_my_learning()
    {
        var title = $"Finish line journey {Guid.NewGuid():N}"[..28];
        var course = await system.PublishedCourseAsync(title, 0);
        using var student = await system.SignUpAsync("Student", "certjourney");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        // SignUpAsync's accounts use IdentityClient's default password.
        await page.SignInAsync(Web, student.Email, "correct-horse-battery");

        // The course's only lesson: marking it complete completes the course, and the player says a certificate is coming.
        await page.GotoAsync($"{Web}/learn/{course.Slug}");
        await Assertions.Expect(page.GetByTestId("learn-lesson-title")).ToHaveTextAsync("Welcome", new() { Timeout = 30_000 });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            if (await page.GetByTestId("learn-complete").CountAsync() > 0)
            {
                await page.GetByTestId("learn-complete").ClickAsync(new() { Timeout = 5_000 });
            }
            return await page.GetByTestId("learn-course-completed").AppearsAsync();
        });
        await Assertions.Expect(page.GetByTestId("learn-progress")).ToContainTextAsync("1 of 1 lesson complete");

        // My learning shows the course as completed with its certificate once the Worker has issued it.
        var card = page.GetByTestId("enrollment").Filter(new() { HasText = title });
        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync($"{Web}/my/courses");
            return await card.GetByTestId("enrollment-certificate").AppearsAsync(3_000);
        }, TimeSpan.FromSeconds(60), "the certificate on My learning");
        await Assertions.Expect(card.GetByTestId("enrollment-progress")).ToHaveTextAsync("Completed");
        await card.GetByTestId("enrollment-certificate").ClickAsync();

        // The public verification page: valid, this course, this student.
        await page.WaitForURLAsync(new Regex("/certificates/CH-[0-9A-Z-]+$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("certificate-valid")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("certificate-course")).ToHaveTextAsync(title);
        var me = await student.OkJsonAsync(HttpMethod.Get, "/api/me/certificates");
        Assert.EndsWith($"/certificates/{me[0].GetProperty("code").GetString()}", page.Url);
        await Browsers.ScreenshotsAsync(launched.Browser, context, page.Url, "learning-8-certificate", p => p.GetByTestId("certificate-valid"));
    }

    /// <summary>The seed's three questions: two single choices answered right, and the fill-in with <paramref name="fillIn"/>.</summary>
    private static async Task AnswerAsync(IPage page, string fillIn)
    {
        await page.GetByLabel("A container is a running instance of an image").CheckAsync();
        await page.GetByLabel("So the dependency layer stays cached until dependencies change").CheckAsync();
        await page.GetByLabel("Your answer to question 3").FillAsync(fillIn);
    }

    private async Task<Guid> CourseIdAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var course = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{Slug}");
        return course.GetProperty("id").GetGuid();
    }

    [GeneratedRegex(@"^(\d+) of (\d+) lessons")]
    private static partial Regex ProgressPattern();
}
