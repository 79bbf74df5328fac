namespace CourseHub.StripeEmulator.Pages;

/// <summary>303 See Other: after a form POST the browser follows with a GET, as Stripe's pages do.</summary>
public sealed class SeeOther(string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
