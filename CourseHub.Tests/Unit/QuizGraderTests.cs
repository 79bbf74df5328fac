using CourseHub.Api.Features.Teaching.Quizzes;
using CourseHub.Domain.Catalog;

namespace CourseHub.Tests.Unit;

public sealed class QuizGraderTests
{
    private static readonly QuizOption Paris = Option("Paris", correct: true);
    private static readonly QuizOption Lyon = Option("Lyon");
    private static readonly QuizOption Two = Option("2", correct: true);
    private static readonly QuizOption Three = Option("3", correct: true);
    private static readonly QuizOption Four = Option("4");

    private static readonly QuizQuestion Capital = new()
    {
        Id = Guid.NewGuid(), Position = 1, Kind = QuizQuestionKind.SingleChoice, Prompt = "Capital of France?", Points = 2, Options = [Paris, Lyon],
    };
    private static readonly QuizQuestion Primes = new()
    {
        Id = Guid.NewGuid(), Position = 2, Kind = QuizQuestionKind.MultipleChoice, Prompt = "Which are prime?", Points = 3, Options = [Two, Three, Four],
    };
    private static readonly QuizQuestion Author = new()
    {
        Id = Guid.NewGuid(), Position = 3, Kind = QuizQuestionKind.FillIn, Prompt = "Who wrote Les Misérables?", Points = 5,
        AcceptedAnswers = ["Victor Hugo", "Hugo"],
    };
    private static readonly QuizQuestion[] Quiz = [Author, Capital, Primes];

    private static QuizOption Option(string text, bool correct = false) => new() { Id = Guid.NewGuid(), Text = text, IsCorrect = correct };

    private static QuizAnswer Choose(QuizQuestion question, params QuizOption[] options) => new(question.Id, options.Select(o => o.Id).ToList());

    private static QuizAnswer Type(QuizQuestion question, string text) => new(question.Id, [], text);

    [Fact]
    public void All_right_scores_every_point_and_lists_questions_in_quiz_order()
    {
        var grade = QuizGrader.Grade(Quiz, [Choose(Capital, Paris), Choose(Primes, Three, Two), Type(Author, "Victor Hugo")]);

        Assert.Equal((10, 10), (grade.Score, grade.TotalPoints));
        Assert.Equal([Capital.Id, Primes.Id, Author.Id], grade.Questions.Select(q => q.QuestionId));
        Assert.All(grade.Questions, q => Assert.True(q.Correct));
        Assert.Equal([2, 3, 5], grade.Questions.Select(q => q.PointsAwarded));
    }

    [Fact]
    public void Unanswered_questions_score_nothing_and_answers_to_unknown_questions_are_ignored()
    {
        var grade = QuizGrader.Grade(Quiz, [Choose(Capital, Paris), new QuizAnswer(Guid.NewGuid(), [Paris.Id])]);

        Assert.Equal((2, 10), (grade.Score, grade.TotalPoints));
        Assert.Equal([true, false, false], grade.Questions.Select(q => q.Correct));
    }

    [Fact]
    public void Single_choice_needs_exactly_the_correct_option()
    {
        Assert.True(QuizGrader.IsCorrect(Capital, Choose(Capital, Paris)));
        Assert.False(QuizGrader.IsCorrect(Capital, Choose(Capital, Lyon)));
        Assert.False(QuizGrader.IsCorrect(Capital, Choose(Capital, Paris, Lyon)));
        Assert.False(QuizGrader.IsCorrect(Capital, Choose(Capital)));
        Assert.False(QuizGrader.IsCorrect(Capital, Choose(Capital, Two)));
    }

    [Fact]
    public void Multiple_choice_is_all_or_nothing()
    {
        Assert.True(QuizGrader.IsCorrect(Primes, Choose(Primes, Two, Three)));
        Assert.False(QuizGrader.IsCorrect(Primes, Choose(Primes, Two)));
        Assert.False(QuizGrader.IsCorrect(Primes, Choose(Primes, Two, Three, Four)));
        Assert.False(QuizGrader.IsCorrect(Primes, Choose(Primes)));

        var partly = QuizGrader.Grade([Primes], [Choose(Primes, Two)]);
        Assert.Equal(0, partly.Score);
    }

