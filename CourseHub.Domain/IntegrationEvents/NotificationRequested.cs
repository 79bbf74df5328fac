using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// Push a notification to every browser subscribed to <paramref name="Topic"/> (Realtime delivers it
/// through SignalR, across all its instances).
/// </summary>
public sealed record NotificationRequested(string Topic, string Title, string Body, string? Link = null) : IIntegrationEvent;
