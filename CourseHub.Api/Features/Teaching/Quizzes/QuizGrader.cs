using CourseHub.Api.Infrastructure;
using System.Text;
using CourseHub.Contracts.Quizzes;
using CourseHub.Domain.Catalog;

namespace CourseHub.Api.Features.Teaching.Quizzes;

/// <summary>A student's answer to one question: the chosen options of a choice question, or the text of a fill-in.</summary>
[FeatureSeam]
public sealed record QuizAnswer(Guid QuestionId, IReadOnlyCollection<Guid> OptionIds, string? Text = null);

/// <summary>
/// Grades answers against a quiz, with no I/O, so the teacher's preview and the student's attempt grade alike.
/// A single choice needs exactly its correct option; a fill-in one of the accepted answers compared trimmed,
/// case-insensitively and with runs of whitespace collapsed; a multiple choice exactly the set of correct options —
/// or, when the teacher gave it partial points, a share of its points per correct option ticked less one share per
/// wrong option ticked, rounded down and never below zero (so ticking every box never pays). An unanswered question
/// scores 0; answers to questions that are not in the quiz are ignored.
/// </summary>
[FeatureSeam]
public static class QuizGrader
{
    public static QuizGrade Grade(IEnumerable<QuizQuestion> questions, IEnumerable<QuizAnswer> answers)
    {
        // The last answer to a question wins, as if the student changed their mind.
        var byQuestion = new Dictionary<Guid, QuizAnswer>();
        foreach (var answer in answers)
        {
            byQuestion[answer.QuestionId] = answer;
        }
        var grades = questions.OrderBy(q => q.Position)
            .Select(question =>
            {
                var answered = byQuestion.TryGetValue(question.Id, out var answer);
                var correct = answered && IsCorrect(question, answer!);
                var points = correct ? question.Points : answered && question.PartialCredit ? PartialPoints(question, answer!) : 0;
                return new QuestionGrade(question.Id, correct, points, question.Points);
            })
            .ToList();
        return new QuizGrade(grades.Sum(g => g.PointsAwarded), grades.Sum(g => g.Points), grades);
    }

    public static bool IsCorrect(QuizQuestion question, QuizAnswer answer) => question.Kind switch
    {
        QuizQuestionKind.FillIn => answer.Text is { } text
            && question.AcceptedAnswers.Any(accepted => string.Equals(NormalizeText(accepted), NormalizeText(text), StringComparison.OrdinalIgnoreCase)),
        QuizQuestionKind.SingleChoice => answer.OptionIds.Distinct().Count() == 1 && question.Options.Any(o => o.IsCorrect && o.Id == answer.OptionIds.First()),
        QuizQuestionKind.MultipleChoice => question.Options.Where(o => o.IsCorrect).Select(o => o.Id).ToHashSet().SetEquals(answer.OptionIds),
        _ => false,
    };

    /// <summary>The partial points of a multiple choice: points × (right ticks − wrong ticks) ÷ correct options, rounded down, at least 0.</summary>
    public static int PartialPoints(QuizQuestion question, QuizAnswer answer)
    {
        if (question.Kind != QuizQuestionKind.MultipleChoice)
        {
            return 0;
        }
        var correct = question.Options.Where(o => o.IsCorrect).Select(o => o.Id).ToHashSet();
        var known = question.Options.Select(o => o.Id).ToHashSet();
        var ticked = answer.OptionIds.Where(known.Contains).Distinct().ToList();
        var net = ticked.Count(correct.Contains) - ticked.Count(id => !correct.Contains(id));
        return correct.Count == 0 || net <= 0 ? 0 : question.Points * net / correct.Count;
    }

    /// <summary>
    /// Trimmed, whitespace runs collapsed to one space, Unicode-composed (so an "é" typed as e + accent matches);
    /// case is left to the comparison. Also used by validation, so "duplicate" means "would grade the same".
    /// </summary>
    public static string NormalizeText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
