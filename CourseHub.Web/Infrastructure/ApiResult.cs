using System.Text.Json;

namespace CourseHub.Web.Infrastructure;

/// <summary>The outcome of an Api call: success with a value, or the ProblemDetails the Api answered with.</summary>
public sealed class ApiResult<T>
{
    public T? Value { get; init; }
    public bool Succeeded { get; init; }
    public int Status { get; init; }
    public string? Title { get; init; }
    public string? Detail { get; init; }
    public Dictionary<string, string> FieldErrors { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public JsonElement Problem { get; init; }
    /// <summary>How long the Api asked to wait before trying again (its Retry-After header, on a 429 or 503).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The refusal's stable <c>code</c> (<c>payment-required</c>, <c>refund-window-closed</c>, …), when the Api gave one.</summary>
    public string? Code =>
        Problem.ValueKind == JsonValueKind.Object && Problem.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

    public bool Flag(string name) =>
        Problem.ValueKind == JsonValueKind.Object && Problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A sentence for the page when no field error explains it.</summary>
    public string Message =>
        Status == 429 ? $"Too many attempts — try again in {Math.Max(1, (int)Math.Ceiling((RetryAfter ?? TimeSpan.FromSeconds(60)).TotalSeconds))} seconds."
        : Detail ?? Title ?? (Status == 0 ? "The service could not be reached. Try again." : $"Request failed ({Status}).");
}

/// <summary>
/// What to tell the user about a refusal: the ProblemDetails title ("Refund window closed") and the sentence that
/// explains it (its detail, else the title), and its stable code for pages that react to one.
/// </summary>
public sealed record ApiFailure(string? Title, string Message, string? Code, int Status)
{
    public static ApiFailure Of<T>(ApiResult<T> result) =>
        new(result.Detail is not null && result.Title != result.Detail ? result.Title : null, result.Message, result.Code, result.Status);
}

/// <summary>Thrown when the session's tokens can no longer be refreshed (signed out elsewhere, banned, expired).</summary>
public sealed class SessionEndedException() : Exception("Your session has ended. Please sign in again.");

/// <summary>What a call answered with no body (204): only its success or its problem matters.</summary>
public sealed record NoBody;
