using CourseHub.Contracts.Notifications;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using Microsoft.AspNetCore.SignalR;

namespace CourseHub.Realtime.Features.Notifications;

/// <summary>
/// Fans a <see cref="NotificationRequested"/> out to the topic's subscribers on every instance, at least once per
/// message id and as a rule once (see <see cref="Inbox"/>; no database transaction is open while SignalR sends). A repeat
/// carries the same <see cref="Notification.Id"/> (the message id), so clients can drop it.
/// </summary>
public sealed class NotificationRequestedHandler(Inbox inbox, IHubContext<NotificationsHub> hub, TimeProvider clock) : IEventHandler<NotificationRequested>
{
    public async Task HandleAsync(NotificationRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        var result = await inbox.ProcessAsync(context.MessageId, context.Queue, async token =>
        {
            var group = hub.Clients.Group(NotificationsHub.GroupOf(message.Topic));
            await group.SendAsync(NotificationsHub.NotificationMethod,
                new Notification(context.MessageId, message.Topic, message.Title, message.Body, message.Link, clock.GetUtcNow()), token);
            if (message.NotificationId is { } id)
            {
                await group.SendAsync(NotificationHubNames.NotificationReceived,
                    new NotificationItem(id, message.Kind ?? "general", message.Title, message.Body, message.Link, null, message.CreatedAt ?? clock.GetUtcNow()), token);
            }
        }, cancellationToken);
        if (result.Outcome == InboxOutcome.ClaimedElsewhere)
        {
            throw new DeliveryDeferredException("another instance is sending this notification", result.RetryAfter);
        }
    }
}
