using System.Globalization;
using CourseHub.Contracts.Commerce;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Payouts;

/// <summary>The teacher's money routes of the Api: the Stripe Connect payout account, its onboarding, and earnings.</summary>
public sealed class PayoutsClient(ApiCaller api)
{
    public Task<ApiResult<PayoutAccountResponse>> GetPayoutAccountAsync() =>
        api.SendAsync<PayoutAccountResponse>(HttpMethod.Get, "/api/teach/payouts", null);

    /// <summary>A fresh, short-lived onboarding link (an Account Link is single-use: ask again rather than reuse one).</summary>
    public Task<ApiResult<OnboardingLinkResponse>> StartOnboardingAsync() =>
        api.SendAsync<OnboardingLinkResponse>(HttpMethod.Post, "/api/teach/payouts/onboard", new { });

    public Task<ApiResult<EarningsReport>> GetEarningsAsync(DateOnly from, DateOnly to) =>
        api.SendAsync<EarningsReport>(HttpMethod.Get,
            $"/api/teach/earnings?from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", null);
}
