namespace CourseHub.Api.Infrastructure;

/// <summary>
/// A business rule said no. Services throw it; <see cref="ProblemExceptionHandler"/> turns it into ProblemDetails in one
/// place, with the stable machine-readable <see cref="Code"/> in the body. Routes declare the statuses their services
/// may refuse with (<c>.Refuses(…)</c>), so the OpenAPI document lists them.
/// </summary>
public sealed class Refusal : Exception
{
    private Refusal(int status, string code, string title, string detail, IReadOnlyDictionary<string, string>? fieldErrors)
        : base(detail)
    {
        Status = status;
        Code = code;
        Title = title;
        FieldErrors = fieldErrors ?? new Dictionary<string, string>();
    }

    public int Status { get; }
    public string Code { get; }
    public string Title { get; }

    /// <summary>For a 400: the message per input field (camelCase names, as in the request body).</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; }

    public static Refusal Invalid(IReadOnlyDictionary<string, string> fieldErrors, string code = "invalid") =>
        new(StatusCodes.Status400BadRequest, code, "Invalid request", string.Join(" ", fieldErrors.Select(e => $"{e.Key}: {e.Value}")), fieldErrors);

    public static Refusal Invalid(string field, string message, string code = "invalid") =>
        Invalid(new Dictionary<string, string> { [field] = message }, code);

    /// <summary>413 naming the field, e.g. an upload over its size limit.</summary>
    public static Refusal TooLarge(string field, string message) =>
        new(StatusCodes.Status413PayloadTooLarge, "too-large", "File too large", message, new Dictionary<string, string> { [field] = message });

    public static Refusal Unauthorized(string code, string title, string detail) => new(StatusCodes.Status401Unauthorized, code, title, detail, null);

    public static Refusal Forbidden(string code, string title, string detail) => new(StatusCodes.Status403Forbidden, code, title, detail, null);

    public static Refusal NotFound(string code, string title, string detail) => new(StatusCodes.Status404NotFound, code, title, detail, null);

    public static Refusal Conflict(string code, string title, string detail) => new(StatusCodes.Status409Conflict, code, title, detail, null);

    /// <summary>503: a service we depend on (the payment provider) did not answer; nothing was changed, try again.</summary>
    public static Refusal Unavailable(string code, string title, string detail) => new(StatusCodes.Status503ServiceUnavailable, code, title, detail, null);

    public static Refusal Unprocessable(string code, string title, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, code, title, detail, null);

    /// <summary>422 listing each unmet requirement under its field, e.g. everything an incomplete course still lacks.</summary>
    public static Refusal Unprocessable(string code, string title, string detail, IReadOnlyDictionary<string, string> fieldErrors) =>
        new(StatusCodes.Status422UnprocessableEntity, code, title, detail, fieldErrors);
}

public static class RefusalRouteExtensions
{
    /// <summary>Declares the statuses the services behind a route may refuse with (each as ProblemDetails).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status,
                status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails),
                ["application/problem+json"]));
        }
        return builder;
    }
}
