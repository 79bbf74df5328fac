using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace CourseHub.Api.Features.Commerce;

/// <summary>
/// Stripe's webhook. The raw body's signature is checked first (Stripe.net's verifier, 5 minutes' tolerance): missing,
/// forged or stale → 400 and nothing changes. A good event is recorded by its id and handed to the Worker through the
/// outbox in one transaction, then answered 200 at once — Stripe only needs to know it arrived. A redelivered event
/// (Stripe delivers at least once) finds its id recorded, answers 200 and does nothing.
/// </summary>
public static class StripeWebhookEndpoints
{
    /// <summary>Stripe's own limit on an event's size is far below this; anything larger is not from Stripe.</summary>
    private const int MaxBodyBytes = 512 * 1024;
    private const long ToleranceSeconds = 300;

    public static IEndpointRouteBuilder MapStripeWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/stripe/webhook", ReceiveAsync).WithTags("Stripe").AllowAnonymous()
            .WithSummary("Receive a Stripe event")
            .WithDescription("Stripe's signed webhook (header `Stripe-Signature`). 400 when the signature is missing, wrong or older than 5 minutes; 200 once recorded (also for a repeat).");
        return endpoints;
    }

    private static async Task<Results<Ok, ValidationProblem>> ReceiveAsync(HttpRequest request, CourseHubDbContext db, IOptions<StripeOptions> options,
        TimeProvider clock, ILogger<StripeWebhookCategory> logger, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Problems.Field("body", "Too large for a Stripe event.");
        }
        var signature = request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return Problems.Field("Stripe-Signature", "The Stripe-Signature header is missing.");
        }
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        Event stripeEvent;
        try
        {
            // The API version may differ from the one Stripe.net pins (an endpoint set up for another version): the fields
            // we read are the same, so that is logged, not refused — a refusal would only make Stripe retry for days.
            stripeEvent = EventUtility.ConstructEvent(payload, signature, options.Value.WebhookSecret ?? "", ToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Refused a Stripe webhook: {Reason}", ex.Message);
            return Problems.Field("Stripe-Signature", ex.Message);
        }
        if (stripeEvent.ApiVersion != StripeConfiguration.ApiVersion)
        {
            logger.LogWarning("Stripe event {EventId} has API version {Version}; Stripe.net expects {Expected}", stripeEvent.Id, stripeEvent.ApiVersion,
                StripeConfiguration.ApiVersion);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO stripe_events (id, type, payload, created_at, received_at, outcome)
            VALUES ({stripeEvent.Id}, {stripeEvent.Type}, {payload}, {new DateTimeOffset(stripeEvent.Created, TimeSpan.Zero)}, {now}, {nameof(StripeEventOutcome.Received)})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        if (recorded == 0)
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) arrived again; it was recorded before", stripeEvent.Id, stripeEvent.Type);
            return TypedResults.Ok();
        }
        db.AddIntegrationEvent(new StripeEventReceived(stripeEvent.Id), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>The log category of the webhook (a static class cannot be one).</summary>
    public sealed class StripeWebhookCategory;
}
