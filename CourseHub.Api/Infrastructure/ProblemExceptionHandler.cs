using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The one place where exceptions that are the client's business become ProblemDetails: a <see cref="Refusal"/> of a
/// business rule (with its <c>code</c>), and a request the framework could not read (malformed or mistyped JSON, a
/// missing body) as a 400 naming the field — never a 500. Anything else is left to the default handler (a plain 500
/// without details).
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            Refusal { FieldErrors.Count: > 0 } refusal => new HttpValidationProblemDetails(
                refusal.FieldErrors.ToDictionary(e => e.Key, e => new[] { e.Value }))
            {
                Status = refusal.Status,
                // A 400 keeps the standard validation title; a 413 or 422 says what it is (and a 422 sums up the list).
                Title = refusal.Status == StatusCodes.Status400BadRequest ? "One or more validation errors occurred." : refusal.Title,
                Detail = refusal.Status == StatusCodes.Status422UnprocessableEntity ? refusal.Message : null,
                Extensions = { ["code"] = refusal.Code },
            },
            Refusal refusal => new ProblemDetails { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Message, Extensions = { ["code"] = refusal.Code } },
            BadHttpRequestException bad => Unreadable(bad),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Unreadable(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            // "$.priceMinor" → "priceMinor": the field the Web shows the message under.
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [field == "body" ? "The request body is not valid JSON." : "This value has the wrong type or is not valid JSON."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read",
            };
        }
        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
            // The framework's message names the parameter and what was wrong with it ("… was not provided").
            Detail = exception.Message,
        };
    }
}
