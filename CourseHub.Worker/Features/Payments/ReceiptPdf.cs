using System.Globalization;
using System.Text;

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

/// <summary>
/// A one-page A4 PDF receipt, written directly in PDF's own syntax with the standard Helvetica and Courier fonts every
/// PDF reader has built in: nothing to embed, no font files on the server, and the same bytes for the same receipt.
/// Text is WinAnsi-encoded (Latin letters, €, £, ¥); a character outside it prints as "?".
/// </summary>
public static class ReceiptPdf
{
    private const double PageWidth = 595, PageHeight = 842, Margin = 56;
    private static readonly Encoding WinAnsi = LoadWinAnsi();

    public static byte[] Render(ReceiptContent receipt)
    {
        var page = new StringBuilder();
        var y = PageHeight - Margin;
        Text(page, "F2", 22, Margin, y, "CourseHub");
        Text(page, "F1", 10, PageWidth - Margin - 160, y + 6, receipt.Refunded is null ? "RECEIPT" : "RECEIPT  -  REFUNDED");
        y -= 18;
        Rule(page, y);
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
            Text(page, "F1", 10, Margin, y, label);
            Text(page, "F2", 10, Margin + 130, y, value);
            y -= 16;
        }
        y -= 20;
        Text(page, "F2", 11, Margin, y, "Course");
        Text(page, "F2", 11, PageWidth - Margin - 120, y, "Amount");
        y -= 8;
        Rule(page, y);
        y -= 18;
        foreach (var line in Wrap(receipt.CourseTitle, 58))
        {
            Text(page, "F1", 11, Margin, y, line);
            y -= 14;
        }
        Text(page, "F1", 9, Margin, y, $"Online course by {receipt.TeacherName} - lifetime access");
        Amount(page, y + 14, receipt.Amount);
        y -= 24;
        if (receipt.Refunded is { } refunded)
        {
            Text(page, "F1", 11, Margin, y, $"Refunded{(receipt.RefundedAt is { } at ? " on " + Date(at) : "")}");
            Amount(page, y, "-" + refunded);
            y -= 24;
        }
        Rule(page, y + 8);
        y -= 10;
        Text(page, "F2", 12, Margin, y, receipt.Refunded is null ? "Total paid" : "Total after refund");
        Amount(page, y, receipt.Total, bold: true);
        y -= 60;
        Text(page, "F1", 9, Margin, y, "Thank you for learning with CourseHub. Keep this receipt for your records.");
        Text(page, "F1", 9, Margin, y - 13, "Refunds can be requested from My orders within 30 days of purchase.");
        return Document(page.ToString(), $"CourseHub receipt {receipt.Number}");
    }

    private static void Amount(StringBuilder page, double y, string amount, bool bold = false) =>
        // Courier's glyphs are all 0.6 em wide, so right-aligning needs no font metrics.
        Text(page, "F3", bold ? 12 : 11, PageWidth - Margin - amount.Length * 0.6 * (bold ? 12 : 11), y, amount);

    private static void Text(StringBuilder page, string font, double size, double x, double y, string text) =>
        page.Append(CultureInfo.InvariantCulture, $"BT /{font} {size} Tf {x:0.##} {y:0.##} Td ({Escape(text)}) Tj ET\n");

    private static void Rule(StringBuilder page, double y) =>
        page.Append(CultureInfo.InvariantCulture, $"0.8 G 0.75 w {Margin} {y:0.##} m {PageWidth - Margin} {y:0.##} l S 0 G\n");

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        yield return line.ToString();
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A PDF string literal: WinAnsi bytes, with delimiters escaped and everything outside printable ASCII as octal.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var b in WinAnsi.GetBytes(text.Replace('\u2212', '-')))
        {
            escaped.Append(b switch
            {
                (byte)'(' or (byte)')' or (byte)'\\' => "\\" + (char)b,
                < 32 or > 126 => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
                _ => ((char)b).ToString(),
            });
        }
        return escaped.ToString();
    }

    private static byte[] Document(string content, string title)
    {
        var contentBytes = Encoding.ASCII.GetBytes(content);
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> /Contents 7 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>",
            $"<< /Length {contentBytes.Length} >>\nstream\n{content}endstream",
            $"<< /Title ({Escape(title)}) /Producer (CourseHub) >>",
        ];
        using var pdf = new MemoryStream();
        void Write(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }
        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info {objects.Length} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static Encoding LoadWinAnsi()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }
}
