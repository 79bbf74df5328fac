using System.Net;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.Worker.Features.Email;

namespace CourseHub.Worker.Features.Payments;

/// <summary>
/// The buyer's receipt email, with the PDF attached, when an order is paid; a refund confirmation with the updated
/// receipt when it is refunded. Sent through the inbox (at least once, as a rule once, the same Message-ID each time).
/// </summary>
public sealed class ReceiptEmailHandlers(Inbox inbox, OrderReceipts receipts, EmailSender sender, IConfiguration configuration, ILogger<ReceiptEmailHandlers> logger)
    : IEventHandler<OrderPaid>, IEventHandler<OrderRefunded>
{
    private string WebBaseUrl => configuration.WebBaseUrl();

    public Task HandleAsync(OrderPaid message, MessageContext context, CancellationToken cancellationToken) =>
        SendAsync(message.OrderId, context, refund: false, cancellationToken);

    public Task HandleAsync(OrderRefunded message, MessageContext context, CancellationToken cancellationToken) =>
        SendAsync(message.OrderId, context, refund: true, cancellationToken);

    private async Task SendAsync(Guid orderId, MessageContext context, bool refund, CancellationToken cancellationToken)
    {
        var result = await inbox.ProcessAsync(context.MessageId, context.Queue, async token =>
        {
            if (await receipts.MakeAsync(orderId, token) is not { } receipt)
            {
                logger.LogWarning("Order {OrderId} is not paid; no receipt to send", orderId);
                return;
            }
            var amount = Money.Format(refund ? receipt.Order.RefundedMinor : receipt.Order.AmountMinor, receipt.Order.Currency);
            var title = WebUtility.HtmlEncode(receipt.CourseTitle);
            var name = WebUtility.HtmlEncode(receipt.BuyerName);
            var orders = $"{WebBaseUrl}/my/orders";
            var course = $"{WebBaseUrl}/learn/{Uri.EscapeDataString(receipt.CourseSlug)}";
            var (subject, html, text) = refund
                ? ($"Your refund for “{receipt.CourseTitle}”",
                    $"<p>Hi {name},</p><p>We refunded <strong>{amount}</strong> for <strong>{title}</strong>. It reaches your card within 5–10 business days. Your access to the course has ended.</p><p>The updated receipt is attached. <a href=\"{orders}\">My orders</a></p>",
                    $"Hi {receipt.BuyerName},\n\nWe refunded {amount} for \"{receipt.CourseTitle}\". It reaches your card within 5-10 business days. Your access to the course has ended.\n\nThe updated receipt is attached. My orders: {orders}\n")
                : ($"Your receipt for “{receipt.CourseTitle}”",
                    $"<p>Hi {name},</p><p>Thank you! You paid <strong>{amount}</strong> for <strong>{title}</strong> and you are enrolled.</p><p><a href=\"{course}\">Start learning</a></p><p>Your receipt is attached (PDF). You can also find it under <a href=\"{orders}\">My orders</a>, where you can ask for a refund within 30 days.</p>",
                    $"Hi {receipt.BuyerName},\n\nThank you! You paid {amount} for \"{receipt.CourseTitle}\" and you are enrolled.\n\nStart learning: {course}\n\nYour receipt is attached (PDF). It is also under My orders ({orders}), where you can ask for a refund within 30 days.\n");
            await sender.SendAsync(context.MessageId, receipt.BuyerEmail, subject, html, text, token,
                [new EmailAttachment(receipt.FileName, "application/pdf", receipt.Pdf)]);
        }, cancellationToken);
        if (result.Outcome == InboxOutcome.ClaimedElsewhere)
        {
            throw new DeliveryDeferredException("another consumer is sending this receipt", result.RetryAfter);
        }
    }
}