    [Theory]
    [InlineData("Victor Hugo", true)]
    [InlineData("  victor   HUGO \t", true)]
    [InlineData("Victor\nHugo", true)]
    [InlineData("hugo", true)]
    [InlineData("VictorHugo", false)]
    [InlineData("Victor Hugo.", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void Fill_in_compares_trimmed_case_insensitive_with_collapsed_whitespace(string typed, bool expected) =>
        Assert.Equal(expected, QuizGrader.IsCorrect(Author, Type(Author, typed)));

    [Fact]
    public void Fill_in_matches_accents_however_they_were_typed()
    {
        var question = new QuizQuestion { Id = Guid.NewGuid(), Kind = QuizQuestionKind.FillIn, Prompt = "Coffee?", AcceptedAnswers = ["caf\u00e9"] };

        Assert.True(QuizGrader.IsCorrect(question, Type(question, "CAFE\u0301")));
        Assert.False(QuizGrader.IsCorrect(question, Type(question, "cafe")));
    }

    [Fact]
    public void A_fill_in_without_text_is_wrong() =>
        Assert.False(QuizGrader.IsCorrect(Author, new QuizAnswer(Author.Id, [])));

    [Fact]
    public void Text_is_normalized_without_changing_case()
    {
        Assert.Equal("Victor Hugo", QuizGrader.NormalizeText("  Victor \t\n Hugo  "));
        Assert.Equal("", QuizGrader.NormalizeText(" \t "));
    }
    [Theory]
    // Four options, three correct, six points: each correct tick is worth two points, each wrong tick takes two back.
    [InlineData(new[] { 0, 1, 2 }, 6, true)]
    [InlineData(new[] { 0, 1 }, 4, false)]
    [InlineData(new[] { 0 }, 2, false)]
    [InlineData(new[] { 0, 1, 3 }, 2, false)]
    [InlineData(new[] { 0, 3 }, 0, false)]
    [InlineData(new[] { 0, 1, 2, 3 }, 4, false)]
    [InlineData(new[] { 3 }, 0, false)]
    [InlineData(new int[0], 0, false)]
    public void Multiple_choice_with_partial_points_pays_a_share_per_right_tick_less_wrong_ones(int[] ticked, int points, bool correct)
    {
        QuizOption[] options = [Option("Red", correct: true), Option("Green", correct: true), Option("Blue", correct: true), Option("Loud")];
        var colours = new QuizQuestion
        {
            Id = Guid.NewGuid(), Kind = QuizQuestionKind.MultipleChoice, Prompt = "Which are colours?", Points = 6, PartialCredit = true, Options = [.. options],
        };

        var grade = QuizGrader.Grade([colours], [Choose(colours, ticked.Select(i => options[i]).ToArray())]).Questions.Single();

        Assert.Equal((points, correct), (grade.PointsAwarded, grade.Correct));
    }

    [Fact]
    public void Partial_points_round_down_and_all_or_nothing_stays_the_default()
    {
        var partial = new QuizQuestion
        {
            Id = Guid.NewGuid(), Kind = QuizQuestionKind.MultipleChoice, Prompt = "Which are prime?", Points = 1, PartialCredit = true,
            Options = [Two, Three, Four],
        };

        // Half of one point is no point; the same answer to the all-or-nothing question is no point either.
        Assert.Equal(0, QuizGrader.Grade([partial], [Choose(partial, Two)]).Score);
        Assert.Equal(0, QuizGrader.Grade([Primes], [Choose(Primes, Two)]).Score);
        Assert.Equal(1, QuizGrader.Grade([partial], [Choose(partial, Two, Three)]).Score);
        // Partial points apply to multiple choice only, even if the flag were set on another kind.
        var single = new QuizQuestion
        {
            Id = Guid.NewGuid(), Kind = QuizQuestionKind.SingleChoice, Prompt = "Capital?", Points = 2, PartialCredit = true, Options = [Paris, Lyon],
        };
        Assert.Equal(0, QuizGrader.Grade([single], [Choose(single, Paris, Lyon)]).Score);
    }
}
