using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// A verified Stripe webhook event was recorded in <c>stripe_events</c> (by the Api, in the same transaction as this
/// message); the Worker acts on it. Only the id travels: the payload is read from the table.
/// </summary>
public sealed record StripeEventReceived(string EventId) : IIntegrationEvent;

/// <summary>An order was paid and its enrollment made: the Worker makes the PDF receipt and emails it to the buyer.</summary>
public sealed record OrderPaid(Guid OrderId) : IIntegrationEvent;

/// <summary>Stripe confirmed an order's refund and access was revoked: the Worker remakes the receipt and tells the buyer.</summary>
public sealed record OrderRefunded(Guid OrderId) : IIntegrationEvent;
