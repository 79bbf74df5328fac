using System.Text.RegularExpressions;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

[Collection(SystemCollection.Name)]
public sealed class CatalogJourneyTests(SystemFixture system)
{
    [Fact]
    public async Task A_visitor_searches_filters_and_opens_a_course_page()
    {
        var word = UniqueWord();
        await system.SaveAsync(
            Course($"Gardening with {word}", c =>
            {
                c.Subtitle = "Grow vegetables on a balcony";
                c.PriceMinor = 0;
                c.CategoryId = CategoryId("health-fitness");
                c.Modules =
                [
                    new CourseModule
                    {
                        Title = "Getting your hands dirty", Position = 0,
                        Lessons = [new Lesson { Title = "Soil basics", Position = 0, Type = LessonType.Video, DurationSeconds = 420, IsFreePreview = true }],
                    },
                ];
            }),
            Course($"Advanced {word} pruning", c => { c.PriceMinor = 4999; c.Level = CourseLevel.Advanced; }));

        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var web = system.Project("web").Url;

        // The catalog home shows the demo catalog; screenshot it.
        await page.GotoAsync($"{web}/courses");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Find your next course");
        await Assertions.Expect(page.GetByTestId("course-card").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog"), FullPage = true });

        // Type into the search box: autocomplete offers the course; Search searches and the URL reflects it.
        var search = page.GetByPlaceholder("Search courses, topics or teachers");
        await Eventually.TrueAsync(async () =>
        {
            await search.FillAsync("");
            await search.PressSequentiallyAsync(word[..8], new() { Delay = 30 });
            await Task.Delay(800);
            return await page.GetByText($"Gardening with {word}").CountAsync() > 0;
        }, TimeSpan.FromSeconds(30), "autocomplete suggestions");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-autocomplete") });
        await search.FillAsync(word);
        await page.GetByTestId("catalog-search-button").ClickAsync();
        await page.WaitForURLAsync(new Regex($"q={word}"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("catalog-total")).ToContainTextAsync($"2 courses for “{word}”");

        // A facet link narrows the results and is in the URL, so the page can be shared.
        await page.GetByTestId("catalog-filters").GetByRole(AriaRole.Link, new() { Name = "Free" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("price=free"));
        await Assertions.Expect(page.GetByTestId("catalog-total")).ToContainTextAsync("1 course");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-filtered"), FullPage = true });

        // Opening the shared URL fresh shows the same result.
        var shared = await browser.NewPageAsync();
        await shared.GotoAsync(page.Url);
        await Assertions.Expect(shared.GetByTestId("course-card")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // The course page: title, teacher, outline with preview flag, price.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Gardening with {word}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses/test-"));
        await Assertions.Expect(page.GetByTestId("course-title")).ToHaveTextAsync($"Gardening with {word}", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-teacher")).ToContainTextAsync("Test Teacher");
        await Assertions.Expect(page.GetByTestId("course-price")).ToHaveTextAsync("Free");
        await Assertions.Expect(page.GetByTestId("course-outline")).ToContainTextAsync("Soil basics");
        await Assertions.Expect(page.GetByTestId("course-outline")).ToContainTextAsync("Preview");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("course-page"), FullPage = true });

        // A search that finds nothing says so.
        await page.GotoAsync($"{web}/courses?q={UniqueWord()}xyzzy");
        await Assertions.Expect(page.GetByTestId("catalog-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-empty") });
    }

    [Fact]
    public async Task The_demo_course_page_renders_for_a_seeded_course()
    {
        await using var launched = await Browsers.LaunchAsync();
        var browser = launched.Browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{system.Project("web").Url}/courses/kubernetes-for-developers");
        await Assertions.Expect(page.GetByTestId("course-title")).ToHaveTextAsync("Kubernetes for Developers", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What you'll learn" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("course-page-demo"), FullPage = true });
    }
}
