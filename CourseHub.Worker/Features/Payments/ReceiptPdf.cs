using System.Globalization;
using CourseHub.Worker.Documents;

namespace CourseHub.Worker.Features.Payments;

/// <summary>What a receipt says.</summary>
public sealed record ReceiptContent(
    string Number,
    DateTimeOffset PaidAt,
    string BuyerName,
    string BuyerEmail,
    string CourseTitle,
    string TeacherName,
    string Amount,
    string? Refunded,
    DateTimeOffset? RefundedAt,
    string Total);

/// <summary>A one-page A4 PDF receipt (see <see cref="PdfCanvas"/> for how it is written).</summary>
public static class ReceiptPdf
{
    private const double Margin = 56;

    public static byte[] Render(ReceiptContent receipt)
    {
        var page = new PdfCanvas(595, 842);
        var right = page.Width - Margin;
        var y = page.Height - Margin;
        page.Text("F2", 22, Margin, y, "CourseHub");
        page.Text("F1", 10, right - 160, y + 6, receipt.Refunded is null ? "RECEIPT" : "RECEIPT  -  REFUNDED");
        y -= 18;
        page.Rule(Margin, y, right);
        y -= 30;
        foreach (var (label, value) in new[]
        {
            ("Receipt number", receipt.Number),
            ("Date paid", Date(receipt.PaidAt)),
            ("Billed to", receipt.BuyerName),
            ("Email", receipt.BuyerEmail),
            ("Payment method", "Card, through Stripe"),
        })
        {
            page.Text("F1", 10, Margin, y, label).Text("F2", 10, Margin + 130, y, value);
            y -= 16;
        }
        y -= 20;
        page.Text("F2", 11, Margin, y, "Course").Text("F2", 11, right - 120, y, "Amount");
        y -= 8;
        page.Rule(Margin, y, right);
        y -= 18;
        foreach (var line in PdfCanvas.Wrap(receipt.CourseTitle, 58))
        {
            page.Text("F1", 11, Margin, y, line);
            y -= 14;
        }
        page.Text("F1", 9, Margin, y, $"Online course by {receipt.TeacherName} - lifetime access");
        Amount(page, y + 14, receipt.Amount, 11);
        y -= 24;
        if (receipt.Refunded is { } refunded)
        {
            page.Text("F1", 11, Margin, y, $"Refunded{(receipt.RefundedAt is { } at ? " on " + Date(at) : "")}");
            Amount(page, y, "-" + refunded, 11);
            y -= 24;
        }
        page.Rule(Margin, y + 8, right);
        y -= 10;
        page.Text("F2", 12, Margin, y, receipt.Refunded is null ? "Total paid" : "Total after refund");
        Amount(page, y, receipt.Total, 12);
        y -= 60;
        page.Text("F1", 9, Margin, y, "Thank you for learning with CourseHub. Keep this receipt for your records.");
        page.Text("F1", 9, Margin, y - 13, "Refunds can be requested from My orders within 30 days of purchase.");
        return page.ToPdf($"CourseHub receipt {receipt.Number}");
    }

    // Courier's glyphs are all 0.6 em wide, so right-aligning an amount needs no font metrics.
    private static void Amount(PdfCanvas page, double y, string amount, double size) =>
        page.Text("F3", size, page.Width - Margin - amount.Length * 0.6 * size, y, amount);

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
