using CourseHub.Web.Features.Chat;

namespace CourseHub.Tests.Unit;

/// <summary>The chat's auto-linker: text is always encoded, and only http/https addresses become links that open safely.</summary>
public sealed class ChatTextTests
{
    private const string Rel = "target=\"_blank\" rel=\"noopener noreferrer nofollow\"";

    [Fact]
    public void An_http_or_https_address_becomes_a_safe_link_and_the_rest_stays_text()
    {
        Assert.Equal($"See <a href=\"https://example.com/a?b=1&amp;c=2\" {Rel}>https://example.com/a?b=1&amp;c=2</a> and " +
                     $"<a href=\"http://example.org\" {Rel}>http://example.org</a>.",
            ChatText.ToHtml("See https://example.com/a?b=1&c=2 and http://example.org.").Value);
    }

    [Fact]
    public void Markup_is_encoded_never_rendered()
    {
        Assert.Equal("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b onclick=&quot;x&quot;&gt;hi&lt;/b&gt;",
            ChatText.ToHtml("<script>alert('x')</script> <b onclick=\"x\">hi</b>").Value);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://")]
    public void Other_schemes_never_become_links(string text)
    {
        var html = ChatText.ToHtml($"click {text} now").Value;
        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("href", html);
    }

    [Fact]
    public void An_address_cannot_break_out_of_its_attribute()
    {
        var html = ChatText.ToHtml("https://example.com/\"onmouseover=\"alert(1) https://example.com/<img>").Value;
        Assert.DoesNotContain("\"onmouseover", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains($"<a href=\"https://example.com/\" {Rel}>https://example.com/</a>", html);
    }

    [Fact]
    public void Line_breaks_stay_and_empty_text_is_empty()
    {
        Assert.Equal("first\nsecond", ChatText.ToHtml("first\nsecond").Value);
        Assert.Equal("", ChatText.ToHtml("").Value);
        Assert.Equal("", ChatText.ToHtml(null).Value);
    }
}

/// <summary>When an open conversation asks for fresh attachment links.</summary>
public sealed class ChatLinkRenewalTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_link_is_renewed_a_minute_before_it_expires_and_never_in_a_tight_loop()
    {
        Assert.Equal(TimeSpan.FromMinutes(14), CourseHub.Web.Components.Pages.Chat.ChatLook.LinkRenewalDelay(Now.AddMinutes(15), Now));
        Assert.Equal(TimeSpan.FromSeconds(5), CourseHub.Web.Components.Pages.Chat.ChatLook.LinkRenewalDelay(Now.AddSeconds(30), Now));
        Assert.Equal(TimeSpan.FromSeconds(5), CourseHub.Web.Components.Pages.Chat.ChatLook.LinkRenewalDelay(Now.AddMinutes(-3), Now));
    }
}
