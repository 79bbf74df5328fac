using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// RFC 7807 answers the features share. Each status has its own result type, so a handler's
/// <c>Results&lt;Ok&lt;T&gt;, NotFoundProblem, …&gt;</c> signature puts every answer into the OpenAPI document.
/// </summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Fields(IReadOnlyDictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()));

    public static UnauthorizedProblem Unauthorized(string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        new(Create(title, detail, extensions));

    public static ForbiddenProblem Forbidden(string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        new(Create(title, detail, extensions));

    public static NotFoundProblem NotFound(string title, string? detail = null) => new(Create(title, detail, null));

    public static ConflictProblem Conflict(string title, string? detail = null, string? code = null, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        if (code is not null)
        {
            all["code"] = code;
        }
        return new(Create(title, detail, all));
    }

    public static UnprocessableProblem Unprocessable(string title, string? detail = null, string? code = null) =>
        new(Create(title, detail, Code(code)));

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

    private static Dictionary<string, object?>? Code(string? code) => code is null ? null : new() { ["code"] = code };

    private static ProblemDetails Create(string title, string? detail, IDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }

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

/// <summary>A ProblemDetails answer whose status is fixed by its type and declared in the route's OpenAPI entry.</summary>
public abstract class StatusProblem(ProblemDetails problem, int status) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Value { get; } = problem;
    object? IValueHttpResult.Value => Value;
    public int StatusCode { get; } = status;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        Value.Status = StatusCode;
        return TypedResults.Problem(Value).ExecuteAsync(httpContext);
    }

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>401: not signed in, or the credentials did not hold.</summary>
public sealed class UnauthorizedProblem(ProblemDetails problem) : StatusProblem(problem, StatusCodes.Status401Unauthorized), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status401Unauthorized);
}

/// <summary>403: signed in, but not allowed (a suspended account, an unconfirmed email).</summary>
public sealed class ForbiddenProblem(ProblemDetails problem) : StatusProblem(problem, StatusCodes.Status403Forbidden), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status403Forbidden);
}

/// <summary>404: no such resource (or not one of yours: another teacher's course is answered as if it did not exist).</summary>
public sealed class NotFoundProblem(ProblemDetails problem) : StatusProblem(problem, StatusCodes.Status404NotFound), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the resource is not in a state that allows this; <c>code</c> says which rule.</summary>
public sealed class ConflictProblem(ProblemDetails problem) : StatusProblem(problem, StatusCodes.Status409Conflict), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}

/// <summary>422: the request is well-formed but the resource is not ready for it; <c>code</c> says why.</summary>
public sealed class UnprocessableProblem(ProblemDetails problem) : StatusProblem(problem, StatusCodes.Status422UnprocessableEntity), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}
