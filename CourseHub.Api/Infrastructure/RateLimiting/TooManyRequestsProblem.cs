using System.Globalization;

namespace CourseHub.Api.Infrastructure.RateLimiting;

/// <summary>
/// 429 from a handler (a limit the rate limiter cannot see, such as one per account named in the body), in the shape
/// of <see cref="AuthRateLimitPolicy"/>'s refusal: ProblemDetails with Retry-After. The auth routes declare their 429
/// once for the group, so this type adds no metadata of its own.
/// </summary>
public sealed class TooManyRequestsProblem(TimeSpan retryAfter, string reason) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status429TooManyRequests;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many requests", detail: $"{reason} Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
    }
}
