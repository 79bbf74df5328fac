using CourseHub.Api.Infrastructure;

namespace CourseHub.Tests.Unit;

/// <summary>Which characters a text field refuses, by the kind of field its JSON path names; and the content types read URLs keep.</summary>
public sealed class UnsafeTextTests
{
    [Theory]
    [InlineData("displayName", TextInput.Kind.Line)]
    [InlineData("questions[0].options[1].text", TextInput.Kind.Line)]
    [InlineData("answers[0].text", TextInput.Kind.Line)]
    [InlineData("text", TextInput.Kind.FreeText)]
    [InlineData("questions[0].prompt", TextInput.Kind.FreeText)]
    [InlineData("description", TextInput.Kind.FreeText)]
    [InlineData("textMarkdown", TextInput.Kind.FreeText)]
    [InlineData("newPassword", TextInput.Kind.Secret)]
    public void A_field_is_judged_by_its_last_name(string path, TextInput.Kind expected) => Assert.Equal(expected, TextInput.KindOf(path));

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")] // C1
    public void Control_characters_are_refused_in_every_kind_of_field(string value)
    {
        foreach (var kind in Enum.GetValues<TextInput.Kind>())
        {
            Assert.NotNull(TextInput.Problem(value, kind));
        }
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_and_a_pair_is_fine()
    {
        // Built at run time: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.NotNull(TextInput.Problem("a" + (char)0xD800 + "b", TextInput.Kind.FreeText));
        Assert.NotNull(TextInput.Problem("a" + (char)0xDC00, TextInput.Kind.Secret));
        Assert.Null(TextInput.Problem("a\uD83D\uDE00", TextInput.Kind.Line));
    }

    [Theory]
    [InlineData("Line one\nline two\r\n\tindented")]
    [InlineData("Arabic \u202Bمرحبا\u202C and an emoji family 👨\u200D👩\u200D👧")]
    public void Free_text_keeps_line_breaks_tabs_and_direction_marks(string value)
    {
        Assert.Null(TextInput.Problem(value, TextInput.Kind.FreeText));
        Assert.NotNull(TextInput.Problem(value, TextInput.Kind.Line));
    }

    [Theory]
    [InlineData("Admin\u202Egnp.exe")]
    [InlineData("\u2066Ana\u2069")]
    [InlineData("Ad\u200Bmin")]
    [InlineData("\uFEFFAna")]
    [InlineData("An\u2060a")]
    public void Names_refuse_direction_overrides_isolates_and_zero_width_characters(string value) =>
        Assert.NotNull(TextInput.Problem(value, TextInput.Kind.Line));

    [Theory]
    [InlineData("José Ünal 😀 日本")]
    [InlineData("C# & .NET: <basics>")]
    public void Ordinary_names_pass(string value) => Assert.Null(TextInput.Problem(value, TextInput.Kind.Line));

    [Theory]
    [InlineData("text/html", "application/octet-stream")]
    [InlineData("image/svg+xml", "application/octet-stream")]
    [InlineData("application/xhtml+xml", "application/octet-stream")]
    [InlineData("text/javascript", "application/octet-stream")]
    [InlineData(null, "application/octet-stream")]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("text/csv; charset=utf-8", "text/csv; charset=utf-8")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void Read_urls_keep_only_content_types_a_browser_does_not_run(string? stored, string expected) =>
        Assert.Equal(expected, DownloadAs.InertContentType(stored));
}
