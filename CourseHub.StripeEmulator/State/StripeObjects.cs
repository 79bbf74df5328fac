namespace CourseHub.StripeEmulator.State;

// The Stripe objects the emulator keeps, shaped (through snake_case JSON) exactly as Stripe returns them, so the same
// classes serve both the API responses and the persisted state file. What Stripe does not return (line items, a link's
// token, delivery status) lives on the *Record types beside them.

public sealed class StripeList<T>
{
    public string Object { get; set; } = "list";
    public List<T> Data { get; set; } = [];
    public bool HasMore { get; set; }
    public int TotalCount => Data.Count;
    public string Url { get; set; } = "";
}

public sealed class TransferData
{
    public string Destination { get; set; } = "";
}

public sealed class CustomerDetails
{
    public string? Email { get; set; }
    public string? Name { get; set; }
}

public sealed class BillingDetails
{
    public string? Email { get; set; }
    public string? Name { get; set; }
}

public sealed class CheckoutSession
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "checkout.session";
    public long Created { get; set; }
    public bool Livemode { get; set; }
    public string Mode { get; set; } = "payment";
    public string Status { get; set; } = "open";
    public string PaymentStatus { get; set; } = "unpaid";
    public long AmountSubtotal { get; set; }
    public long AmountTotal { get; set; }
    public string Currency { get; set; } = "";
    public string? ClientReferenceId { get; set; }
    public string? CustomerEmail { get; set; }
    public CustomerDetails? CustomerDetails { get; set; }
    public string? PaymentIntent { get; set; }
    public List<string> PaymentMethodTypes { get; set; } = ["card"];
    public string Url { get; set; } = "";
    public string SuccessUrl { get; set; } = "";
    public string? CancelUrl { get; set; }
    public long ExpiresAt { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

public sealed class SessionLineItem
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public long UnitAmount { get; set; }
    public long Quantity { get; set; }
}

/// <summary>What Stripe remembers about a session beyond its public fields: the line items and the payment intent to make.</summary>
public sealed class CheckoutSessionRecord
{
    public CheckoutSession Session { get; set; } = new();
    public List<SessionLineItem> LineItems { get; set; } = [];
    public long? ApplicationFeeAmount { get; set; }
    public string? Destination { get; set; }
    public Dictionary<string, string> PaymentIntentMetadata { get; set; } = [];
}

public sealed class PaymentIntent
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "payment_intent";
    public long Created { get; set; }
    public bool Livemode { get; set; }
    public long Amount { get; set; }
    public long AmountReceived { get; set; }
    public string Currency { get; set; } = "";
    public string Status { get; set; } = "processing";
    public long? ApplicationFeeAmount { get; set; }
    public TransferData? TransferData { get; set; }
    public string? LatestCharge { get; set; }
    public List<string> PaymentMethodTypes { get; set; } = ["card"];
    public Dictionary<string, string> Metadata { get; set; } = [];
}

