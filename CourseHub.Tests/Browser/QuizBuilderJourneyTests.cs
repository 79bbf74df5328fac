using System.Net;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

[Collection(SystemCollection.Name)]
public sealed class QuizBuilderJourneyTests(SystemFixture system)
{
    /// <summary>The password <see cref="Studio.SignUpAsync"/> registers with.</summary>
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task A_teacher_builds_a_quiz_fixes_the_field_error_saves_and_finds_it_kept_after_a_reload()
    {
        using var teacher = await system.SignUpAsync("Teacher", "quiz-journey");
        var (courseId, lessonId) = await QuizLessonAsync(teacher);

        await using var launched = await Browsers.LaunchAsync();
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 1000 } });
        var page = await context.NewPageAsync();
        var web = system.Project("web").Url;
        await page.SignInAsync(web, teacher.Email, Password);

        // The lesson page hosts the builder; the quiz starts empty.
        await page.GotoAsync($"{web}/teach/courses/{courseId}/lessons/{lessonId}");
        var builder = page.GetByTestId("quiz-builder");
        await Assertions.Expect(builder.GetByText("No questions yet — add the first")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("quiz-1-empty"), FullPage = true });

        // A single choice question whose correct option is not marked yet.
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Add a single choice question" }).ClickAsync();
            return await page.GetByLabel("Question 1 prompt").AppearsAsync();
        });
        await Assertions.Expect(builder.GetByTestId("quiz-question")).ToHaveCountAsync(1);
        await Assertions.Expect(builder.GetByTestId("quiz-empty")).ToHaveCountAsync(0);
        await page.GetByLabel("Question 1 prompt").FillAsync("What is the capital of France?");
        await page.GetByLabel("Question 1 option 1", new() { Exact = true }).FillAsync("Paris");
        await page.GetByLabel("Question 1 option 2", new() { Exact = true }).FillAsync("Lyon");

        // A multiple choice question with a third option and two correct ones.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a multiple choice question" }).ClickAsync();
        await page.GetByLabel("Question 2 prompt").FillAsync("Which numbers are prime?");
        await page.GetByLabel("Question 2 option 1", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Question 2 option 2", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an option to question 2" }).ClickAsync();
        await page.GetByLabel("Question 2 option 3", new() { Exact = true }).FillAsync("4");
        await page.GetByLabel("Question 2 option 1 is correct").CheckAsync();
        await page.GetByLabel("Question 2 option 2 is correct").CheckAsync();

        // A fill-in question worth 5 points, with two accepted answers as chips.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a fill in the blank question" }).ClickAsync();
        await page.GetByLabel("Question 3 prompt").FillAsync("Who wrote Les Misérables?");
        var points = page.GetByLabel("Question 3 points");
        await points.FillAsync("5");
        await points.PressAsync("Tab");
        var newAnswer = page.GetByLabel("New accepted answer for question 3");
        await newAnswer.FillAsync("Victor Hugo");
        await newAnswer.PressAsync("Enter");
        await newAnswer.FillAsync("Hugo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add accepted answer to question 3" }).ClickAsync();
        var chips = builder.GetByTestId("accepted-answers").GetByRole(AriaRole.Listitem);
        await Assertions.Expect(chips).ToHaveTextAsync(["Victor Hugo", "Hugo"]);

        await Assertions.Expect(builder.GetByTestId("quiz-total")).ToHaveTextAsync("3 questions · 7 points in total");
        await Assertions.Expect(builder.GetByTestId("quiz-unsaved")).ToBeVisibleAsync();

        // Saving shows the Api's error next to question 1's options, and nothing is saved.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save quiz" }).ClickAsync();
        var firstQuestion = page.GetByRole(AriaRole.Group, new() { Name = "Question 1", Exact = true });
        await Assertions.Expect(firstQuestion.GetByTestId("options-error")).ToHaveTextAsync("Mark exactly one option as correct.", new() { Timeout = 15_000 });
        await Assertions.Expect(builder.GetByTestId("quiz-errors")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Question 2", Exact = true }).GetByTestId("options-error")).ToHaveCountAsync(0);
        await Assertions.Expect(builder.GetByTestId("quiz-unsaved")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("quiz-2-field-error"), FullPage = true });
        var stored = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}/lessons/{lessonId}/quiz");
        Assert.Equal(0, stored.GetProperty("questions").GetArrayLength());

        // Marking Paris correct clears the error; saving succeeds.
        await page.GetByLabel("Question 1 option 1 is correct").CheckAsync();
        await Assertions.Expect(firstQuestion.GetByTestId("options-error")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save quiz" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Quiz saved: 3 questions, 7 points.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(builder.GetByTestId("quiz-unsaved")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("quiz-3-saved"), FullPage = true });

        // After a reload the quiz is as it was saved.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Question 1 prompt")).ToHaveValueAsync("What is the capital of France?", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByLabel("Question 1 option 1 is correct")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Question 1 option 2 is correct")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Question 2 option 3", new() { Exact = true })).ToHaveValueAsync("4");
        await Assertions.Expect(page.GetByLabel("Question 2 option 2 is correct")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Question 2 option 3 is correct")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Question 3 points")).ToHaveValueAsync("5");
        await Assertions.Expect(builder.GetByTestId("accepted-answers").GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Victor Hugo", "Hugo"]);
        await Assertions.Expect(builder.GetByTestId("quiz-total")).ToHaveTextAsync("3 questions · 7 points in total");
        await Assertions.Expect(builder.GetByTestId("quiz-unsaved")).ToHaveCountAsync(0);

        // The student preview: answers are not revealed; checking grades them.
        await page.GotoAsync($"{web}/teach/courses/{courseId}/preview/lessons/{lessonId}");
        var preview = page.GetByTestId("quiz-preview");
        await Assertions.Expect(preview.GetByTestId("preview-question")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        // The page is prerendered: a ticked box proves nothing until the circuit answers, so wait for a first (empty) check.
        var score = preview.GetByTestId("quiz-score");
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await preview.GetByRole(AriaRole.Button, new() { Name = "Check answers" }).ClickAsync();
            try
            {
                await Assertions.Expect(score).ToContainTextAsync("You scored 0 of 7 points", new() { Timeout = 3_000 });
                return true;
            }
            catch (PlaywrightException)
            {
                return false;
            }
        });
        await Assertions.Expect(preview.GetByTestId("question-result")).ToHaveTextAsync(["Wrong", "Wrong", "Wrong"]);
        await preview.GetByLabel("Paris").CheckAsync();
        await preview.GetByLabel("2", new() { Exact = true }).CheckAsync();
        await preview.GetByLabel("Your answer to question 3").FillAsync("  victor   hugo ");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Check answers" }).ClickAsync();
        await Assertions.Expect(score).ToContainTextAsync("You scored 6 of 7 points", new() { Timeout = 15_000 });
        await Assertions.Expect(preview.GetByTestId("question-result")).ToHaveTextAsync(["Right", "Wrong", "Right"]);
        await Assertions.Expect(preview.GetByRole(AriaRole.Button, new() { Name = "Check answers" })).ToBeEnabledAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("quiz-4-preview-checked"), FullPage = true });

        // Back in the builder: moving a question and moving it back is no change; deleting asks first.
        var saved = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}/lessons/{lessonId}/quiz");
        await page.GotoAsync($"{web}/teach/courses/{courseId}/lessons/{lessonId}");
        await Assertions.Expect(page.GetByLabel("Question 3 prompt")).ToHaveValueAsync("Who wrote Les Misérables?", new() { Timeout = 30_000 });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Move question 3 up" }).ClickAsync();
            try
            {
                await Assertions.Expect(page.GetByLabel("Question 2 prompt")).ToHaveValueAsync("Who wrote Les Misérables?", new() { Timeout = 3_000 });
                return true;
            }
            catch (PlaywrightException)
            {
                return false;
            }
        });
        await Assertions.Expect(builder.GetByTestId("quiz-unsaved")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move question 2 down" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Question 3 prompt")).ToHaveValueAsync("Who wrote Les Misérables?");
        await Assertions.Expect(builder.GetByTestId("quiz-unsaved")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete question 2" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(builder.GetByTestId("quiz-question")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete question 2" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(builder.GetByTestId("quiz-question")).ToHaveCountAsync(2);
        await Assertions.Expect(builder.GetByTestId("quiz-total")).ToHaveTextAsync("2 questions · 6 points in total");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save quiz" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Quiz saved: 2 questions, 6 points.")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The kept questions kept their ids.
        var after = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}/lessons/{lessonId}/quiz");
        Assert.Equal(new[] { saved.GetProperty("questions")[0].GetProperty("id").GetGuid(), saved.GetProperty("questions")[2].GetProperty("id").GetGuid() },
            after.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()));
    }

    private static async Task<(Guid CourseId, Guid LessonId)> QuizLessonAsync(StudioUser teacher)
    {
        var course = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses", Studio.Draft($"{UniqueWord()} quiz journey"), HttpStatusCode.Created);
        var courseId = course.GetProperty("id").GetGuid();
        var module = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{courseId}/modules", new { title = "Check yourself" }, HttpStatusCode.Created);
        var lesson = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{courseId}/modules/{module.GetProperty("id").GetGuid()}/lessons",
            new { title = "Capitals and primes", type = "Quiz" }, HttpStatusCode.Created);
        return (courseId, lesson.GetProperty("id").GetGuid());
    }
}
