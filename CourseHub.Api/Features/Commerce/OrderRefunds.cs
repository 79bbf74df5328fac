using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace CourseHub.Api.Features.Commerce;

/// <summary>
/// Asks Stripe to refund an order in full, reversing the teacher's transfer and the platform's fee in proportion. The
/// order turns <c>refunded</c> and access ends only when Stripe's <c>charge.refunded</c> arrives (the Worker handles it).
/// </summary>
public sealed class OrderRefunds(CourseHubDbContext db, IStripeClient stripe, IOptions<PaymentsOptions> payments, TimeProvider clock,
    ILogger<OrderRefunds> logger)
{
    /// <summary>When a student may still ask for a refund of an order paid at <paramref name="paidAt"/>.</summary>
    public DateTimeOffset? RefundableUntil(Order order) =>
        order is { Status: OrderStatus.Paid, RefundRequestedAt: null, PaidAt: { } paidAt } ? paidAt.AddDays(payments.Value.RefundWindowDays) : null;

    /// <summary>A student's own request: only within the refund window.</summary>
    public async Task<Order> RequestByBuyerAsync(Guid buyerId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Order not found", "You have no order with this id.");
        if (order.Status == OrderStatus.Paid && order.RefundRequestedAt is null && order.PaidAt is { } paidAt
            && clock.GetUtcNow() > paidAt.AddDays(payments.Value.RefundWindowDays))
        {
            throw Refusal.Conflict("refund-window-closed", "The refund window has closed",
                $"Refunds can be requested within {payments.Value.RefundWindowDays} days of purchase. Contact support if something went wrong.");
        }
        return await RefundAsync(order, requestedBy: "buyer", cancellationToken);
    }

    /// <summary>An admin's refund: any paid order, at any time.</summary>
    public async Task<Order> RefundByAdminAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Order not found", "There is no order with this id.");
        return await RefundAsync(order, requestedBy: "admin", cancellationToken);
    }

    private async Task<Order> RefundAsync(Order order, string requestedBy, CancellationToken cancellationToken)
    {
        if (order.RefundRequestedAt is not null && order.Status is OrderStatus.Paid or OrderStatus.Refunded)
        {
            return order; // Asked before: Stripe has it (the same idempotency key would answer the same refund anyway).
        }
        if (order.Status != OrderStatus.Paid || order.PaymentIntentId is null)
        {
            throw Refusal.Conflict("not-refundable", "This order cannot be refunded",
                order.Status == OrderStatus.Refunded ? "It has been refunded already." : $"Only paid orders can be refunded; this one is {order.Status.ToString().ToLowerInvariant()}.");
        }
        try
        {
            await new Stripe.RefundService(stripe).CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = order.PaymentIntentId,
                Reason = "requested_by_customer",
                ReverseTransfer = true,
                RefundApplicationFee = true,
                Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(), ["requested_by"] = requestedBy },
            }, new RequestOptions { IdempotencyKey = $"refund-{order.Id}" }, cancellationToken);
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "charge_already_refunded")
        {
            logger.LogInformation("Order {OrderId} was refunded at Stripe already; its charge.refunded event will settle it", order.Id);
        }
        catch (StripeException ex)
        {
            logger.LogError(ex, "Stripe refused the refund of order {OrderId}: {Message}", order.Id, ex.StripeError?.Message ?? ex.Message);
            throw Refusal.Unavailable("payment-provider-unavailable", "The refund could not be started",
                "The payment provider did not accept the refund. Nothing changed; please try again in a minute.");
        }
        order.RefundRequestedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        return order;
    }
}
