using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;

namespace CourseHub.Worker.Features.Email;

/// <summary>
/// Sends the requested email once per message id. The inbox row commits only after the SMTP server
/// accepted the mail, so a failure retries (and, past the last attempt, dead-letters) the message.
/// </summary>
public sealed class EmailRequestedHandler(CourseHubDbContext db, EmailSender sender, ILogger<EmailRequestedHandler> logger) : IEventHandler<EmailRequested>
{
    public async Task HandleAsync(EmailRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        var sent = await db.ProcessOnceAsync(context.MessageId, context.Queue,
            token => sender.SendAsync(message.To, message.Subject, message.HtmlBody, message.TextBody, token),
            cancellationToken);
        if (!sent)
        {
            logger.LogInformation("Email {MessageId} was sent before; skipping the duplicate", context.MessageId);
        }
    }
}
