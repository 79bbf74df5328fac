using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

[Collection(SystemCollection.Name)]
public sealed class CatalogSearchTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private string Api => system.Project("api").Url;

    private async Task<JsonElement> SearchAsync(string query)
    {
        using var response = await Http.GetAsync($"{Api}/api/courses?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Titles(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Categories_are_seeded_in_display_order()
    {
        var categories = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/categories");
        var slugs = categories.EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.Equal(CategorySeed.All.Select(c => c.Slug), slugs);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_description_match()
    {
        var word = UniqueWord();
        await system.SaveAsync(
            Course("In the description only", c => { c.Description = $"We mention {word} once here."; c.EnrollmentCount = 9000; }),
            Course($"Learning {word} properly", c => c.EnrollmentCount = 1),
            Course($"Subtitle course", c => { c.Subtitle = $"All about {word}"; c.EnrollmentCount = 5000; }));

        var result = await SearchAsync($"q={word}");
        Assert.Equal([$"Learning {word} properly", "Subtitle course", "In the description only"], Titles(result));
        Assert.Equal(3, result.GetProperty("total").GetInt32());
        Assert.False(result.GetProperty("fuzzy").GetBoolean());
    }

    [Fact]
    public async Task Teacher_name_and_learning_outcomes_are_searchable()
    {
        var teacher = UniqueWord();
        var outcome = UniqueWord();
        await system.SaveAsync(
            Course("By a distinctive teacher", c => c.TeacherName = $"Maria {teacher}"),
            Course("With a distinctive outcome", c => c.LearningOutcomes = [$"Master {outcome} today"]));
        Assert.Equal(["By a distinctive teacher"], Titles(await SearchAsync($"q={teacher}")));
        Assert.Equal(["With a distinctive outcome"], Titles(await SearchAsync($"q={outcome}")));
    }

    [Fact]
    public async Task Each_filter_narrows_the_results()
    {
        var word = UniqueWord();
        await system.SaveAsync(
            Course($"{word} free design", c => { c.PriceMinor = 0; c.CategoryId = CategoryId("design"); c.Level = CourseLevel.Beginner; c.RatingAverage = 3.5m; }),
            Course($"{word} cheap music", c => { c.PriceMinor = 999; c.CategoryId = CategoryId("music"); c.Level = CourseLevel.Intermediate; c.RatingAverage = 4.2m; c.Language = "de"; }),
            Course($"{word} pricey music", c => { c.PriceMinor = 8999; c.CategoryId = CategoryId("music"); c.Level = CourseLevel.Advanced; c.RatingAverage = 4.8m; }),
            Course($"{word} draft", c => c.Status = CourseStatus.Draft));

        Assert.Equal(3, (await SearchAsync($"q={word}")).GetProperty("total").GetInt32());
        Assert.Equal([$"{word} free design"], Titles(await SearchAsync($"q={word}&category=design")));
        Assert.Equal([$"{word} free design"], Titles(await SearchAsync($"q={word}&price=free")));
        Assert.Equal(2, (await SearchAsync($"q={word}&price=paid")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await SearchAsync($"q={word}&minRating=4")).GetProperty("total").GetInt32());
        Assert.Equal([$"{word} pricey music"], Titles(await SearchAsync($"q={word}&minRating=4.5")));
        Assert.Equal([$"{word} cheap music"], Titles(await SearchAsync($"q={word}&level=intermediate")));
        Assert.Equal([$"{word} cheap music"], Titles(await SearchAsync($"q={word}&language=DE")));
        Assert.Equal([$"{word} cheap music"], Titles(await SearchAsync($"q={word}&minPrice=500&maxPrice=5000")));
        Assert.Equal([$"{word} pricey music"], Titles(await SearchAsync($"q={word}&category=music&minPrice=1000")));
        Assert.Empty(Titles(await SearchAsync($"q={word}&category=business")));
    }

    [Fact]
    public async Task Each_sort_orders_the_results()
    {
        var word = UniqueWord();
        var now = DateTimeOffset.UtcNow;
        await system.SaveAsync(
            Course($"{word} A", c => { c.EnrollmentCount = 300; c.RatingAverage = 3.0m; c.PriceMinor = 500; c.PublishedAt = now.AddDays(-3); }),
            Course($"{word} B", c => { c.EnrollmentCount = 100; c.RatingAverage = 5.0m; c.PriceMinor = 9000; c.PublishedAt = now.AddDays(-1); }),
            Course($"{word} C", c => { c.EnrollmentCount = 200; c.RatingAverage = 4.0m; c.PriceMinor = 0; c.PublishedAt = now.AddDays(-2); }));

        Assert.Equal([$"{word} A", $"{word} C", $"{word} B"], Titles(await SearchAsync($"q={word}&sort=popular")));
        Assert.Equal([$"{word} B", $"{word} C", $"{word} A"], Titles(await SearchAsync($"q={word}&sort=rating")));
        Assert.Equal([$"{word} B", $"{word} C", $"{word} A"], Titles(await SearchAsync($"q={word}&sort=newest")));
        Assert.Equal([$"{word} C", $"{word} A", $"{word} B"], Titles(await SearchAsync($"q={word}&sort=price_asc")));
        Assert.Equal([$"{word} B", $"{word} A", $"{word} C"], Titles(await SearchAsync($"q={word}&sort=price_desc")));
    }

    [Fact]
    public async Task Facet_counts_respect_the_other_filters_but_not_their_own()
    {
        var word = UniqueWord();
        await system.SaveAsync(
            Course($"{word} 1", c => { c.CategoryId = CategoryId("design"); c.Level = CourseLevel.Beginner; c.PriceMinor = 0; }),
            Course($"{word} 2", c => { c.CategoryId = CategoryId("design"); c.Level = CourseLevel.Advanced; c.PriceMinor = 1000; }),
            Course($"{word} 3", c => { c.CategoryId = CategoryId("music"); c.Level = CourseLevel.Beginner; c.PriceMinor = 2000; }),
            Course($"{word} 4", c => { c.CategoryId = CategoryId("music"); c.Level = CourseLevel.Beginner; c.PriceMinor = 0; }),
            Course($"{word} 5", c => { c.CategoryId = CategoryId("business"); c.Level = CourseLevel.Intermediate; c.PriceMinor = 3000; }));

        var result = await SearchAsync($"q={word}&category=music&level=beginner");
        Assert.Equal(2, result.GetProperty("total").GetInt32());
        var facets = result.GetProperty("facets");
        // Category facet: level=beginner applies, category does not → design 1, music 2.
        var categories = facets.GetProperty("category").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["design"] = 1, ["music"] = 2 }, categories);
        // Level facet: category=music applies, level does not → beginner 2, others 0.
        var levels = facets.GetProperty("level").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["beginner"] = 2, ["intermediate"] = 0, ["advanced"] = 0, ["all"] = 0 }, levels);
        // Price facet: both other filters apply → music beginner: one free, one paid.
        Assert.Equal(1, facets.GetProperty("price").GetProperty("free").GetInt32());
        Assert.Equal(1, facets.GetProperty("price").GetProperty("paid").GetInt32());

        var free = await SearchAsync($"q={word}&price=free");
        Assert.Equal(2, free.GetProperty("total").GetInt32());
        Assert.Equal(2, free.GetProperty("facets").GetProperty("price").GetProperty("free").GetInt32());
        Assert.Equal(3, free.GetProperty("facets").GetProperty("price").GetProperty("paid").GetInt32());
    }

    [Fact]
    public async Task Paging_is_stable_and_complete_even_with_ties()
    {
        var word = UniqueWord();
        // Identical sort keys everywhere: only the tie-breaker keeps pages disjoint.
        var now = DateTimeOffset.UtcNow;
        await system.SaveAsync([.. Enumerable.Range(0, 7).Select(i => Course($"{word} tie", c => c.PublishedAt = now))]);

        foreach (var sort in new[] { "relevance", "popular", "rating", "newest", "price_asc" })
        {
            var seen = new List<string>();
            for (var page = 1; page <= 3; page++)
            {
                var result = await SearchAsync($"q={word}&sort={sort}&page={page}&pageSize=3");
                Assert.Equal(7, result.GetProperty("total").GetInt32());
                Assert.Equal(page, result.GetProperty("page").GetInt32());
                Assert.Equal(3, result.GetProperty("pageSize").GetInt32());
                seen.AddRange(result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            }
            Assert.Equal(7, seen.Count);
            Assert.Equal(7, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task Web_search_syntax_supports_phrases_exclusion_and_or()
    {
        var a = UniqueWord();
        var b = UniqueWord();
        var c = UniqueWord();
        await system.SaveAsync(
            Course($"{a} {b} together"),
            Course($"{b} then {a} apart"),
            Course($"{a} with {c}"));

        Assert.Equal([$"{a} {b} together"], Titles(await SearchAsync($"q=%22{a} {b}%22")));
        Assert.Equal(2, (await SearchAsync($"q={a} {b}")).GetProperty("total").GetInt32());
        Assert.Equal([$"{a} with {c}"], Titles(await SearchAsync($"q={a} -{b}")));
        Assert.Equal(3, (await SearchAsync($"q={c} or {b}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_typo_still_finds_the_course()
    {
        var word = UniqueWord(16);
        await system.SaveAsync(Course($"Mastering {word} gardens"));
        var typo = word[..8] + (word[8] == 'x' ? 'b' : 'x') + word[9..];

        var result = await SearchAsync($"q={typo}");
        Assert.Equal([$"Mastering {word} gardens"], Titles(result));
        Assert.True(result.GetProperty("fuzzy").GetBoolean());
        Assert.Equal(word, result.GetProperty("correctedQuery").GetString());

        // The correction keeps the web-search syntax: an excluded word still excludes.
        var excluded = await SearchAsync($"q={typo} -gardens");
        Assert.Equal(0, excluded.GetProperty("total").GetInt32());

        var suggestions = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/courses/suggest?q={typo}");
        Assert.Contains(suggestions.EnumerateArray(), s => s.GetProperty("title").GetString() == $"Mastering {word} gardens");
    }

    [Fact]
    public async Task Autocomplete_completes_a_prefix_and_ignores_drafts()
    {
        var word = UniqueWord();
        await system.SaveAsync(
            Course($"Intro to {word} cooking"),
            Course($"Secret {word} draft", c => c.Status = CourseStatus.Draft));
        var suggestions = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/courses/suggest?q=intro {word[..7]}");
        var titles = suggestions.EnumerateArray().Select(s => s.GetProperty("title").GetString()).ToList();
        Assert.Equal([$"Intro to {word} cooking"], titles);
        var forDraft = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/courses/suggest?q=secret%20{word}");
        Assert.DoesNotContain(forDraft.EnumerateArray(), s => s.GetProperty("title").GetString()!.Contains("draft"));
    }

    [Theory]
    [InlineData("'; DROP TABLE courses; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("' OR '1'='1")]
    [InlineData("a & b | !c :* <-> ()")]
    [InlineData("%")]
    [InlineData("\\")]
    public async Task Sql_looking_input_is_answered_safely(string q)
    {
        var result = await SearchAsync($"q={Uri.EscapeDataString(q)}");
        Assert.True(result.GetProperty("total").GetInt32() >= 0);
        using var suggest = await Http.GetAsync($"{Api}/api/courses/suggest?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
        // The table is still there and still answers.
        await using var db = system.CreateDbContext();
        Assert.True(db.Courses.Any());
    }

    [Theory]
    [InlineData("q", "REPEAT201")]
    [InlineData("pageSize", "51")]
    [InlineData("pageSize", "0")]
    [InlineData("page", "0")]
    [InlineData("page", "abc")]
    [InlineData("level", "expert")]
    [InlineData("sort", "cheapest")]
    [InlineData("price", "cheap")]
    [InlineData("minRating", "6")]
    [InlineData("minPrice", "-5")]
    [InlineData("language", "e")]
    [InlineData("category", "no such")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string field, string value)
    {
        if (value == "REPEAT201")
        {
            value = new string('a', 201);
        }
        using var response = await Http.GetAsync($"{Api}/api/courses?{field}={Uri.EscapeDataString(value)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_overlong_autocomplete_query_is_a_400_naming_q()
    {
        using var response = await Http.GetAsync($"{Api}/api/courses/suggest?q={new string('x', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Drafts_in_review_and_removed_courses_are_never_in_the_catalog()
    {
        var word = UniqueWord();
        var courses = await system.SaveAsync(
            Course($"{word} draft", c => c.Status = CourseStatus.Draft),
            Course($"{word} review", c => c.Status = CourseStatus.InReview),
            Course($"{word} removed", c => c.Status = CourseStatus.Removed));

        Assert.Equal(0, (await SearchAsync($"q={word}")).GetProperty("total").GetInt32());
        foreach (var course in courses)
        {
            using var page = await Http.GetAsync($"{Api}/api/courses/{course.Slug}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal("application/problem+json", page.Content.Headers.ContentType?.MediaType);
        }
    }
}
