using System.Net;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

/// <summary>
/// The studio's lesson page laid out for every lesson type, on a desktop and a phone: one header row, a download's
/// file with its size and Remove button inside the card, quiz options shown in full.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LessonEditorLayoutTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // Studio.SignUpAsync's password

    private const string LongOption =
        "Because the garbage collector compacts the heap, a pinned buffer handed to native code must stay pinned until the call returns";

    // The page renders twice (prerendered, then interactive, which loads the lesson again): on a busy machine the
    // interactive render can take a while to bring the header back.
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions SlowVisible = new() { Timeout = 30_000 };

    /// <summary>A locator's box once it is on screen (between the two renders it briefly is not).</summary>
    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator)
    {
        LocatorBoundingBoxResult? box = null;
        await Eventually.TrueAsync(async () => (box = await locator.BoundingBoxAsync()) is not null, TimeSpan.FromSeconds(30), $"{locator} on screen");
        return box!;
    }

    [Fact]
    public async Task Every_lesson_type_has_the_same_header_and_files_and_quiz_options_fit_their_cards()
    {
        using var teacher = await system.SignUpAsync("Teacher", "lesson-layout");
        var id = await teacher.DraftWithLessonAsync($"{UniqueWord()} layout course");
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var module = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var lessons = new Dictionary<string, Guid> { ["Text"] = course.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid() };
        foreach (var type in new[] { "Video", "Download", "Quiz" })
        {
            lessons[type] = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{module}/lessons",
                new { title = $"A {type.ToLowerInvariant()} lesson with a title long enough to need some room", type }, HttpStatusCode.Created))
                .GetProperty("id").GetGuid();
        }
        string Lesson(string type) => $"/api/teach/courses/{id}/lessons/{lessons[type]}";
        await teacher.UploadAsync(HttpMethod.Put, $"{Lesson("Video")}/video", await Video.TestVideos.ClipAsync(seconds: 1, width: 160, height: 90), "introduction-to-the-course.mp4").OkAsync();
        await teacher.UploadAsync(HttpMethod.Put, $"{Lesson("Download")}/download", MediaTestFiles.Pdf(1_234_567),
            "Week 3 worksheet — memory management and the large object heap.pdf").OkAsync();
        await teacher.OkJsonAsync(HttpMethod.Put, $"{Lesson("Quiz")}/quiz", new
        {
            questions = new[]
            {
                new
                {
                    kind = "singleChoice", prompt = "Why must a buffer passed to native code be pinned?", points = 1,
                    options = new[]
                    {
                        new { text = LongOption, isCorrect = true },
                        new { text = "It does not need to be", isCorrect = false },
                    },
                },
            },
        });

        await using var launched = await Browsers.LaunchAsync();
        var web = system.Project("web").Url;
        // Signed in on a desktop-sized page (the top bar names the user there); every page below is a fresh load, so the
        // layout picks the breakpoint of the width it is loaded at.
        await using var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(web, teacher.Email, Password);
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var headerHeights = new Dictionary<string, double>();
            foreach (var (type, lessonId) in lessons)
            {
                await page.GotoAsync($"{web}/teach/courses/{id}/lessons/{lessonId}");
                var header = page.GetByTestId("lesson-header");
                await Assertions.Expect(header).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(page.GetByTestId("lesson-media")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                // The same parts in the same places whatever the type: the type and position line, preview, the way through the course.
                await Assertions.Expect(header.GetByTestId("lesson-kind")).ToContainTextAsync($"{type} lesson", Slow);
                await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Preview as student" })).ToBeVisibleAsync(SlowVisible);
                await Assertions.Expect(header.GetByTestId("lesson-steps")).ToBeVisibleAsync(SlowVisible);
                headerHeights[type] = (await BoxAsync(header.GetByTestId("lesson-steps"))).Height;
                if (type == "Quiz")
                {
                    var option = page.GetByLabel("Question 1 option 1", new() { Exact = true });
                    await Assertions.Expect(option).ToHaveValueAsync(LongOption, new() { Timeout = 30_000 });
                    await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath($"lesson-editor-quiz-{width}"), FullPage = true });
                    // The whole text is on screen: the field grew to hold it (once its script has measured it) rather than
                    // scrolling it out of view.
                    var hidden = "";
                    try
                    {
                        await Eventually.TrueAsync(async () =>
                        {
                            var overflow = await option.EvaluateAsync<JsonElement>(
                                "e => ({ x: e.scrollWidth - e.clientWidth, y: e.scrollHeight - e.clientHeight, width: e.clientWidth })");
                            hidden = overflow.ToString();
                            return overflow.GetProperty("x").GetDouble() <= 1 && overflow.GetProperty("y").GetDouble() <= 1;
                        }, TimeSpan.FromSeconds(10), $"the whole option text visible at {width} px");
                    }
                    catch (TimeoutException error)
                    {
                        Assert.Fail($"{error.Message}; the option's overflow: {hidden}");
                    }
                }
                if (type is "Video" or "Download")
                {
                    var field = page.GetByTestId(type == "Video" ? "video-upload" : "download-upload");
                    var current = field.GetByTestId("upload-current");
                    await Assertions.Expect(current).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    // Measured in one go in the page, so a re-render between two measurements cannot mix old and new boxes.
                    var measured = default(JsonElement);
                    await Eventually.TrueAsync(async () =>
                    {
                        measured = await field.EvaluateAsync<JsonElement>("""
                            field => {
                              const box = e => e ? e.getBoundingClientRect() : null;
                              const card = box(field.closest('[data-testid=lesson-media]'));
                              const remove = box([...field.querySelectorAll('[data-testid=upload-current] button')].find(b => /^Remove /.test(b.getAttribute('aria-label') || '')));
                              const size = box(field.querySelector('[data-testid=upload-size]'));
                              return card && remove && size
                                ? { ready: true, cardLeft: card.left, cardRight: card.right, removeLeft: remove.left, removeRight: remove.right, sizeHeight: size.height }
                                : { ready: false };
                            }
                            """);
                        return measured.GetProperty("ready").GetBoolean();
                    }, TimeSpan.FromSeconds(30), $"the {type} file row at {width} px");
                    double At(string name) => measured.GetProperty(name).GetDouble();
                    Assert.True(At("removeLeft") >= At("cardLeft") && At("removeRight") <= At("cardRight") + 0.5,
                        $"at {width} px the Remove button leaves the card: {measured}");
                    Assert.True(At("sizeHeight") < 24, $"at {width} px the file size wraps: {measured}");
                }
                await Assertions.Expect(page.GetByTestId("lesson-media")).ToBeVisibleAsync(SlowVisible);
                await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath($"lesson-editor-{type.ToLowerInvariant()}-{width}"), FullPage = true });
            }
            Assert.True(headerHeights.Values.Distinct().Count() == 1, $"at {width} px the header rows differ: {string.Join(", ", headerHeights)}");
        }
    }
}
