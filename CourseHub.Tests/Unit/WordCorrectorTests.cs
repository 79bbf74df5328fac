using CourseHub.Api.Features.Catalog;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Tests.Unit;

/// <summary>Typo correction of catalog searches: edit distance with transpositions, short words, no false corrections.</summary>
public sealed class WordCorrectorTests
{
    // A vocabulary like the demo catalog's title words.
    private static readonly string[] Vocabulary =
    [
        "python", "docker", "kubernetes", "design", "data", "engineering", "pipelines", "react", "rust", "sql", "azure",
        "net", "microservices", "photography", "piano", "spanish", "machine", "learning", "marketing", "typescript", "git",
        "postgresql", "excel", "go", "ux", "deep", "guitar", "yoga", "systems", "pytorch",
    ];

    [Theory]
    [InlineData("pyhton", "python")] // transposition (h/t): one edit, though it shares only 3 of 11 trigrams
    [InlineData("dokcer", "docker")] // transposition (k/c)
    [InlineData("desgin", "design")] // transposition (g/i)
    [InlineData("sqk", "sql")] // a three-letter word, one substitution
    [InlineData("rsut", "rust")] // a four-letter word, one transposition
    [InlineData("pyton", "python")] // a missing letter
    [InlineData("dockker", "docker")] // an extra letter
    [InlineData("kubernetis", "kubernetes")] // a substitution in a long word
    [InlineData("kuberentis", "kubernetes")] // a long word carries two edits (transposition + substitution)
    [InlineData("PYHTON", "python")] // case does not matter
    public void A_one_edit_typo_is_corrected(string typo, string expected) =>
        Assert.Equal(expected, WordCorrector.Best(typo, Vocabulary));

    [Theory]
    [InlineData("python")]
    [InlineData("docker")]
    [InlineData("sql")]
    [InlineData("go")]
    public void A_word_of_the_vocabulary_is_never_corrected(string word) =>
        Assert.Null(WordCorrector.Best(word, Vocabulary));

    [Theory]
    [InlineData("gi")] // two letters: too many words are one edit away
    [InlineData("ux")]
    [InlineData("xq")]
    [InlineData("cooking")] // a real word with no close title word
    [InlineData("pottery")]
    [InlineData("pyhtno")] // two edits in a six-letter word are too many
    [InlineData("zzz")]
    public void A_word_too_far_from_every_title_word_or_too_short_is_left_alone(string word) =>
        Assert.Null(WordCorrector.Best(word, Vocabulary));

    [Fact]
    public void The_closest_word_wins()
    {
        // "datta" is one edit from "data" (a deletion) and two from "date"; "raect" one from "react", two from "reach".
        Assert.Equal("data", WordCorrector.Best("datta", ["date", "data"]));
        Assert.Equal("react", WordCorrector.Best("raect", ["reach", "exact", "react"]));
    }

    [Theory]
    [InlineData("pyht", "python")] // a typo in a beginning still being typed
    [InlineData("dokc", "docker")]
    [InlineData("kuberen", "kubernetes")]
    public void A_misspelt_beginning_is_completed_to_the_closest_word(string prefix, string expected) =>
        Assert.Equal(expected, WordCorrector.BestPrefix(prefix, Vocabulary));

    [Theory]
    [InlineData("pyt")] // python and pytorch both start with it: nothing to correct
    [InlineData("des")]
    [InlineData("k")]
    public void A_beginning_of_a_vocabulary_word_is_not_corrected(string prefix) =>
        Assert.Null(WordCorrector.BestPrefix(prefix, Vocabulary));

    [Theory]
    [InlineData("python", "pyhton", 1)] // a transposition is one edit (Levenshtein would say two)
    [InlineData("ca", "abc", 3)] // optimal string alignment: no edit of a transposed pair (true Damerau says 2)
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edit_distance_counts_a_transposition_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, WordCorrector.EditDistance(a, b));
        Assert.Equal(expected, WordCorrector.EditDistance(b, a));
    }

    [Fact]
    public void Edit_distance_stops_early_above_the_ceiling() =>
        Assert.Equal(2, WordCorrector.EditDistance("photography", "typescript", ceiling: 1));

    [Fact]
    public void Trigram_similarity_is_what_pg_trgm_computes()
    {
        // pg_trgm: similarity('python', 'pyhton') = 0.27272728 (3 shared of 11), similarity('word', 'word') = 1.
        Assert.Equal(3.0 / 11, WordCorrector.TrigramSimilarity("python", "pyhton"), 6);
        Assert.Equal(1.0, WordCorrector.TrigramSimilarity("word", "word"), 6);
        Assert.Equal(0.0, WordCorrector.TrigramSimilarity("abc", "xyz"), 6);
    }
}

/// <summary>Counts, durations and ratings read the same on every catalog and studio page.</summary>
public sealed class WordingTests
{
    [Theory]
    [InlineData(0, "0 lessons")]
    [InlineData(1, "1 lesson")]
    [InlineData(2, "2 lessons")]
    [InlineData(1200, "1,200 lessons")]
    public void Counts_are_singular_for_one(int count, string expected) => Assert.Equal(expected, Wording.Count(count, "lesson"));

    [Theory]
    [InlineData(0, "")] // no duration given: shown nowhere, not as "1 min" here and "—" there
    [InlineData(45, "45 s")]
    [InlineData(269, "4 min")]
    [InlineData(270, "5 min")]
    [InlineData(3570, "1 h")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(7200, "2 h")]
    public void Durations_follow_one_rule(int seconds, string expected) => Assert.Equal(expected, Wording.Duration(seconds));

    [Fact]
    public void A_course_nobody_rated_says_so()
    {
        Assert.Equal("No ratings yet", Wording.Rating(0m, 0));
        Assert.Equal("4.6 (1 rating)", Wording.Rating(4.6m, 1));
        Assert.Equal("4.0 (1,234 ratings)", Wording.Rating(4m, 1234));
    }

    [Fact]
    public void Empty_facts_leave_no_dangling_separator() =>
        Assert.Equal("1 lesson · 5 min", Wording.Facts("1 lesson", Wording.Duration(0), "5 min", null));
}
