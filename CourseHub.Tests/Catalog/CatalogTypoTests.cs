using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

/// <summary>Typo tolerance and autocomplete against the running Api: transpositions, short words, "did you mean", title words only.</summary>
[Collection(SystemCollection.Name)]
public sealed class CatalogTypoTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private string Api => system.Project("api").Url;

    private async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync($"{Api}{pathAndQuery}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Titles(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    private static List<string> SuggestedTitles(JsonElement suggestions) =>
        suggestions.EnumerateArray().Select(s => s.GetProperty("title").GetString()!).ToList();

    /// <summary>The word with the two letters at <paramref name="index"/> swapped (they differ: UniqueWord alternates consonants and vowels).</summary>
    private static string Transposed(string word, int index) =>
        string.Concat(word[..index], word[index + 1].ToString(), word[index].ToString(), word[(index + 2)..]);

    [Fact]
    public async Task Transposed_letters_are_corrected_and_the_answer_says_what_it_corrected()
    {
        var word = UniqueWord(8);
        await system.SaveAsync(Course($"Practical {word} workshop"));
        var typo = Transposed(word, 4);
        Assert.NotEqual(word, typo);

        var result = await GetAsync($"/api/courses?q={typo}");
        Assert.Equal([$"Practical {word} workshop"], Titles(result));
        Assert.True(result.GetProperty("fuzzy").GetBoolean());
        Assert.Equal(word, result.GetProperty("correctedQuery").GetString());

        // "Search instead for": exact=true searches the words as typed.
        var exact = await GetAsync($"/api/courses?q={typo}&exact=true");
        Assert.Equal(0, exact.GetProperty("total").GetInt32());
        Assert.False(exact.GetProperty("fuzzy").GetBoolean());

        // Autocomplete corrects it too, as a complete word and as a beginning still being typed.
        Assert.Contains($"Practical {word} workshop", SuggestedTitles(await GetAsync($"/api/courses/suggest?q={typo}")));
        Assert.Contains($"Practical {word} workshop", SuggestedTitles(await GetAsync($"/api/courses/suggest?q={Transposed(word, 4)[..6]}")));
    }

    [Fact]
    public async Task A_short_word_with_one_typo_is_corrected()
    {
        // Four letters: trigram similarity alone cannot tell a transposition of a short word from noise.
        var word = UniqueWord(4);
        await system.SaveAsync(Course($"Tiny {word} primer"));
        var typo = Transposed(word, 2);

        var result = await GetAsync($"/api/courses?q={typo}");
        Assert.Contains($"Tiny {word} primer", Titles(result));
        Assert.Equal(word, result.GetProperty("correctedQuery").GetString());
    }

    [Fact]
    public async Task A_word_that_finds_a_course_is_never_corrected_even_when_a_title_word_is_one_edit_away()
    {
        var word = UniqueWord(10);
        var neighbour = word[..9] + (word[9] == 'x' ? 'b' : 'x');
        await system.SaveAsync(
            Course($"All about {word}"),
            Course("A course with a quiet description", c => c.Description = $"Mentions {neighbour} once."));

        var result = await GetAsync($"/api/courses?q={neighbour}");
        Assert.Equal(["A course with a quiet description"], Titles(result));
        Assert.False(result.GetProperty("fuzzy").GetBoolean());
        Assert.False(result.TryGetProperty("correctedQuery", out var corrected) && corrected.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Suggestions_match_title_words_with_titles_that_begin_with_the_typed_text_first()
    {
        var word = UniqueWord();
        // Popularity runs against the expected order, so the order shows the matching rule, not enrollment counts.
        await system.SaveAsync(
            Course($"{word} design basics", c => c.EnrollmentCount = 1),
            Course($"Intro: {word} designers", c => c.EnrollmentCount = 10),
            Course($"Design for {word}", c => c.EnrollmentCount = 100),
            Course($"Redesign {word}", c => c.EnrollmentCount = 1000), // "des" is not the start of a word here
            Course($"{word} in practice", c => { c.Description = "All about design."; c.EnrollmentCount = 10_000; })); // only the description says design

        var suggestions = SuggestedTitles(await GetAsync($"/api/courses/suggest?q={word} des"));
        Assert.Equal([$"{word} design basics", $"Intro: {word} designers", $"Design for {word}"], suggestions);
    }

    [Fact]
    public async Task Exact_must_be_true_or_false()
    {
        using var response = await Http.GetAsync($"{Api}/api/courses?q=python&exact=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("exact", out _));
    }
}
