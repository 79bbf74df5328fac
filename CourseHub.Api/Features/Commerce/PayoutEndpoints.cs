using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain.Commerce;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CourseHub.Api.Features.Commerce;

/// <summary>The studio's "Get paid": the teacher's payout status and the way to Stripe's onboarding.</summary>
public static class PayoutEndpoints
{
    public static IEndpointRouteBuilder MapPayoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var payouts = endpoints.MapGroup("/api/teach/payouts").WithTags("Payouts").RequireAuthorization(IdentitySetup.TeacherPolicy);
        payouts.MapGet("", GetAsync).WithSummary("Read my payout status")
            .WithDescription("`none` before onboarding starts, `pending` until Stripe enables charges and payouts, then `enabled`.");
        payouts.MapPost("/onboard", OnboardAsync).Refuses(503).WithSummary("Start payout onboarding")
            .WithDescription("Creates the teacher's Stripe Connect Express account if there is none and answers a short-lived onboarding link.");
        return endpoints;
    }

    public static PayoutAccountResponse ToResponse(PayoutAccount? account) => account is null
        ? new PayoutAccountResponse(PayoutStatuses.None, false, false, false, null)
        : new PayoutAccountResponse(account.CanReceivePayments ? PayoutStatuses.Enabled : PayoutStatuses.Pending, account.ChargesEnabled,
            account.PayoutsEnabled, account.DetailsSubmitted, account.UpdatedAt);

    private static async Task<Ok<PayoutAccountResponse>> GetAsync(HttpContext context, TeacherPayouts payouts, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await payouts.CurrentAsync(context.User.UserId()!.Value, cancellationToken)));

    private static async Task<Ok<OnboardingLinkResponse>> OnboardAsync(HttpContext context, TeacherPayouts payouts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new OnboardingLinkResponse(await payouts.OnboardingLinkAsync(context.User.UserId()!.Value, cancellationToken)));
}
