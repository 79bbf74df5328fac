using System.Diagnostics;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace CourseHub.Tests.Learning;

/// <summary>
/// Reads the QR code on the first page of a PDF the way a phone would: the page is rendered to pixels (Poppler's
/// pdftoppm, from Debian) and the picture is decoded (ZXing), so a code that is drawn wrongly fails to read.
/// </summary>
public static class PdfQrCodes
{
    public static async Task<string?> ReadAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("coursehub-qr-");
        try
        {
            var input = Path.Combine(folder.FullName, "page.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var output = Path.Combine(folder.FullName, "page");
            using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "150", "-gray", "-singlefile", "-f", "1", "-l", "1", input, output])
            {
                RedirectStandardError = true,
            })!;
            var errors = await render.StandardError.ReadToEndAsync();
            await render.WaitForExitAsync();
            Assert.True(render.ExitCode == 0, $"pdftoppm failed: {errors}");
            var (pixels, width, height) = ReadPgm(await File.ReadAllBytesAsync(output + ".pgm"));
            var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
            var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
            return new QRCodeReader().decode(bitmap, hints)?.Text;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A binary PGM (P5, 8 bits): a text header of magic, width, height and maximum, then one byte a pixel.</summary>
    private static (byte[] Pixels, int Width, int Height) ReadPgm(byte[] file)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }
            return System.Text.Encoding.ASCII.GetString(file, start, position - start);
        }
        Assert.Equal("P5", Token());
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        Assert.Equal("255", Token());
        position++; // the single whitespace after the maximum
        return (file[position..(position + width * height)], width, height);
    }
}
