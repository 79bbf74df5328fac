using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using Microsoft.AspNetCore.SignalR;

namespace CourseHub.Realtime.Features.Notifications;

/// <summary>Fans a <see cref="NotificationRequested"/> out to the topic's subscribers on every instance.</summary>
public sealed class NotificationRequestedHandler(CourseHubDbContext db, IHubContext<NotificationsHub> hub) : IEventHandler<NotificationRequested>
{
    public async Task HandleAsync(NotificationRequested message, MessageContext context, CancellationToken cancellationToken) =>
        await db.ProcessOnceAsync(context.MessageId, context.Queue, async token =>
            await hub.Clients.Group(NotificationsHub.GroupOf(message.Topic)).SendAsync(
                NotificationsHub.NotificationMethod,
                new Notification(message.Topic, message.Title, message.Body, message.Link, DateTimeOffset.UtcNow),
                token),
            cancellationToken);
}
