using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// Push a notification to every browser subscribed to <paramref name="Topic"/> (Realtime delivers it
/// through SignalR, across all its instances). A stored notification of one user (see
/// <see cref="Notifications.UserNotifications.Notify"/>) carries its id, kind and time, and is also pushed as the
/// stored item, so a client can add it to its list as it is.
/// </summary>
public sealed record NotificationRequested(string Topic, string Title, string Body, string? Link = null,
    Guid? NotificationId = null, string? Kind = null, DateTimeOffset? CreatedAt = null) : IIntegrationEvent;
