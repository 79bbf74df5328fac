using CourseHub.Api.Features.Teaching.Quizzes;
using CourseHub.Contracts.Quizzes;
using CourseHub.Domain.Catalog;

namespace CourseHub.Tests.Unit;

public sealed class QuizValidatorTests
{
    private static QuizOptionRequest Option(string? text, bool correct = false) => new(null, text, correct);

    private static QuizQuestionRequest Single(params QuizOptionRequest[] options) => new(null, "singleChoice", "Pick one", 1, null, options);

    private static QuizQuestionRequest Multiple(params QuizOptionRequest[] options) => new(null, "multipleChoice", "Pick some", 1, null, options);

    private static QuizQuestionRequest FillIn(params string?[] answers) => new(null, "fillIn", "Type it", 1, answers, null);

    private static Dictionary<string, List<string>> Errors(params QuizQuestionRequest?[] questions)
    {
        QuizValidator.TryValidate(new QuizRequest(questions), out _, out var errors);
        return errors.ByField;
    }

    [Fact]
    public void A_valid_quiz_of_all_kinds_is_trimmed_and_parsed()
    {
        var ok = QuizValidator.TryValidate(new QuizRequest(
        [
            new QuizQuestionRequest(null, "SINGLECHOICE", "  Capital?  ", 4, null, [Option(" Paris ", true), Option("Lyon")]),
            Multiple(Option("a", true), Option("b", true)),
            new QuizQuestionRequest(null, "fillin", "Author?", null, [" Hugo "], []),
        ]), out var quiz, out var errors);
        var questions = quiz.Questions;

        Assert.True(ok, string.Join("; ", errors.ByField.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal([QuizQuestionKind.SingleChoice, QuizQuestionKind.MultipleChoice, QuizQuestionKind.FillIn], questions.Select(q => q.Kind));
        Assert.Equal(("Capital?", 4, "Paris"), (questions[0].Prompt, questions[0].Points, questions[0].Options[0].Text));
        Assert.Equal(1, questions[2].Points);
        Assert.Equal(["Hugo"], questions[2].AcceptedAnswers);
    }

    [Fact]
    public void No_questions_or_too_many_is_an_error_on_questions()
    {
        Assert.Contains("questions", Errors().Keys);
        Assert.Contains("questions", Errors(Enumerable.Repeat(FillIn("x"), 101).ToArray()).Keys);
        Assert.Empty(Errors(Enumerable.Repeat(FillIn("x"), 100).ToArray()));
    }

    [Fact]
    public void Each_error_is_keyed_by_the_json_path_of_its_question_and_field()
    {
        var errors = Errors(
            new QuizQuestionRequest(null, "singleChoice", " ", 1, null, [Option("a", true), Option("b")]),
            Single(Option("a"), Option("b")),
            FillIn(),
            new QuizQuestionRequest(null, "fillIn", "Points?", 0, ["x"], null),
            new QuizQuestionRequest(null, "essay", "Kind?", 1, null, null),
            Single(Option("a", true), Option(" ")),
            null);

        Assert.Equal(
            ["questions[0].prompt", "questions[1].options", "questions[2].acceptedAnswers", "questions[3].points", "questions[4].kind",
                "questions[5].options[1].text", "questions[6]"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(1, 1, true)]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, true)]
    [InlineData(10, 1, false)]
    [InlineData(11, 1, true)]
    public void Single_choice_needs_2_to_10_options_and_exactly_one_correct(int options, int correct, bool invalid)
    {
        var question = Single(Enumerable.Range(0, options).Select(i => Option($"option {i}", i < correct)).ToArray());
        Assert.Equal(invalid, Errors(question).ContainsKey("questions[0].options"));
    }

    [Fact]
    public void Multiple_choice_needs_at_least_one_correct_option()
    {
        Assert.Contains("questions[0].options", Errors(Multiple(Option("a"), Option("b"))).Keys);
        Assert.Empty(Errors(Multiple(Option("a", true), Option("b", true), Option("c"))));
    }

    [Fact]
    public void Option_texts_are_unique_within_a_question_as_a_student_would_read_them()
    {
        var errors = Errors(Single(Option("Paris", true), Option("  paris ")), Single(Option("Paris", true), Option("Lyon")));
        Assert.Equal(["questions[0].options[1].text"], errors.Keys);
        Assert.Contains(Errors(Single(Option("a", true), Option(new string('x', 1001)))).Keys, k => k == "questions[0].options[1].text");
    }

    [Fact]
    public void Fill_in_needs_distinct_non_empty_answers_and_no_options()
    {
        Assert.Contains("questions[0].acceptedAnswers", Errors(FillIn("Hugo", " ")).Keys);
        Assert.Contains("questions[0].acceptedAnswers", Errors(FillIn("Hugo", "HUGO ")).Keys);
        Assert.Contains("questions[0].acceptedAnswers", Errors(FillIn(Enumerable.Range(0, 21).Select(i => $"a{i}").ToArray())).Keys);
        Assert.Contains("questions[0].options", Errors(new QuizQuestionRequest(null, "fillIn", "Type", 1, ["x"], [Option("a")])).Keys);
        Assert.Contains("questions[0].acceptedAnswers",
            Errors(new QuizQuestionRequest(null, "singleChoice", "Pick", 1, ["x"], [Option("a", true), Option("b")])).Keys);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("singleChoice,fillIn")]
    [InlineData(null)]
    public void Only_the_three_kind_names_are_accepted(string? kind) =>
        Assert.Contains("questions[0].kind", Errors(new QuizQuestionRequest(null, kind, "Prompt", 1, ["x"], null)).Keys);

    [Fact]
    public void Prompt_and_points_have_limits()
    {
        Assert.Contains("questions[0].prompt", Errors(new QuizQuestionRequest(null, "fillIn", new string('p', 2001), 1, ["x"], null)).Keys);
        Assert.Empty(Errors(new QuizQuestionRequest(null, "fillIn", new string('p', 2000), 100, ["x"], null)));
        Assert.Contains("questions[0].points", Errors(new QuizQuestionRequest(null, "fillIn", "Prompt", 101, ["x"], null)).Keys);
    }
    [Fact]
    public void Partial_points_are_for_multiple_choice_only()
    {
        QuizOptionRequest[] options = [Option("a", true), Option("b")];
        Assert.Empty(Errors(new QuizQuestionRequest(null, "multipleChoice", "Pick", 2, null, options, PartialCredit: true)));
        Assert.Contains("questions[0].partialCredit", Errors(new QuizQuestionRequest(null, "singleChoice", "Pick", 2, null, options, PartialCredit: true)).Keys);
        Assert.Contains("questions[0].partialCredit", Errors(new QuizQuestionRequest(null, "fillIn", "Type", 2, ["x"], null, PartialCredit: true)).Keys);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    public void The_pass_mark_is_a_percentage_from_1_to_100_or_left_as_it_is(int? passMark, bool valid)
    {
        var ok = QuizValidator.TryValidate(new QuizRequest([FillIn("x")], passMark), out var quiz, out var errors);

        Assert.Equal(valid, ok);
        Assert.Equal(valid, !errors.ByField.ContainsKey("passMarkPercent"));
        Assert.Equal(passMark, quiz.PassMarkPercent);
    }
}
