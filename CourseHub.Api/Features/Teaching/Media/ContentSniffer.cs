using CourseHub.Api.Infrastructure;
using System.Text;
using System.Text.Unicode;
using CourseHub.Api.Infrastructure.Media;

namespace CourseHub.Api.Features.Teaching.Media;

/// <summary>What an upload slot takes: a course thumbnail, a lesson video, or a file (download or resource).</summary>
[FeatureSeam]
public enum UploadKind
{
    Thumbnail,
    Video,
    File,
}

/// <summary>The verdict on an upload's first bytes: the content type to store it with, or why it is refused.</summary>
public sealed record SniffResult(string? ContentType, string? Refusal)
{
    public static SniffResult Accept(string contentType) => new(contentType, null);
    public static SniffResult Refuse(string refusal) => new(null, refusal);
}

/// <summary>
/// Decides what a file is from its first bytes, never from its name or the browser's claim (the name only picks
/// between types the content already proves, such as docx versus plain zip, and refuses names a browser would run).
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes a verdict looks at (the text check reads all of them).</summary>
    public const int HeadLength = 8 * 1024;

    public const string ThumbnailTypes = "Only JPEG, PNG or WebP images are accepted (checked by content, not by file name).";
    public const string VideoTypes = "Only MP4, M4V, MOV, WebM, MKV or Ogg videos are accepted (checked by content, not by file name).";
    public const string FileTypes = "This kind of file is not accepted. Upload a PDF, a ZIP-based document (zip, docx, xlsx, pptx, epub), "
        + "an image (PNG, JPEG, WebP, GIF), MP3 or MP4 audio, or a plain-text file such as CSV, Markdown or code.";
    public const string NoPrograms = "Programs and scripts are not accepted (this file is an executable or starts with #!).";
    public const string NoActiveContent = "Web pages, SVG, XML and JavaScript files are not accepted (a browser could run them); "
        + "zip them or save them as plain text (.txt).";

    // Names a browser opens as a page or runs as a script, whatever the file holds.
    private static readonly string[] ActiveExtensions =
    [
        ".htm", ".html", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".hta", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".xsd", ".rss",
        ".atom", ".js", ".mjs", ".cjs", ".jsx", ".vbs", ".wsf", ".swf",
    ];

    // ISO BMFF major brands that are audio or still images, not video.
    private static readonly string[] AudioBrands = ["M4A ", "M4B ", "M4P ", "F4A ", "F4B "];
    private static readonly string[] ImageBrands = ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis"];

    /// <param name="head">The first bytes (up to <see cref="HeadLength"/>).</param>
    /// <param name="isWholeFile">Whether <paramref name="head"/> is the entire file (a cut multi-byte character at its end is then an error).</param>
    public static SniffResult Sniff(UploadKind kind, ReadOnlySpan<byte> head, string fileName, bool isWholeFile)
    {
        if (IsProgram(head))
        {
            return SniffResult.Refuse(NoPrograms);
        }
        return kind switch
        {
            UploadKind.Thumbnail => ImageSniffer.Detect(head) is { } image ? SniffResult.Accept(image) : SniffResult.Refuse(ThumbnailTypes),
            UploadKind.Video => Video(head) is { } video ? SniffResult.Accept(video) : SniffResult.Refuse(VideoTypes),
            UploadKind.File when IsActiveContent(head, fileName) => SniffResult.Refuse(NoActiveContent),
            _ => File(head, fileName, isWholeFile) is { } file ? SniffResult.Accept(file) : SniffResult.Refuse(FileTypes),
        };
    }

    private static bool IsProgram(ReadOnlySpan<byte> head) => head switch
    {
        [(byte)'M', (byte)'Z', ..] => true, // DOS / Windows PE
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => true,
        [0xFE, 0xED, 0xFA, 0xCE or 0xCF, ..] or [0xCE or 0xCF, 0xFA, 0xED, 0xFE, ..] => true, // Mach-O, both byte orders
        [0xCA, 0xFE, 0xBA, 0xBE, ..] => true, // Mach-O universal binary (and Java classes)
        [(byte)'#', (byte)'!', ..] => true, // a script naming its interpreter
        _ => false,
    };

    /// <summary>
    /// A page, an image with scripts or a script: by its name (HTML, SVG, XML, JavaScript and the like), or by content —
    /// text whose first non-blank character opens a markup tag, a declaration or a processing instruction.
    /// </summary>
    private static bool IsActiveContent(ReadOnlySpan<byte> head, string fileName)
    {
        if (ActiveExtensions.Contains(Path.GetExtension(fileName).ToLowerInvariant()))
        {
            return true;
        }
        var text = head.StartsWith(Utf8Bom) ? head[Utf8Bom.Length..] : head;
        text = text.TrimStart(" \t\r\n\f"u8);
        return text is [(byte)'<', var next, ..] && (char.IsAsciiLetter((char)next) || next is (byte)'!' or (byte)'?');
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static string? Video(ReadOnlySpan<byte> head)
    {
        if (IsoBrand(head) is { } brand)
        {
            return brand switch
            {
                "qt  " => "video/quicktime",
                _ when brand.StartsWith("M4V", StringComparison.Ordinal) => "video/x-m4v",
                _ when AudioBrands.Contains(brand) || ImageBrands.Contains(brand) => null,
                _ => "video/mp4",
            };
        }
        if (head is [0x1A, 0x45, 0xDF, 0xA3, ..])
        {
            // EBML: the DocType in the header says WebM or Matroska.
            return Contains(head[..Math.Min(head.Length, 64)], "webm") ? "video/webm" : "video/x-matroska";
        }
        if (head is [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] && Contains(head[..Math.Min(head.Length, 64)], "\u0080theora"))
        {
            // An Ogg file whose first stream is Theora video (Vorbis or Opus alone would be audio).
            return "video/ogg";
        }
        return null;
    }

    private static string? File(ReadOnlySpan<byte> head, string fileName, bool isWholeFile)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        switch (head)
        {
            case [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..]:
                return "application/pdf";
            case [(byte)'P', (byte)'K', 0x03, 0x04, ..] or [(byte)'P', (byte)'K', 0x05, 0x06, ..]:
                return Zip(head, extension);
            case [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..]:
                return "image/gif";
            case [(byte)'I', (byte)'D', (byte)'3', ..]:
                return "audio/mpeg";
            case [0xFF, var second, ..] when (second & 0xE0) == 0xE0 && ((second >> 1) & 0x03) == 0x01:
                return "audio/mpeg"; // an MPEG audio frame, layer III, without an ID3 tag
        }
        if (ImageSniffer.Detect(head) is { } image)
        {
            return image;
        }
        if (IsoBrand(head) is { } brand)
        {
            // An MP4 container: audio brands say so; others may hold sound or picture, which the first bytes cannot tell.
            return AudioBrands.Contains(brand) ? "audio/mp4" : ImageBrands.Contains(brand) ? null : "video/mp4";
        }
        return IsText(head, isWholeFile) ? TextType(extension) : null;
    }

    private static string Zip(ReadOnlySpan<byte> head, string extension)
    {
        // EPUB stores an uncompressed "mimetype" entry first; Office formats are ZIP packages named by extension.
        if (head.Length >= 58 && Contains(head[30..58], "mimetypeapplication/epub+zip"))
        {
            return "application/epub+zip";
        }
        return extension switch
        {
            ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _ => "application/zip",
        };
    }

    private static string TextType(string extension) => extension switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".md" or ".markdown" => "text/markdown; charset=utf-8",
        // Code included (HTML, SVG and scripts are refused before): stored as plain text, so a browser never runs it.
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>Valid UTF-8 without NUL bytes. When the head is only the start of the file, its last character may be cut.</summary>
    private static bool IsText(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }
        for (var cut = 0; cut <= (isWholeFile ? 0 : Math.Min(3, head.Length)); cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The major brand of an ISO base media file (MP4, MOV, M4A…): bytes 8–11 after the <c>ftyp</c> box type.</summary>
    private static string? IsoBrand(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) ? Encoding.ASCII.GetString(head[8..12]) : null;

    private static bool Contains(ReadOnlySpan<byte> data, string ascii) => data.IndexOf(Encoding.Latin1.GetBytes(ascii)) >= 0;
}
