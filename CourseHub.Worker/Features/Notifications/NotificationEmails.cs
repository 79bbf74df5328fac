using System.Net;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Notifications;

namespace CourseHub.Worker.Features.Notifications;

/// <summary>One line of a digest email: what happened, and where it leads.</summary>
public sealed record DigestLine(string Title, string Body, string? Url, DateTimeOffset At);

/// <summary>
/// The emails of the notification pipeline: one notification as it happens, the daily digest, the chat's unread digest.
/// Links point at the Web (<c>App:WebBaseUrl</c>); every one ends with its unsubscribe link and carries the one-click header.
/// </summary>
public sealed class NotificationEmails(IConfiguration configuration)
{
    private string WebBaseUrl => configuration.WebBaseUrl();

    public EmailRequested Single(string to, string name, string token, string kind, string title, string body, string? url)
    {
        var link = Absolute(url);
        var label = NotificationCatalog.Find(kind)?.Label ?? "these notifications";
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p><strong>{WebUtility.HtmlEncode(title)}</strong></p>
            <p>{WebUtility.HtmlEncode(body)}</p>
            {(link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Open in CourseHub</a></p>")}
            """;
        var text = $"Hello {name},\n\n{title}\n\n{body}\n" + (link is null ? "" : $"\nOpen in CourseHub: {link}\n");
        return WithFooter(to, title, html, text, token, kind, $"You get this email for “{label}”.");
    }

    public EmailRequested DailyDigest(string to, string name, string token, IReadOnlyList<DigestLine> lines)
    {
        var subject = lines.Count == 1 ? "Your CourseHub digest: 1 update" : $"Your CourseHub digest: {lines.Count} updates";
        var items = string.Concat(lines.Select(line =>
        {
            var link = Absolute(line.Url);
            var heading = link is null ? WebUtility.HtmlEncode(line.Title) : $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(line.Title)}</a>";
            return $"<li><strong>{heading}</strong><br>{WebUtility.HtmlEncode(line.Body)}</li>";
        }));
        var html = $"<p>Hello {WebUtility.HtmlEncode(name)},</p><p>Here is what happened since your last digest:</p><ul>{items}</ul>";
        var text = $"Hello {name},\n\nHere is what happened since your last digest:\n\n"
            + string.Concat(lines.Select(line => $"- {line.Title}: {line.Body}" + (Absolute(line.Url) is { } link ? $" ({link})" : "") + "\n"));
        return WithFooter(to, subject, html, text, token, null, "You get this digest for the kinds you set to “daily digest”.");
    }

    public EmailRequested UnreadMessages(string to, string name, string token, string senderName, Guid conversationId, IReadOnlyList<string> texts)
    {
        var link = $"{WebBaseUrl}/messages/{conversationId}";
        var subject = texts.Count == 1 ? $"{senderName} sent you a message" : $"{senderName} sent you {texts.Count} messages";
        // The newest few, shortened: enough to decide whether to answer now, not the whole conversation by email.
        var shown = texts.TakeLast(5).Select(t => t.Length > 300 ? t[..300] + "…" : t).ToList();
        var html = $"<p>Hello {WebUtility.HtmlEncode(name)},</p><p>{WebUtility.HtmlEncode(subject)} on CourseHub while you were away:</p>"
            + string.Concat(shown.Select(t => $"<blockquote style=\"border-left:3px solid #ccc;margin:0 0 8px;padding-left:8px\">{WebUtility.HtmlEncode(t)}</blockquote>"))
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Reply in CourseHub</a></p>";
        var text = $"Hello {name},\n\n{subject} on CourseHub while you were away:\n\n"
            + string.Concat(shown.Select(t => $"> {t}\n\n")) + $"Reply in CourseHub: {link}\n";
        return WithFooter(to, subject, html, text, token, NotificationKinds.Message, "You get this email when a chat message stays unread for a while.");
    }

    private EmailRequested WithFooter(string to, string subject, string html, string text, string token, string? kind, string why)
    {
        var unsubscribe = NotificationPreferences.UnsubscribeLink(WebBaseUrl, token, kind);
        var preferences = $"{WebBaseUrl}/account/notifications";
        var stop = kind is null ? "Unsubscribe from all CourseHub emails" : "Unsubscribe from these emails";
        html += $"""
            <p style="color:#666;font-size:12px">{WebUtility.HtmlEncode(why)} <a href="{WebUtility.HtmlEncode(unsubscribe)}">{stop}</a> · <a href="{WebUtility.HtmlEncode(preferences)}">Email preferences</a></p>
            """;
        text += $"\n--\n{why}\n{stop}: {unsubscribe}\nEmail preferences: {preferences}\n";
        return new EmailRequested(to, subject, html, text, NotificationPreferences.OneClickUnsubscribeLink(WebBaseUrl, token, kind));
    }

    private string? Absolute(string? url) => url switch
    {
        null or "" => null,
        _ when url.StartsWith('/') => WebBaseUrl + url,
        _ => url,
    };
}
