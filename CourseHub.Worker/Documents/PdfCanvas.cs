using System.Globalization;
using System.Text;

namespace CourseHub.Worker.Documents;

/// <summary>
/// One PDF page drawn in PDF's own operators, with the standard fonts every PDF reader has built in (Helvetica,
/// Helvetica-Bold, Courier-Bold, Times-Roman, Times-Italic as F1–F5): nothing to embed, no font files on the server, and
/// the same bytes for the same document. Text is WinAnsi-encoded (Latin letters, €, £, ¥); other characters print as "?".
/// Coordinates are points from the bottom left.
/// </summary>
public sealed class PdfCanvas(double width, double height)
{
    private static readonly Encoding WinAnsi = LoadWinAnsi();
    private readonly StringBuilder _content = new();

    public double Width => width;
    public double Height => height;

    public PdfCanvas Text(string font, double size, double x, double y, string text, (double R, double G, double B)? color = null)
    {
        var (r, g, b) = color ?? (0, 0, 0);
        _content.Append(CultureInfo.InvariantCulture, $"BT {r:0.###} {g:0.###} {b:0.###} rg /{font} {size} Tf {x:0.##} {y:0.##} Td ({Escape(text)}) Tj ET\n");
        return this;
    }

    public PdfCanvas Rule(double x1, double y, double x2, double gray = 0.8, double lineWidth = 0.75)
    {
        _content.Append(CultureInfo.InvariantCulture, $"{gray:0.##} G {lineWidth:0.##} w {x1:0.##} {y:0.##} m {x2:0.##} {y:0.##} l S 0 G\n");
        return this;
    }

    public PdfCanvas Fill(double x, double y, double w, double h, (double R, double G, double B) color)
    {
        _content.Append(CultureInfo.InvariantCulture, $"{color.R:0.###} {color.G:0.###} {color.B:0.###} rg {x:0.##} {y:0.##} {w:0.##} {h:0.##} re f 0 g\n");
        return this;
    }

    /// <summary>Lines of at most <paramref name="width"/> characters, broken between words.</summary>
    public static IEnumerable<string> Wrap(string text, int width)
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

    public byte[] ToPdf(string title)
    {
        var content = _content.ToString();
        var contentBytes = Encoding.ASCII.GetBytes(content);
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R /F4 7 0 R /F5 8 0 R >> >> /Contents 9 0 R >>"),
            Font("Helvetica"),
            Font("Helvetica-Bold"),
            Font("Courier-Bold"),
            Font("Times-Roman"),
            Font("Times-Italic"),
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

    private static string Font(string name) => $"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>";

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

    private static Encoding LoadWinAnsi()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }
}
