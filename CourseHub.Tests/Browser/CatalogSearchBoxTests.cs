using System.Text.RegularExpressions;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

/// <summary>
/// The catalog as a visitor uses it: the search box's keyboard (a WAI-ARIA combobox), "did you mean", the phone layout
/// with its filter drawer, and free-preview lessons. Screenshots at 1366×900 and 390 px, light and dark.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CatalogSearchBoxTests(SystemFixture system)
{
    private string Web => system.Project("web").Url;

    /// <summary>Types <paramref name="text"/> until the suggestion list shows (typing before the circuit is up is lost).</summary>
    private static async Task TypeUntilSuggestedAsync(IPage page, string text)
    {
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search courses" });
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await box.FillAsync("");
            await box.PressSequentiallyAsync(text, new() { Delay = 20 });
            return await page.GetByTestId("catalog-suggestion").First.AppearsAsync();
        });
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
    }

    /// <summary>Waits until the page wears the dark theme (it follows the system preference once the circuit is up).</summary>
    private static Task DarkThemeAsync(IPage page) => Eventually.TrueAsync(
        () => page.EvaluateAsync<bool>("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'"),
        TimeSpan.FromSeconds(30), "the dark theme");

    [Fact]
    public async Task Enter_searches_the_typed_text_and_a_suggestion_opens_only_when_chosen()
    {
        var word = UniqueWord();
        await system.SaveAsync(
            Course($"{word} design studio", c => c.EnrollmentCount = 5),
            Course($"Design thinking for {word}", c => c.EnrollmentCount = 50));

        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{Web}/courses");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search courses" });
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "false", new() { Timeout = 30_000 });

        // Suggestions come from title words, those that begin with the typed text first.
        await TypeUntilSuggestedAsync(page, $"{word} des");
        var options = page.GetByRole(AriaRole.Option);
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await Assertions.Expect(options.First).ToContainTextAsync($"{word} design studio");
        var listId = await box.GetAttributeAsync("aria-controls");
        Assert.False(string.IsNullOrEmpty(listId));
        await Assertions.Expect(page.Locator($"[id='{listId}']")).ToHaveAttributeAsync("role", "listbox");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-suggestions") });

        // Enter with the list open but no suggestion chosen searches what was typed: the catalog, not a course page.
        await TypeUntilSuggestedAsync(page, $"{word} design");
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/courses\?q="), new() { Timeout = 15_000 });
        Assert.Contains($"q={word}%20design", page.Url);
        await Assertions.Expect(page.GetByTestId("catalog-total")).ToHaveTextAsync($"2 courses for “{word} design”", new() { Timeout = 30_000 });

        // The plain word "design" from the brief: Enter searches for it.
        await TypeUntilSuggestedAsync(page, "design");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/courses\?q=design$"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("catalog-total")).ToContainTextAsync("for “design”", new() { Timeout = 30_000 });

        // Escape closes the list and Enter still searches.
        await TypeUntilSuggestedAsync(page, $"{word} des");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.GetByTestId("catalog-suggestions")).ToBeHiddenAsync();

        // ArrowDown moves to the first suggestion (aria-activedescendant names it), ArrowDown again to the second,
        // ArrowUp back; Enter opens the one moved to.
        await TypeUntilSuggestedAsync(page, $"{word} des");
        await page.Keyboard.PressAsync("ArrowDown");
        var first = options.First;
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", (await first.GetAttributeAsync("id"))!);
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-suggestion-active") });
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/courses/test-"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("course-title")).ToHaveTextAsync($"{word} design studio", new() { Timeout = 30_000 });

        // A click picks a suggestion too.
        await page.GotoAsync($"{Web}/courses");
        await TypeUntilSuggestedAsync(page, $"{word} des");
        await options.Nth(1).ClickAsync();
        await Assertions.Expect(page.GetByTestId("course-title")).ToHaveTextAsync($"Design thinking for {word}", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_misspelt_search_shows_what_it_searched_for_and_offers_the_words_as_typed()
    {
        var word = UniqueWord(8);
        await system.SaveAsync(Course($"Hands-on {word} lab"));
        var typo = string.Concat(word[..4], word[5].ToString(), word[4].ToString(), word[6..]);

        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{Web}/courses?q={typo}");
        var correction = page.GetByTestId("catalog-correction");
        await Assertions.Expect(correction).ToContainTextAsync($"Showing results for {word}", new() { Timeout = 30_000 });
        await Assertions.Expect(correction).ToContainTextAsync($"search instead for {typo}");
        await Assertions.Expect(page.GetByTestId("course-card")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("catalog-did-you-mean") });

        await page.GetByTestId("catalog-search-exact").ClickAsync();
        await page.WaitForURLAsync(new Regex("exact=true"));
        await Assertions.Expect(page.GetByTestId("catalog-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task On_a_phone_courses_come_first_and_the_filters_open_in_a_drawer()
    {
        await using var launched = await Browsers.LaunchAsync();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, ColorScheme = scheme, IsMobile = true, HasTouch = true });
            var page = await context.NewPageAsync();
            var name = scheme == ColorScheme.Dark ? "dark" : "light";
            await page.GotoAsync($"{Web}/courses");
            var firstCard = page.GetByTestId("course-card").First;
            await Assertions.Expect(firstCard).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // The long filter list is not in the page flow; a Filters button is, and the first course is on the first screen.
            await Assertions.Expect(page.GetByTestId("catalog-filters")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("catalog-filters-button")).ToBeVisibleAsync();
            await Assertions.Expect(firstCard).ToBeInViewportAsync();
            // Nothing is wider than the phone.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                "the catalog scrolls sideways at 390 px");
            if (scheme == ColorScheme.Dark)
            {
                await DarkThemeAsync(page);
            }
            await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath($"catalog-390-{name}") });

            // The drawer: a modal dialog with the filters; a filter applies at once and the drawer stays for more.
            var drawer = page.GetByRole(AriaRole.Dialog, new() { Name = "Filters" });
            await page.RetryUntilInteractiveAsync(async () =>
            {
                await page.GetByTestId("catalog-filters-button").ClickAsync();
                return await drawer.AppearsAsync();
            });
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close filters" })).ToBeFocusedAsync();
            await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath($"catalog-390-filters-{name}") });
            await drawer.GetByRole(AriaRole.Link, new() { Name = "Free" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("price=free"));
            await Assertions.Expect(page.GetByTestId("catalog-filters-button")).ToContainTextAsync("Filters (1)");
            await drawer.GetByTestId("catalog-filters-done").ClickAsync();
            await Assertions.Expect(drawer).ToBeHiddenAsync();

            // Escape closes it too.
            await page.GetByTestId("catalog-filters-button").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close filters" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(drawer).ToBeHiddenAsync();
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_visitor_opens_a_free_preview_lesson_and_no_other()
    {
        var word = UniqueWord();
        var course = Course($"Watercolour {word}", c =>
        {
            c.RatingAverage = 0;
            c.RatingCount = 0;
            c.EnrollmentCount = 0;
            c.Description = "## What this course is\n\nA gentle start with paint.\n\n- Mixing colours\n- Washes and glazes\n\n### Who it is for\n\nAnyone with a brush.";
            c.Modules =
            [
                new CourseModule
                {
                    Title = "First strokes", Position = 0,
                    Lessons =
                    [
                        new Lesson { Title = "Your first wash", Position = 0, Type = LessonType.Text, DurationSeconds = 420, IsFreePreview = true, TextMarkdown = "## Wet on wet\n\nWet the paper first.\n\n1. Wet\n2. Paint" },
                        new Lesson { Title = "Glazing layers", Position = 1, Type = LessonType.Text, TextMarkdown = "Paid." },
                    ],
                },
            ];
        });
        await system.SaveAsync(course);
        var preview = course.Modules[0].Lessons[0];
        var paid = course.Modules[0].Lessons[1];

        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{Web}/courses/{course.Slug}");
        await Assertions.Expect(page.GetByTestId("course-title")).ToHaveTextAsync(course.Title, new() { Timeout = 30_000 });
        // Singular counts, no invented rating, no invented duration for the lesson that has none.
        await Assertions.Expect(page.GetByTestId("course-content-summary")).ToHaveTextAsync("1 section · 2 lessons · 7 min total");
        await Assertions.Expect(page.GetByTestId("course-rating")).ToHaveTextAsync("No ratings yet");
        await Assertions.Expect(page.GetByTestId("course-outline")).Not.ToContainTextAsync("1 min");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("course-page-markdown"), FullPage = true });

        // The Markdown heading is smaller than the page's own section heading.
        var contentHeading = await page.Locator(".course-description h2").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        var pageHeading = await page.GetByRole(AriaRole.Heading, new() { Name = "Description", Exact = true }).EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(contentHeading < pageHeading, $"content heading {contentHeading}px, page heading {pageHeading}px");
        // List bullets stay inside the text column.
        var listInset = await page.Locator(".course-description ul").EvaluateAsync<double>(
            "e => e.querySelector('li').getBoundingClientRect().left - e.closest('.course-description').getBoundingClientRect().left");
        Assert.True(listInset > 0, $"list items start {listInset}px from the description's edge");

        // Only the free preview is a link.
        var outline = page.GetByTestId("course-outline");
        await Assertions.Expect(outline.GetByRole(AriaRole.Link, new() { Name = "Glazing layers" })).ToHaveCountAsync(0);
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await outline.GetByRole(AriaRole.Link, new() { Name = "Your first wash", Exact = true }).ClickAsync();
            return await page.GetByTestId("preview-title").AppearsAsync(5_000);
        });
        Assert.EndsWith($"/courses/{course.Slug}/preview/{preview.Id}", page.Url);
        await Assertions.Expect(page.GetByTestId("preview-title")).ToHaveTextAsync("Your first wash");
        await Assertions.Expect(page.GetByTestId("preview-text")).ToContainTextAsync("Wet the paper first.");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("lesson-preview"), FullPage = true });

        // The paid lesson's address is not a preview.
        await page.GotoAsync($"{Web}/courses/{course.Slug}/preview/{paid.Id}");
        await Assertions.Expect(page.GetByTestId("preview-missing")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Paid.")).ToHaveCountAsync(0);

        // The same pages on a phone, in dark mode.
        var phone = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, ColorScheme = ColorScheme.Dark });
        await phone.GotoAsync($"{Web}/courses/{course.Slug}");
        await Assertions.Expect(phone.GetByTestId("course-title")).ToHaveTextAsync(course.Title, new() { Timeout = 30_000 });
        await DarkThemeAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("course-page-390-dark"), FullPage = true });
        await phone.GotoAsync($"{Web}/courses/{course.Slug}/preview/{preview.Id}");
        await Assertions.Expect(phone.GetByTestId("preview-title")).ToHaveTextAsync("Your first wash", new() { Timeout = 30_000 });
        await DarkThemeAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("lesson-preview-390-dark"), FullPage = true });
    }
}
