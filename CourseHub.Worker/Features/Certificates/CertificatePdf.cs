using System.Globalization;
using CourseHub.Domain.Learning;
using CourseHub.Worker.Documents;
using QRCoder;

namespace CourseHub.Worker.Features.Certificates;

/// <summary>
/// A landscape A4 certificate: who completed which course, taught by whom, when, its verification code, and a QR code
/// (drawn as vector squares, so it stays sharp at any zoom) that opens the public verification page.
/// </summary>
public static class CertificatePdf
{
    private static readonly (double, double, double) Accent = (0.31, 0.27, 0.9);
    private static readonly (double, double, double) Muted = (0.35, 0.35, 0.4);

    public static byte[] Render(Certificate certificate, string verificationUrl)
    {
        var page = new PdfCanvas(842, 595);
        page.Fill(0, 0, 28, page.Height, Accent);
        const double left = 80;
        var y = page.Height - 90;
        page.Text("F2", 16, left, y, "CourseHub", Accent);
        y -= 60;
        page.Text("F5", 20, left, y, "Certificate of completion", Muted);
        y -= 70;
        page.Text("F4", 40, left, y, certificate.StudentName);
        y -= 40;
        page.Text("F1", 14, left, y, "has completed every lesson of the course", Muted);
        y -= 34;
        foreach (var line in PdfCanvas.Wrap(certificate.CourseTitle, 44))
        {
            page.Text("F2", 24, left, y, line);
            y -= 30;
        }
        page.Text("F1", 14, left, y - 4, $"taught by {certificate.TeacherName}", Muted);
        page.Rule(left, 130, 520);
        page.Text("F1", 11, left, 108, $"Completed on {certificate.CompletedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}", Muted);
        page.Text("F1", 11, left, 90, "Verification code", Muted);
        page.Text("F3", 13, left + 110, 90, certificate.Code);
        page.Text("F1", 9, left, 70, verificationUrl, Muted);
        DrawQr(page, verificationUrl, x: 630, y: 70, size: 150);
        page.Text("F1", 9, 630, 56, "Scan to verify", Muted);
        return page.ToPdf($"Certificate {certificate.Code}: {certificate.CourseTitle}");
    }

    private static void DrawQr(PdfCanvas page, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Count; column++)
            {
                if (modules[row][column])
                {
                    // Rows run top to bottom; PDF's y axis runs up. A hair of overlap keeps viewers from drawing seams.
                    page.Fill(x + column * cell, y + size - (row + 1) * cell, cell + 0.05, cell + 0.05, (0, 0, 0));
                }
            }
        }
    }
}
