using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CourseHub.Worker.Features.Email;

public sealed class EmailOptions
{
    public string From { get; set; } = "CourseHub <no-reply@coursehub.local>";
}

/// <summary>The SMTP server from <c>ConnectionStrings:mail</c>: <c>Endpoint=smtp://host:port[;Username=…;Password=…]</c>.</summary>
public sealed record SmtpEndpoint(string Host, int Port, string? Username, string? Password)
{
    public static SmtpEndpoint Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.OrdinalIgnoreCase);
        var endpoint = new Uri(parts.GetValueOrDefault("Endpoint") ?? throw new FormatException("The mail connection string needs Endpoint=smtp://host:port."));
        return new SmtpEndpoint(endpoint.Host, endpoint.IsDefaultPort ? 25 : endpoint.Port, parts.GetValueOrDefault("Username"), parts.GetValueOrDefault("Password"));
    }
}

/// <summary>A file sent along with an email (a PDF receipt, a calendar invitation).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends one message over SMTP with MailKit (TLS when the server offers it).</summary>
public sealed class EmailSender(SmtpEndpoint smtp, IOptions<EmailOptions> options)
{
    /// <summary>
    /// Sends the email an integration event asked for. Its Message-ID comes from the event's message id, so every
    /// send of one event (delivery is at least once) is recognisably the same message to mail clients and servers.
    /// </summary>
    public async Task SendAsync(string eventMessageId, string to, string subject, string html, string text, CancellationToken cancellationToken,
        IReadOnlyList<EmailAttachment>? attachments = null, IReadOnlyList<string>? cc = null, string? unsubscribeUrl = null)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var message = new MimeMessage { MessageId = MessageIdFor(eventMessageId, from) };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        foreach (var copy in cc ?? [])
        {
            message.Cc.Add(MailboxAddress.Parse(copy));
        }
        message.Subject = subject;
        if (unsubscribeUrl is not null)
        {
            // One click in the mail client unsubscribes (it POSTs List-Unsubscribe=One-Click to the URL), no sign-in needed.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { HtmlBody = html, TextBody = text };
        foreach (var attachment in attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();

        // A span of the trace being handled (a sign-up's runs from the Api request through the outbox and broker to here).
        using var activity = Telemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", smtp.Host);
        activity?.SetTag("server.port", smtp.Port);

        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary><c>{event message id}@{the sender's domain}</c> (RFC 5322: unique left part, a domain of ours on the right).</summary>
    public static string MessageIdFor(string eventMessageId, MailboxAddress from) => $"{eventMessageId}@{from.Domain}";
}
