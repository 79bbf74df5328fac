using CourseHub.Api.Infrastructure;
using CourseHub.Contracts.Quizzes;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Teaching.Quizzes;

/// <summary>A question that passed validation: trimmed texts, a parsed kind, only the collection its kind uses.</summary>
public sealed record ValidQuestion(Guid? Id, QuizQuestionKind Kind, string Prompt, int Points, IReadOnlyList<string> AcceptedAnswers,
    IReadOnlyList<ValidOption> Options, bool PartialCredit = false);

/// <summary>A quiz that passed validation; a null pass mark keeps the lesson's own.</summary>
public sealed record ValidQuiz(IReadOnlyList<ValidQuestion> Questions, int? PassMarkPercent);

public sealed record ValidOption(Guid? Id, string Text, bool IsCorrect);

/// <summary>
/// The quiz rules. Errors are keyed by the JSON path of the offending value (<c>questions[2].options</c>,
/// <c>questions[0].options[1].text</c>) so a client can show each one next to its field; all errors are
/// collected in one pass so the teacher fixes everything at once.
/// </summary>
public static class QuizValidator
{
    public const int MaxQuestions = 100;
    public const int MaxPromptLength = 2000;
    public const int MinPoints = 1;
    public const int MaxPoints = 100;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const int MaxOptionLength = 1000;
    public const int MaxAcceptedAnswers = 20;
    public const int MaxAcceptedAnswerLength = 200;
    public const int MinPassMark = 1;
    public const int MaxPassMark = 100;

    public static bool TryValidate(QuizRequest request, out ValidQuiz quiz, out Problems.Errors errors)
    {
        var ok = TryValidateQuestions(request, out var questions, out errors);
        if (request.PassMarkPercent is < MinPassMark or > MaxPassMark)
        {
            errors.Add("passMarkPercent", $"The pass mark is {MinPassMark} to {MaxPassMark} % of the quiz's points.");
            ok = false;
        }
        quiz = new ValidQuiz(questions, request.PassMarkPercent);
        return ok;
    }

    private static bool TryValidateQuestions(QuizRequest request, out IReadOnlyList<ValidQuestion> questions, out Problems.Errors errors)
    {
        errors = new Problems.Errors();
        var valid = new List<ValidQuestion>();
        var sent = request.Questions ?? [];
        if (sent.Count is 0 or > MaxQuestions)
        {
            errors.Add("questions", $"A quiz has 1 to {MaxQuestions} questions.");
        }
        for (var i = 0; i < Math.Min(sent.Count, MaxQuestions); i++)
        {
            if (Validate(sent[i], $"questions[{i}]", errors) is { } question)
            {
                valid.Add(question);
            }
        }
        questions = valid;
        return !errors.Any;
    }

    private static ValidQuestion? Validate(QuizQuestionRequest? question, string path, Problems.Errors errors)
    {
        if (question is null)
        {
            errors.Add(path, "A question is required here.");
            return null;
        }
        var prompt = question.Prompt?.Trim() ?? "";
        if (prompt.Length is 0 or > MaxPromptLength)
        {
            errors.Add($"{path}.prompt", $"Write a prompt of 1 to {MaxPromptLength} characters.");
        }
        // Omitted points mean the default of one point; a value outside the range is an error.
        var points = question.Points ?? MinPoints;
        if (points is < MinPoints or > MaxPoints)
        {
            errors.Add($"{path}.points", $"Points are {MinPoints} to {MaxPoints}.");
        }
        var kind = ParseKind(question.Kind);
        if (kind is null)
        {
            errors.Add($"{path}.kind", "Choose singleChoice, multipleChoice or fillIn.");
        }
        var answers = kind == QuizQuestionKind.FillIn ? AcceptedAnswers(question, path, errors) : [];
        var options = kind is QuizQuestionKind.SingleChoice or QuizQuestionKind.MultipleChoice ? Options(question, kind.Value, path, errors) : [];
        if (kind == QuizQuestionKind.FillIn && question.Options is { Count: > 0 })
        {
            errors.Add($"{path}.options", "A fill-in question has no options; the student types the answer.");
        }
        if ((kind is QuizQuestionKind.SingleChoice or QuizQuestionKind.MultipleChoice) && question.AcceptedAnswers is { Count: > 0 })
        {
            errors.Add($"{path}.acceptedAnswers", "Only fill-in questions have accepted answers.");
        }
        if (question.PartialCredit == true && kind is not (null or QuizQuestionKind.MultipleChoice))
        {
            errors.Add($"{path}.partialCredit", "Only a multiple-choice question can give partial points.");
        }
        // The caller uses the questions only when there are no errors at all.
        return kind is null ? null : new ValidQuestion(question.Id, kind.Value, prompt, points, answers, options, question.PartialCredit == true);
    }

    /// <summary>Only the three names (any case): Enum.TryParse would also take numbers and comma lists.</summary>
    private static QuizQuestionKind? ParseKind(string? kind) =>
        Enum.GetValues<QuizQuestionKind>().Cast<QuizQuestionKind?>()
            .FirstOrDefault(k => string.Equals(k.ToString(), kind?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static List<string> AcceptedAnswers(QuizQuestionRequest question, string path, Problems.Errors errors)
    {
        var field = $"{path}.acceptedAnswers";
        var answers = (question.AcceptedAnswers ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (answers.Count is 0 or > MaxAcceptedAnswers)
        {
            errors.Add(field, $"Give 1 to {MaxAcceptedAnswers} accepted answers.");
        }
        if (answers.Any(a => a.Length == 0))
        {
            errors.Add(field, "An accepted answer may not be empty.");
        }
        if (answers.Any(a => a.Length > MaxAcceptedAnswerLength))
        {
            errors.Add(field, $"Keep each accepted answer under {MaxAcceptedAnswerLength} characters.");
        }
        // Duplicates are compared as the grader compares answers, so "Paris" and " paris" are the same answer.
        if (answers.Where(a => a.Length > 0).GroupBy(QuizGrader.NormalizeText, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            errors.Add(field, "Each accepted answer once (case and spacing do not count).");
        }
        return answers;
    }

    private static List<ValidOption> Options(QuizQuestionRequest question, QuizQuestionKind kind, string path, Problems.Errors errors)
    {
        var field = $"{path}.options";
        var sent = question.Options ?? [];
        if (sent.Count is < MinOptions or > MaxOptions)
        {
            errors.Add(field, $"Give {MinOptions} to {MaxOptions} options.");
        }
        var options = new List<ValidOption>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < sent.Count; j++)
        {
            var text = sent[j]?.Text?.Trim() ?? "";
            if (text.Length is 0 or > MaxOptionLength)
            {
                errors.Add($"{field}[{j}].text", $"Write an option of 1 to {MaxOptionLength} characters.");
            }
            else if (!seen.Add(QuizGrader.NormalizeText(text)))
            {
                errors.Add($"{field}[{j}].text", "This option is already in the question.");
            }
            options.Add(new ValidOption(sent[j]?.Id, text, sent[j]?.IsCorrect ?? false));
        }
        var correct = options.Count(o => o.IsCorrect);
        if (kind == QuizQuestionKind.SingleChoice && correct != 1)
        {
            errors.Add(field, "Mark exactly one option as correct.");
        }
        if (kind == QuizQuestionKind.MultipleChoice && correct == 0)
        {
            errors.Add(field, "Mark at least one option as correct.");
        }
        return options;
    }
}
