using CourseHub.Web.Features.Studio;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseHub.Contracts.Quizzes;
using CourseHub.Web.Features.Account;

namespace CourseHub.Web.Components.Pages.Teach;

/// <summary>
/// The quiz as the builder edits it. The Api is the one place the quiz rules live: the builder sends what the teacher
/// wrote and shows the Api's errors. Errors are attached to the question and option objects they are about (not to
/// indexes), so they stay next to the right field when the teacher reorders or deletes questions afterwards.
/// </summary>
public sealed partial class QuizDraft
{
    public List<QuestionDraft> Questions { get; } = [];

    /// <summary>The share of the points an attempt needs to pass, in percent (the Api's default for a new quiz is 70).</summary>
    public int PassMarkPercent { get; set; } = 70;

    /// <summary>The Api's error about the pass mark, shown beside its field.</summary>
    public string? PassMarkError { get; set; }

    /// <summary>Errors about the quiz as a whole (e.g. no questions), or ones no field explains.</summary>
    public List<string> GeneralErrors { get; } = [];

    public int TotalPoints => Questions.Sum(q => q.Points);

    public bool HasErrors => GeneralErrors.Count > 0 || PassMarkError is not null || Questions.Any(q => q.HasErrors);

    public static QuizDraft From(TeacherQuiz quiz)
    {
        var draft = new QuizDraft { PassMarkPercent = quiz.PassMarkPercent };
        draft.Questions.AddRange(quiz.Questions.OrderBy(q => q.Position).Select(q => new QuestionDraft(q.Kind)
        {
            Id = q.Id,
            Prompt = q.Prompt,
            Points = q.Points,
            PartialCredit = q.PartialCredit,
            AcceptedAnswers = [.. q.AcceptedAnswers],
            Options = q.Options.OrderBy(o => o.Position).Select(o => new OptionDraft { Id = o.Id, Text = o.Text, IsCorrect = o.IsCorrect }).ToList(),
        }));
        return draft;
    }

    /// <summary>What is sent: each question with only the collection its kind uses (and partial points only on a multiple choice).</summary>
    public QuizRequest ToRequest() => new(Questions.Select(q => new QuizQuestionRequest(q.Id, q.Kind, q.Prompt, q.Points,
        q.Kind == QuizKinds.FillIn ? q.AcceptedAnswers : [],
        q.Kind == QuizKinds.FillIn ? [] : q.Options.Select(o => new QuizOptionRequest(o.Id, o.Text, o.IsCorrect)).ToList(),
        q.Kind == QuizKinds.MultipleChoice && q.PartialCredit)).ToList(), PassMarkPercent);

    /// <summary>A fingerprint of the content, to tell whether there are unsaved changes (an undone edit is no change).</summary>
    public string Snapshot() => JsonSerializer.Serialize(ToRequest());

    public void ClearErrors()
    {
        GeneralErrors.Clear();
        PassMarkError = null;
        foreach (var question in Questions)
        {
            question.ClearErrors();
        }
    }

    /// <summary>
    /// Attaches the Api's errors (keyed by JSON path into <paramref name="sent"/>, the questions as they were when saving)
    /// to those questions and options.
    /// </summary>
    public void ShowErrors(IReadOnlyDictionary<string, string> errors, IReadOnlyList<QuestionDraft> sent)
    {
        ClearErrors();
        foreach (var (path, message) in errors)
        {
            if (string.Equals(path, "passMarkPercent", StringComparison.OrdinalIgnoreCase))
            {
                PassMarkError = message;
                continue;
            }
            var match = ErrorPath().Match(path);
            var index = match.Success ? int.Parse(match.Groups["question"].Value) : -1;
            if (index < 0 || index >= sent.Count)
            {
                GeneralErrors.Add(message);
                continue;
            }
            var question = sent[index];
            var option = match.Groups["option"].Success ? int.Parse(match.Groups["option"].Value) : -1;
            if (option >= 0 && option < question.Options.Count)
            {
                question.Options[option].Error = message;
            }
            else
            {
                // "questions[3]" alone (a missing question) is shown on the question as a whole.
                question.Errors[match.Groups["field"].Success ? match.Groups["field"].Value : ""] = message;
            }
        }
    }

    [GeneratedRegex(@"^questions\[(?<question>\d+)\](\.(?<field>[a-zA-Z]+)(\[(?<option>\d+)\]\.text)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorPath();
}

public sealed class QuestionDraft(string kind)
{
    /// <summary>Stable across re-renders and moves, for @key (a new question has no <see cref="Id"/> yet).</summary>
    public string Key { get; } = Guid.NewGuid().ToString("N");
    public Guid? Id { get; init; }
    public string Kind { get; set; } = kind;
    public string Prompt { get; set; } = "";
    public int Points { get; set; } = 1;
    /// <summary>Multiple choice only: a share of the points per correct option ticked, less one per wrong one.</summary>
    public bool PartialCredit { get; set; }
    public List<OptionDraft> Options { get; set; } = [];
    public List<string> AcceptedAnswers { get; set; } = [];

    /// <summary>The Api's errors by field: prompt, points, kind, options, acceptedAnswers ("" for the question as a whole).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsChoice => Kind != QuizKinds.FillIn;
    public bool HasErrors => Errors.Count > 0 || Options.Any(o => o.Error is not null);
    public string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    public void ClearErrors()
    {
        Errors.Clear();
        foreach (var option in Options)
        {
            option.Error = null;
        }
    }

    /// <summary>A new question of <paramref name="kind"/>: choice questions start with two empty options to fill in.</summary>
    public static QuestionDraft New(string kind) => new(kind)
    {
        Options = kind == QuizKinds.FillIn ? [] : [new OptionDraft(), new OptionDraft()],
    };

    /// <summary>Marks <paramref name="correct"/> as the one correct option (single choice).</summary>
    public void MarkOnlyCorrect(OptionDraft correct)
    {
        foreach (var option in Options)
        {
            option.IsCorrect = ReferenceEquals(option, correct);
        }
    }
}

public sealed class OptionDraft
{
    public string Key { get; } = Guid.NewGuid().ToString("N");
    public Guid? Id { get; init; }
    public string Text { get; set; } = "";
    public bool IsCorrect { get; set; }
    public string? Error { get; set; }
}
