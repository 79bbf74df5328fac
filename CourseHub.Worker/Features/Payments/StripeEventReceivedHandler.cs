using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.EventBus;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.Payments;

/// <summary>
/// Acts on one recorded Stripe event, exactly once: the event row and then its order are locked (<c>FOR UPDATE</c>), the
/// change and the event's outcome commit together, and an event already handled is skipped. So a message delivered
/// twice, two Worker replicas, and events arriving out of order (a completion after its refund, an expiry after its
/// payment) all end in one enrollment, one receipt email and the order's true status.
/// </summary>
public sealed class StripeEventReceivedHandler(CourseHubDbContext db, OrderPayments payments, ILogger<StripeEventReceivedHandler> logger)
    : IEventHandler<StripeEventReceived>
{
    public async Task HandleAsync(StripeEventReceived message, MessageContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.StripeEvents.FromSql($"SELECT * FROM stripe_events WHERE id = {message.EventId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (recorded is null)
        {
            logger.LogWarning("Stripe event {EventId} is not recorded; nothing to do", message.EventId);
            return;
        }
        if (recorded.Outcome != StripeEventOutcome.Received)
        {
            logger.LogInformation("Stripe event {EventId} was handled before ({Outcome})", recorded.Id, recorded.Outcome);
            return;
        }
        await payments.HandleAsync(recorded, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome} {Note}", recorded.Id, recorded.Type, recorded.Outcome, recorded.Note);
    }
}
