using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;

namespace CourseHub.Worker.Features.Email;

/// <summary>
/// Sends the requested email, at least once per message id and as a rule once (see <see cref="Inbox"/>): no database
/// transaction is open while SMTP talks, and a crash after the send but before it is recorded sends it again, with the
/// same Message-ID. A failure retries (and, past the last attempt, dead-letters) the message.
/// </summary>
public sealed class EmailRequestedHandler(Inbox inbox, EmailSender sender, ILogger<EmailRequestedHandler> logger) : IEventHandler<EmailRequested>
{
    public async Task HandleAsync(EmailRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        var result = await inbox.ProcessAsync(context.MessageId, context.Queue,
            token => sender.SendAsync(context.MessageId, message.To, message.Subject, message.HtmlBody, message.TextBody, token,
                unsubscribeUrl: message.UnsubscribeUrl),
            cancellationToken);
        switch (result.Outcome)
        {
            case InboxOutcome.AlreadyProcessed:
                logger.LogInformation("Email {MessageId} was sent before; skipping the duplicate", context.MessageId);
                break;
            case InboxOutcome.ClaimedElsewhere:
                throw new DeliveryDeferredException("another consumer is sending this email", result.RetryAfter);
        }
    }
}
