using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>Send one email. The Worker delivers it over SMTP; features build the content.</summary>
public sealed record EmailRequested(string To, string Subject, string HtmlBody, string TextBody) : IIntegrationEvent;
