using System.Globalization;
using System.Text;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// A one-page PDF "workbook" for each demo course, so the demo's download lessons have a real file to open.
/// Written by hand (a handful of PDF objects) because a dependency for a demo file is not worth it.
/// </summary>
public static class DemoWorkbook
{
    public static byte[] Pdf(string courseTitle)
    {
        var title = Escape(courseTitle);
        var content = $"BT /F1 22 Tf 72 720 Td ({title}) Tj 0 -36 Td /F1 14 Tf (Course workbook) Tj " +
                      "0 -28 Td (Exercises and notes for every module of this demo course.) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>Plain ASCII with PDF string delimiters escaped (Helvetica's standard encoding has no other letters we can rely on).</summary>
    private static string Escape(string text) =>
        new string(text.Normalize(NormalizationForm.FormD).Where(c => c is >= ' ' and <= '~').ToArray())
            .Replace(@"\", @"\\").Replace("(", @"\(").Replace(")", @"\)");
}
