using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stripe;

namespace CourseHub.Api.Features.Commerce;

/// <summary>
/// A teacher's Stripe Connect Express account: made on first "Get paid", onboarded on Stripe's hosted pages (an Account
/// Link), and kept current by <c>account.updated</c> events (and by reading it back while onboarding is unfinished).
/// </summary>
[FeatureSeam]
public sealed class TeacherPayouts(CourseHubDbContext db, IStripeClient stripe, IConfiguration configuration, TimeProvider clock, ILogger<TeacherPayouts> logger)
{
    private string WebBaseUrl => configuration.WebBaseUrl();

    /// <summary>The account as last known; while onboarding is unfinished, asks Stripe first (the teacher may just be back from it).</summary>
    public async Task<PayoutAccount?> CurrentAsync(Guid teacherId, CancellationToken cancellationToken)
    {
        var account = await db.PayoutAccounts.SingleOrDefaultAsync(a => a.TeacherId == teacherId, cancellationToken);
        if (account is null || account.CanReceivePayments)
        {
            return account;
        }
        try
        {
            Apply(account, await new AccountService(stripe).GetAsync(account.StripeAccountId, cancellationToken: cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Could not read Stripe account {AccountId}: {Message}; answering what was stored", account.StripeAccountId, ex.Message);
        }
        return account;
    }

    /// <summary>The teacher's account, made at Stripe (once: the idempotency key is the teacher's) when there is none.</summary>
    public async Task<PayoutAccount> EnsureAccountAsync(Guid teacherId, CancellationToken cancellationToken)
    {
        if (await db.PayoutAccounts.SingleOrDefaultAsync(a => a.TeacherId == teacherId, cancellationToken) is { } existing)
        {
            return existing;
        }
        var email = await db.Users.Where(u => u.Id == teacherId).Select(u => u.Email).SingleAsync(cancellationToken);
        Account created;
        try
        {
            created = await new AccountService(stripe).CreateAsync(new AccountCreateOptions
            {
                Type = "express",
                Email = email,
                Capabilities = new AccountCapabilitiesOptions
                {
                    CardPayments = new AccountCapabilitiesCardPaymentsOptions { Requested = true },
                    Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
                },
                Metadata = new Dictionary<string, string> { ["teacher_id"] = teacherId.ToString() },
            }, new RequestOptions { IdempotencyKey = $"connect-account-{teacherId}" }, cancellationToken);
        }
        catch (StripeException ex)
        {
            logger.LogError(ex, "Stripe refused to create a Connect account for teacher {TeacherId}: {Message}", teacherId, ex.StripeError?.Message ?? ex.Message);
            throw Refusal.Unavailable("payment-provider-unavailable", "Payouts could not be set up", "The payment provider did not answer. Please try again in a minute.");
        }
        var now = clock.GetUtcNow();
        var account = new PayoutAccount { TeacherId = teacherId, StripeAccountId = created.Id, CreatedAt = now, UpdatedAt = now };
        Apply(account, created);
        db.PayoutAccounts.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // A parallel request stored the same account (same idempotency key, same id).
            return await db.PayoutAccounts.SingleAsync(a => a.TeacherId == teacherId, cancellationToken);
        }
        return account;
    }

    /// <summary>A fresh onboarding link (they are single-use and short-lived) for the teacher's account.</summary>
    public async Task<string> OnboardingLinkAsync(Guid teacherId, CancellationToken cancellationToken)
    {
        var account = await EnsureAccountAsync(teacherId, cancellationToken);
        try
        {
            var link = await new AccountLinkService(stripe).CreateAsync(new AccountLinkCreateOptions
            {
                Account = account.StripeAccountId,
                Type = "account_onboarding",
                RefreshUrl = $"{WebBaseUrl}/teach/payouts?onboarding=refresh",
                ReturnUrl = $"{WebBaseUrl}/teach/payouts?onboarding=return",
            }, cancellationToken: cancellationToken);
            return link.Url;
        }
        catch (StripeException ex)
        {
            logger.LogError(ex, "Stripe refused an account link for {AccountId}: {Message}", account.StripeAccountId, ex.StripeError?.Message ?? ex.Message);
            throw Refusal.Unavailable("payment-provider-unavailable", "Onboarding could not be started", "The payment provider did not answer. Please try again in a minute.");
        }
    }

    private void Apply(PayoutAccount account, Account stripeAccount) =>
        account.Update(stripeAccount.ChargesEnabled, stripeAccount.PayoutsEnabled, stripeAccount.DetailsSubmitted, clock.GetUtcNow());
}

/// <summary>Whether a teacher can be paid: what the studio's submit checks before a paid course goes to review.</summary>
[FeatureSeam]
public static class PayoutReadiness
{
    public static Task<bool> CanReceivePaymentsAsync(CourseHubDbContext db, Guid teacherId, CancellationToken cancellationToken) =>
        db.PayoutAccounts.AnyAsync(a => a.TeacherId == teacherId && a.ChargesEnabled && a.PayoutsEnabled, cancellationToken);
}
