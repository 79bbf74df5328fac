using Azure.Storage.Blobs;
using CourseHub.Contracts.Commerce;
using CourseHub.Domain;
using CourseHub.Domain.Commerce;
using CourseHub.Worker.Documents;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.Payments;

/// <summary>A paid (or refunded) order's PDF receipt, made from the order as it is now and kept in blob storage for the buyer to download.</summary>
public sealed class OrderReceipts(CourseHubDbContext db, BlobServiceClient blobs)
{
    public sealed record Made(byte[] Pdf, string FileName, string BuyerEmail, string BuyerName, string CourseTitle, string CourseSlug, Order Order);

    public async Task<Made?> MakeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var row = await (from o in db.Orders.AsNoTracking()
                         join course in db.Courses on o.CourseId equals course.Id
                         join buyer in db.Users on o.BuyerId equals buyer.Id
                         where o.Id == orderId
                         select new { order = o, course.Title, course.Slug, course.TeacherName, buyer.Email, buyer.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (row?.order is not { PaidAt: { } paidAt } paid)
        {
            return null;
        }
        var order = paid;
        var refunded = order.RefundedMinor > 0 ? Money.Format(order.RefundedMinor, order.Currency) : null;
        var pdf = ReceiptPdf.Render(new ReceiptContent(
            Number: NumberOf(order),
            PaidAt: paidAt,
            BuyerName: row.DisplayName,
            BuyerEmail: row.Email ?? "",
            CourseTitle: row.Title,
            TeacherName: row.TeacherName,
            Amount: Money.Format(order.AmountMinor, order.Currency),
            Refunded: refunded,
            RefundedAt: order.RefundedAt,
            Total: Money.Format(order.AmountMinor - order.RefundedMinor, order.Currency)));

        var name = ReceiptBlobs.NameFor(order.Id);
        await blobs.StoreAsync(ReceiptBlobs.Container, name, pdf, cancellationToken);
        await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(update => update.SetProperty(o => o.ReceiptBlobName, name), cancellationToken);
        return new Made(pdf, $"coursehub-receipt-{NumberOf(order)}.pdf", row.Email ?? "", row.DisplayName, row.Title, row.Slug, order);
    }

    /// <summary>The receipt number people quote to support: the order id's first eight characters, upper case.</summary>
    public static string NumberOf(Order order) => order.Id.ToString("N")[..8].ToUpperInvariant();
}
