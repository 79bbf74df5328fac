using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Commerce;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CourseHub.Api.Features.Commerce;

/// <summary>Buying a course: an order and its Stripe Checkout Session, where the browser goes to pay.</summary>
public static class CheckoutEndpoints
{
    public static IEndpointRouteBuilder MapCheckoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/checkout", StartAsync).WithTags("Orders").RequireAuthorization().Refuses(404, 409, 503)
            .WithSummary("Start buying a course")
            .WithDescription("Creates a pending order and a Stripe Checkout Session for a paid course and answers its `url`; coming back while the session is open answers the same one. " +
                "Refused: 409 `already-enrolled`, `own-course`, `free-course`, `teacher-payouts-not-enabled`; 404 for an unpublished course. Enrollment follows Stripe's confirmation, not this call.");
        return endpoints;
    }

    private static async Task<Results<Ok<CheckoutResponse>, ValidationProblem>> StartAsync(CheckoutRequest request, HttpContext context, CourseCheckout checkout,
        CancellationToken cancellationToken)
    {
        if (request.CourseId is not { } courseId || courseId == Guid.Empty)
        {
            return Problems.Field("courseId", "Say which course to buy (its id).");
        }
        return TypedResults.Ok(await checkout.StartAsync(context.User.UserId()!.Value, courseId, cancellationToken));
    }
}
