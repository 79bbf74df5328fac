using System.Collections.Concurrent;
using CourseHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CourseHub.Tests.Browser;

/// <summary>The Api's OpenAPI document and its Scalar reference page, as a developer meets them.</summary>
[Collection(SystemCollection.Name)]
public sealed class ApiReferenceTests(SystemFixture system)
{
    /// <summary>A short name reads as a list in the reference's sidebar; a sentence belongs in the description.</summary>
    private const int MostWordsInASummary = 6;

    [Fact]
    public async Task Every_operation_has_a_short_name_and_long_text_only_as_its_description()
    {
        var document = await ApiDocument.ReadAsync(system);
        Assert.NotEmpty(document.Operations);
        var problems = new List<string>();
        foreach (var operation in document.Operations)
        {
            var summary = operation.Body.TryGetProperty("summary", out var value) ? value.GetString() : null;
            if (string.IsNullOrWhiteSpace(summary))
            {
                problems.Add($"{operation}: no summary");
                continue;
            }
            var words = summary.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words > MostWordsInASummary)
            {
                problems.Add($"{operation}: \"{summary}\" has {words} words");
            }
            if (summary.TrimEnd().EndsWith('.'))
            {
                problems.Add($"{operation}: \"{summary}\" is a sentence");
            }
            if (operation.Body.TryGetProperty("description", out var description) && description.GetString() == summary)
            {
                problems.Add($"{operation}: the description repeats the summary");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_scalar_page_is_self_contained_and_shows_no_vendor_offers()
    {
        await using var launched = await Browsers.LaunchAsync();
        var page = await launched.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var api = new Uri(system.Project("api").Url);
        var requested = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);

        await page.GotoAsync($"{api}scalar");
        // Rendered from the Api's own document: its title, and the first group's operations by their short names.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CourseHub API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Platform status details", new() { Exact = true }).First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("api-reference") });

        // Nothing from another host: no CDN fonts or scripts, no telemetry (the page works offline and tells no one about the visit).
        var elsewhere = requested.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal))
            .Where(url => new Uri(url).Authority != api.Authority).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, "requested from other hosts: " + string.Join(", ", elsewhere));
        Assert.Contains(requested, url => url.Contains("/openapi/v1.json", StringComparison.Ordinal));

        // The vendor's own offers are not ours to make, nor links that hand the visitor (and the document's address) to its site.
        await Assertions.Expect(page.Locator("a[href*='scalar.com']").Filter(new() { Visible = true })).ToHaveCountAsync(0);
        foreach (var offer in new[] { "Ask AI", "Generate SDK", "Deploy" })
        {
            await Assertions.Expect(page.GetByText(offer, new() { Exact = true })).ToHaveCountAsync(0);
        }
    }
}