public sealed class Refund
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "refund";
    public long Created { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public string Charge { get; set; } = "";
    public string? PaymentIntent { get; set; }
    public string Status { get; set; } = "succeeded";
    public string? Reason { get; set; }
    public string? TransferReversal { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

public sealed class Charge
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "charge";
    public long Created { get; set; }
    public bool Livemode { get; set; }
    public long Amount { get; set; }
    public long AmountCaptured { get; set; }
    public long AmountRefunded { get; set; }
    public bool Refunded { get; set; }
    public bool Paid { get; set; } = true;
    public bool Captured { get; set; } = true;
    public string Status { get; set; } = "succeeded";
    public string Currency { get; set; } = "";
    public string? PaymentIntent { get; set; }
    public long? ApplicationFeeAmount { get; set; }
    public string? ApplicationFee { get; set; }
    public string? Transfer { get; set; }
    public TransferData? TransferData { get; set; }
    public BillingDetails BillingDetails { get; set; } = new();
    public Dictionary<string, string> Metadata { get; set; } = [];
    public StripeList<Refund> Refunds { get; set; } = new();
}

public sealed class TransferReversal
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "transfer_reversal";
    public long Created { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public string Transfer { get; set; } = "";
    public string? SourceRefund { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

public sealed class Transfer
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "transfer";
    public long Created { get; set; }
    public bool Livemode { get; set; }
    public long Amount { get; set; }
    public long AmountReversed { get; set; }
    public bool Reversed { get; set; }
    public string Currency { get; set; } = "";
    public string Destination { get; set; } = "";
    public string? SourceTransaction { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public StripeList<TransferReversal> Reversals { get; set; } = new();
}

public sealed class ApplicationFeeRefund
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "fee_refund";
    public long Created { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public string Fee { get; set; } = "";
    public Dictionary<string, string> Metadata { get; set; } = [];
}

public sealed class ApplicationFee
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "application_fee";
    public long Created { get; set; }
    public bool Livemode { get; set; }
    public long Amount { get; set; }
    public long AmountRefunded { get; set; }
    public bool Refunded { get; set; }
    public string Currency { get; set; } = "";
    public string Account { get; set; } = "";
    public string Charge { get; set; } = "";
    public StripeList<ApplicationFeeRefund> Refunds { get; set; } = new();
}

public sealed class AccountRequirements
{
    public List<string> CurrentlyDue { get; set; } = [];
    public List<string> EventuallyDue { get; set; } = [];
    public List<string> PastDue { get; set; } = [];
    public string? DisabledReason { get; set; }
}

public sealed class BusinessProfile
{
    public string? Name { get; set; }
}

public sealed class Account
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "account";
    public long Created { get; set; }
    public string Type { get; set; } = "express";
    public string? Email { get; set; }
    public string Country { get; set; } = "US";
    public string DefaultCurrency { get; set; } = "usd";
    public string? BusinessType { get; set; }
    public BusinessProfile BusinessProfile { get; set; } = new();
    public bool ChargesEnabled { get; set; }
    public bool PayoutsEnabled { get; set; }
    public bool DetailsSubmitted { get; set; }
    public Dictionary<string, string> Capabilities { get; set; } = [];
    public AccountRequirements Requirements { get; set; } = new();
    public Dictionary<string, string> Metadata { get; set; } = [];
}

public sealed class AccountLink
{
    public string Object { get; set; } = "account_link";
    public long Created { get; set; }
    public long ExpiresAt { get; set; }
    public string Url { get; set; } = "";
}

/// <summary>An account link with what only the emulator needs: whose it is, where it goes, whether it was used.</summary>
public sealed class AccountLinkRecord
{
    public string Token { get; set; } = "";
    public string Account { get; set; } = "";
    public string RefreshUrl { get; set; } = "";
    public string ReturnUrl { get; set; } = "";
    public long ExpiresAt { get; set; }
    public bool Used { get; set; }
}

public sealed class EventRequest
{
    public string? Id { get; set; }
    public string? IdempotencyKey { get; set; }
}

public sealed class EventData
{
    public System.Text.Json.Nodes.JsonObject Object { get; set; } = [];
}

public sealed class StripeEvent
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "event";
    public string ApiVersion { get; set; } = "";
    public long Created { get; set; }
    public string Type { get; set; } = "";
    public bool Livemode { get; set; }
    public int PendingWebhooks { get; set; }
    public EventRequest Request { get; set; } = new();
    public EventData Data { get; set; } = new();
}

public sealed class WebhookDelivery
{
    public int Attempts { get; set; }
    public bool Delivered { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
}

public sealed class EventRecord
{
    public StripeEvent Event { get; set; } = new();
    public WebhookDelivery Delivery { get; set; } = new();
}

public sealed class IdempotencyRecord
{
    public string Fingerprint { get; set; } = "";
    public int StatusCode { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

