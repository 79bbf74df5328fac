using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CourseHub.Api.Infrastructure;

/// <summary>RFC 7807 answers the features share.</summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Fields(Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()));

    public static ProblemHttpResult Status(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);

    /// <summary>Identity's errors, grouped under the request field they are about.</summary>
    public static ValidationProblem FromIdentity(IdentityResult result, string passwordField = "password") =>
        TypedResults.ValidationProblem(result.Errors
            .GroupBy(error => error.Code switch
            {
                var code when code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "InvalidEmail" or "DuplicateEmail" or "DuplicateUserName" or "InvalidUserName" => "email",
                "InvalidToken" => "token",
                _ => "",
            })
            .ToDictionary(group => group.Key, group => group.Select(error => error.Description).ToArray()));

    /// <summary>Collects per-field errors of a request.</summary>
    public sealed class Errors
    {
        public Dictionary<string, List<string>> ByField { get; } = [];
        public bool Any => ByField.Count > 0;

        public Errors Add(string field, string message)
        {
            if (!ByField.TryGetValue(field, out var list))
            {
                ByField[field] = list = [];
            }
            list.Add(message);
            return this;
        }

        public Errors Require(string field, string? value, string message)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, message);
            }
            return this;
        }

        public ValidationProblem ToProblem() => Fields(ByField);
    }
}
