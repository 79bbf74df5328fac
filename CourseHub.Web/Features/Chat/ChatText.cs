using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace CourseHub.Web.Features.Chat;

/// <summary>
/// A message's text as HTML: everything encoded, and http/https URLs (only those: never javascript:, data: or others)
/// made into links that open in a new tab without telling the target who sent the visitor or lending it our page.
/// Line breaks stay characters; the bubble shows them with white-space: pre-wrap.
/// </summary>
public static partial class ChatText
{
    public static MarkupString ToHtml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new MarkupString("");
        }
        var html = new StringBuilder(text.Length + 32);
        var at = 0;
        foreach (Match match in UrlPattern().Matches(text))
        {
            // Punctuation that ends a sentence ("see https://example.com.") is not part of the address.
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host))
            {
                continue;
            }
            html.Append(WebUtility.HtmlEncode(text[at..match.Index]));
            var encoded = WebUtility.HtmlEncode(url);
            html.Append("<a href=\"").Append(encoded).Append("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">")
                .Append(encoded).Append("</a>");
            at = match.Index + url.Length;
        }
        html.Append(WebUtility.HtmlEncode(text[at..]));
        return new MarkupString(html.ToString());
    }

    /// <summary>An http(s) address up to the next white space or character that cannot be in one unencoded.</summary>
    [GeneratedRegex(@"\bhttps?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
