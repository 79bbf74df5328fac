using CourseHub.Domain.Notifications;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Worker.Features.Payments;

/// <summary>
/// What each Stripe event means for CourseHub's orders, enrollments and payout accounts. Runs inside the caller's
/// transaction, after the event row is locked; the signed payload is trusted as it is (no call back to Stripe), but an
/// event must match its order — the session id, the amount and the currency — or it is parked for an admin.
/// </summary>
public sealed class OrderPayments(CourseHubDbContext db, TimeProvider clock, ILogger<OrderPayments> logger)
{
    public async Task HandleAsync(StripeEvent recorded, CancellationToken cancellationToken)
    {
        var stripeEvent = EventUtility.ParseEvent(recorded.Payload, throwOnApiVersionMismatch: false);
        recorded.HandledAt = clock.GetUtcNow();
        recorded.Outcome = StripeEventOutcome.Processed;
        switch (stripeEvent.Type)
        {
            case EventTypes.CheckoutSessionCompleted:
            case EventTypes.CheckoutSessionAsyncPaymentSucceeded:
                await SessionSettledAsync(recorded, (Session)stripeEvent.Data.Object, cancellationToken);
                break;
            case EventTypes.CheckoutSessionAsyncPaymentFailed:
                await SessionEndedAsync(recorded, (Session)stripeEvent.Data.Object, OrderStatus.Failed, cancellationToken);
                break;
            case EventTypes.CheckoutSessionExpired:
                await SessionEndedAsync(recorded, (Session)stripeEvent.Data.Object, OrderStatus.Expired, cancellationToken);
                break;
            case EventTypes.ChargeRefunded:
                await ChargeRefundedAsync(recorded, (Charge)stripeEvent.Data.Object, cancellationToken);
                break;
            case EventTypes.AccountUpdated:
                await AccountUpdatedAsync(recorded, (Account)stripeEvent.Data.Object, cancellationToken);
                break;
            default:
                Outcome(recorded, StripeEventOutcome.Ignored, $"CourseHub does not act on {stripeEvent.Type}.");
                break;
        }
    }

