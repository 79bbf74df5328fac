using System.Text;
using CourseHub.Api.Features.Teaching.Media;
using CourseHub.Api.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Unit;

/// <summary>What an upload is, judged from its first bytes; and the file names kept for saving.</summary>
public sealed class ContentSnifferTests
{
    private static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    private static byte[] IsoFile(string brand) => [0, 0, 0, 0x18, .. Bytes("ftyp"), .. Bytes(brand), 0, 0, 0, 0, .. new byte[32]];

    [Theory]
    [InlineData("isom", "video/mp4")]
    [InlineData("mp42", "video/mp4")]
    [InlineData("qt  ", "video/quicktime")]
    [InlineData("M4V ", "video/x-m4v")]
    [InlineData("M4A ", null)] // audio, not a video
    [InlineData("heic", null)] // a still image
    public void Iso_media_files_are_videos_unless_their_brand_says_audio_or_image(string brand, string? expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(UploadKind.Video, IsoFile(brand), "clip.mp4", isWholeFile: true).ContentType);

    [Fact]
    public void Matroska_webm_and_ogg_theora_are_videos_ogg_vorbis_is_not()
    {
        byte[] ebml = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84];
        Assert.Equal("video/webm", ContentSniffer.Sniff(UploadKind.Video, [.. ebml, .. Bytes("webm")], "a", true).ContentType);
        Assert.Equal("video/x-matroska", ContentSniffer.Sniff(UploadKind.Video, [.. ebml, 0x88, .. Bytes("matroska")], "a", true).ContentType);
        var oggPage = Bytes("OggS").Concat(new byte[24]).ToArray();
        Assert.Equal("video/ogg", ContentSniffer.Sniff(UploadKind.Video, [.. oggPage, .. Bytes("\u0080theora")], "a", true).ContentType);
        Assert.Null(ContentSniffer.Sniff(UploadKind.Video, [.. oggPage, .. Bytes("\u0001vorbis")], "a", true).ContentType);
    }

    [Theory]
    [InlineData("%PDF-1.4 ...", "x.bin", "application/pdf")]
    [InlineData("PK\u0003\u0004 any zip", "slides.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("PK\u0003\u0004 any zip", "code.zip", "application/zip")]
    [InlineData("PK\u0003\u0004 any zip", "notes.pdf", "application/zip")] // the name only tells zip-based formats apart
    [InlineData("GIF89a....", "a.gif", "image/gif")]
    [InlineData("ID3\u0004\u0000 tagged", "song.mp3", "audio/mpeg")]
    [InlineData("\u00FF\u00FB\u0090\u0064 frame", "song.mp3", "audio/mpeg")]
    [InlineData("name,score\nBo,7\n", "scores.csv", "text/csv; charset=utf-8")]
    [InlineData("# Title\n", "README.md", "text/markdown; charset=utf-8")]
    [InlineData("Inline SVG: <svg onload=alert(1)>", "svg-example.md", "text/markdown; charset=utf-8")] // markup not at the start: text
    [InlineData("if (a < b) run();", "example.txt", "text/plain; charset=utf-8")]
    public void Downloads_are_recognised_by_content(string start, string name, string expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(UploadKind.File, Bytes(start), name, isWholeFile: true).ContentType);

    [Theory]
    [InlineData("<svg onload=alert(1)>", "image.svg")]
    [InlineData("<svg onload=alert(1)>", "image.txt")] // by content
    [InlineData("\uFEFF  \n<!DOCTYPE html><script>alert(1)</script>", "notes.txt")]
    [InlineData("<html><body onload=alert(1)>", "page.csv")]
    [InlineData("<?xml version=\"1.0\"?><x/>", "data.txt")]
    [InlineData("plain words", "page.html")] // by name
    [InlineData("plain words", "page.HTM")]
    [InlineData("alert(document.cookie)", "app.js")]
    [InlineData("alert(document.cookie)", "app.mjs")]
    [InlineData("<x/>", "feed.xml")]
    [InlineData("%PDF-1.4 ...", "trick.xhtml")]
    public void Web_pages_svg_xml_and_scripts_are_refused_by_content_and_by_name(string start, string name)
    {
        // UTF-8 puts U+FEFF as the byte order mark EF BB BF.
        var verdict = ContentSniffer.Sniff(UploadKind.File, Encoding.UTF8.GetBytes(start), name, isWholeFile: true);
        Assert.Null(verdict.ContentType);
        Assert.Contains("Web pages, SVG, XML and JavaScript", verdict.Refusal);
    }

    [Fact]
    public void An_epub_is_told_apart_from_other_zip_files_by_its_mimetype_entry()
    {
        var epub = Bytes("PK\u0003\u0004").Concat(new byte[26]).Concat(Bytes("mimetypeapplication/epub+zip")).ToArray();
        Assert.Equal("application/epub+zip", ContentSniffer.Sniff(UploadKind.File, epub, "book.zip", true).ContentType);
    }

    [Fact]
    public void Programs_and_scripts_are_refused_whatever_their_name_and_unknown_binaries_too()
    {
        foreach (var program in new[] { MediaTestFiles.WindowsExecutable(), MediaTestFiles.LinuxExecutable(), MediaTestFiles.ShellScript(),
                     [0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1], [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2] })
        {
            Assert.Equal(ContentSniffer.NoPrograms, ContentSniffer.Sniff(UploadKind.File, program, "notes.pdf", true).Refusal);
        }
        Assert.Equal(ContentSniffer.FileTypes, ContentSniffer.Sniff(UploadKind.File, MediaTestFiles.Unknown(), "data.txt", true).Refusal);
        Assert.Equal(ContentSniffer.FileTypes, ContentSniffer.Sniff(UploadKind.File, Bytes("caf\u00E9 latin-1"), "a.txt", true).Refusal);
    }

    [Fact]
    public void Text_cut_inside_a_character_is_text_unless_it_is_the_whole_file()
    {
        var cut = Encoding.UTF8.GetBytes("naïve café €")[..^1]; // the euro sign's last byte is missing
        Assert.NotNull(ContentSniffer.Sniff(UploadKind.File, cut, "a.txt", isWholeFile: false).ContentType);
        Assert.Null(ContentSniffer.Sniff(UploadKind.File, cut, "a.txt", isWholeFile: true).ContentType);
    }

    [Fact]
    public void Thumbnails_are_jpeg_png_or_webp_only()
    {
        Assert.Equal("image/png", ContentSniffer.Sniff(UploadKind.Thumbnail, MediaTestFiles.Png(4, 4), "x", true).ContentType);
        Assert.Equal("image/jpeg", ContentSniffer.Sniff(UploadKind.Thumbnail, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "x", true).ContentType);
        Assert.Equal(ContentSniffer.ThumbnailTypes, ContentSniffer.Sniff(UploadKind.Thumbnail, Bytes("GIF89a...."), "x.png", true).Refusal);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\Week 1: notes?.pdf", "Week 1 notes.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")] // a right-to-left override would show "exe.pdf"
    [InlineData("  ..hidden.  ", "hidden")]
    [InlineData("\u0000\u0001", "file")]
    [InlineData(null, "file")]
    public void File_names_keep_only_a_safe_last_segment(string? name, string expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Fact]
    public void Long_file_names_are_cut_keeping_the_extension()
    {
        var name = FileNames.Sanitize(new string('a', 400) + ".pdf");
        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith("a.pdf", name);
    }
}
