using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// Send one email. The Worker delivers it over SMTP; features build the content. Notification emails carry their
/// one-click unsubscribe link (RFC 8058), sent as the List-Unsubscribe header; account emails have none.
/// </summary>
public sealed record EmailRequested(string To, string Subject, string HtmlBody, string TextBody, string? UnsubscribeUrl = null) : IIntegrationEvent;