    /// <summary>Completed (paid or still confirming) or a delayed payment succeeded.</summary>
    private async Task SessionSettledAsync(StripeEvent recorded, Session session, CancellationToken cancellationToken)
    {
        var order = await MatchingOrderAsync(recorded, session, cancellationToken);
        if (order is null)
        {
            return;
        }
        order.PaymentIntentId ??= session.PaymentIntentId;
        if (session.PaymentStatus != "paid")
        {
            Outcome(recorded, StripeEventOutcome.Processed, "Checkout completed; the payment is still being confirmed.");
            return;
        }
        if (order.Status is OrderStatus.Paid or OrderStatus.Refunded)
        {
            Outcome(recorded, StripeEventOutcome.Processed, $"The order is {order.Status} already.");
            return;
        }
        // Pending — or expired/failed on our side while Stripe took the money after all: the payment is what counts.
        order.Status = OrderStatus.Paid;
        order.PaidAt = clock.GetUtcNow();
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.UserId == order.BuyerId && e.CourseId == order.CourseId, cancellationToken);
        var newlyActive = enrollment is null || !enrollment.IsActive;
        if (enrollment is null)
        {
            db.Enrollments.Add(new Enrollment { Id = Guid.CreateVersion7(), UserId = order.BuyerId, CourseId = order.CourseId, OrderId = order.Id, EnrolledAt = order.PaidAt.Value });
        }
        else if (!enrollment.IsActive)
        {
            enrollment.RevokedAt = null;
            enrollment.OrderId = order.Id;
            enrollment.EnrolledAt = order.PaidAt.Value;
        }
        if (newlyActive)
        {
            await db.CountEnrollmentAsync(order.CourseId, +1, cancellationToken);
        }
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == order.CourseId).Select(c => new { c.Title, c.Slug }).SingleAsync(cancellationToken);
        db.AddIntegrationEvent(new OrderPaid(order.Id), clock);
        db.Notify(order.TeacherId, NotificationKinds.Enrollment, "New enrollment",
            $"Someone bought “{course.Title}” ({Contracts.Commerce.Money.Format(order.AmountMinor, order.Currency)}).", "/teach/earnings", clock);
        Outcome(recorded, StripeEventOutcome.Processed, "Order paid; enrollment made.");
    }

    private async Task SessionEndedAsync(StripeEvent recorded, Session session, OrderStatus ending, CancellationToken cancellationToken)
    {
        var order = await MatchingOrderAsync(recorded, session, cancellationToken);
        if (order is null)
        {
            return;
        }
        if (order.Status != OrderStatus.Pending)
        {
            Outcome(recorded, StripeEventOutcome.Processed, $"The order is {order.Status} already.");
            return;
        }
        order.Status = ending;
        Outcome(recorded, StripeEventOutcome.Processed, $"Order {ending.ToString().ToLowerInvariant()}.");
    }

    private async Task ChargeRefundedAsync(StripeEvent recorded, Charge charge, CancellationToken cancellationToken)
    {
        // The PaymentIntent is known once the session completed; the order id in its metadata also finds the order when
        // the refund is the first event to arrive.
        Guid? orderId = charge.Metadata?.TryGetValue("order_id", out var text) == true && Guid.TryParse(text, out var parsed) ? parsed : null;
        var order = await LockedOrderAsync(db.Orders.Where(o => o.PaymentIntentId == charge.PaymentIntentId).Select(o => (Guid?)o.Id), cancellationToken)
            ?? (orderId is { } id ? await LockedOrderAsync(db.Orders.Where(o => o.Id == id).Select(o => (Guid?)o.Id), cancellationToken) : null);
        if (order is null)
        {
            Outcome(recorded, StripeEventOutcome.Parked, $"No order has PaymentIntent {charge.PaymentIntentId}.");
            return;
        }
        recorded.OrderId = order.Id;
        if (!string.Equals(charge.Currency, order.Currency, StringComparison.OrdinalIgnoreCase) || charge.Amount != order.AmountMinor)
        {
            Outcome(recorded, StripeEventOutcome.Parked, $"The charge ({charge.Amount} {charge.Currency}) does not match the order ({order.AmountMinor} {order.Currency}).");
            return;
        }
        order.PaymentIntentId ??= charge.PaymentIntentId;
        order.RefundedMinor = Math.Max(order.RefundedMinor, Math.Min(charge.AmountRefunded, order.AmountMinor));
        if (!charge.Refunded || order.Status == OrderStatus.Refunded)
        {
            Outcome(recorded, StripeEventOutcome.Processed, order.Status == OrderStatus.Refunded ? "Refunded already." : "Partly refunded; access stays.");
            return;
        }
        var wasPaid = order.Status == OrderStatus.Paid;
        order.Status = OrderStatus.Refunded;
        order.RefundedAt = clock.GetUtcNow();
        order.RefundRequestedAt ??= order.RefundedAt;
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.UserId == order.BuyerId && e.CourseId == order.CourseId && e.OrderId == order.Id, cancellationToken);
        if (enrollment is { IsActive: true })
        {
            enrollment.RevokedAt = order.RefundedAt;
            await db.CountEnrollmentAsync(order.CourseId, -1, cancellationToken);
        }
        if (wasPaid)
        {
            db.AddIntegrationEvent(new OrderRefunded(order.Id), clock);
        }
        Outcome(recorded, StripeEventOutcome.Processed, "Order refunded; access revoked.");
    }

    private async Task AccountUpdatedAsync(StripeEvent recorded, Account account, CancellationToken cancellationToken)
    {
        var payout = await db.PayoutAccounts.SingleOrDefaultAsync(a => a.StripeAccountId == account.Id, cancellationToken);
        if (payout is null)
        {
            Outcome(recorded, StripeEventOutcome.Ignored, $"Account {account.Id} is not a teacher's.");
            return;
        }
        payout.Update(account.ChargesEnabled, account.PayoutsEnabled, account.DetailsSubmitted, clock.GetUtcNow());
        Outcome(recorded, StripeEventOutcome.Processed, payout.CanReceivePayments ? "Payouts enabled." : "Onboarding unfinished.");
    }

    /// <summary>The session's order, locked, if the session is the order's and charges what the order says; otherwise parks the event.</summary>
    private async Task<Order?> MatchingOrderAsync(StripeEvent recorded, Session session, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(session.ClientReferenceId, out var orderId))
        {
            Outcome(recorded, StripeEventOutcome.Parked, $"Session {session.Id} has no CourseHub order id (client_reference_id).");
            return null;
        }
        var order = await LockedOrderAsync(db.Orders.Where(o => o.Id == orderId).Select(o => (Guid?)o.Id), cancellationToken);
        if (order is null)
        {
            Outcome(recorded, StripeEventOutcome.Parked, $"No order {orderId}.");
            return null;
        }
        recorded.OrderId = order.Id;
        if (order.CheckoutSessionId != session.Id)
        {
            Outcome(recorded, StripeEventOutcome.Parked, $"Order {order.Id} was paid through session {order.CheckoutSessionId}, not {session.Id}.");
            return null;
        }
        if (session.AmountTotal != order.AmountMinor || !string.Equals(session.Currency, order.Currency, StringComparison.OrdinalIgnoreCase))
        {
            Outcome(recorded, StripeEventOutcome.Parked,
                $"The session charges {session.AmountTotal} {session.Currency}; the order is for {order.AmountMinor} {order.Currency}.");
            logger.LogWarning("Stripe event {EventId} parked: amount or currency differ from order {OrderId}", recorded.Id, order.Id);
            return null;
        }
        return order;
    }

    /// <summary>Locks the order row for the rest of the transaction, so two events of one order are handled one after the other.</summary>
    private async Task<Order?> LockedOrderAsync(IQueryable<Guid?> which, CancellationToken cancellationToken)
    {
        if (await which.FirstOrDefaultAsync(cancellationToken) is not { } id)
        {
            return null;
        }
        return await db.Orders.FromSql($"SELECT * FROM orders WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
    }

    private static void Outcome(StripeEvent recorded, StripeEventOutcome outcome, string note)
    {
        recorded.Outcome = outcome;
        recorded.Note = note;
    }
}
