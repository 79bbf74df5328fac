namespace CourseHub.Contracts.Commerce;

// Money is always integer minor units of its ISO 4217 currency (cents for USD, whole yen for JPY) plus the currency,
// never a floating-point amount; a sum is only ever taken within one currency.

/// <summary>The answer to enrolling in a free course (also when already enrolled: enrolling is idempotent).</summary>
public sealed record EnrollResponse(bool Enrolled, Guid CourseId, string Slug, DateTimeOffset EnrolledAt);

/// <summary>The webhook's answer to Stripe: the event is recorded (<c>Duplicate</c> when it had been before).</summary>
public sealed record StripeWebhookAck(bool Received, bool Duplicate);

/// <summary>Start buying a course.</summary>
public sealed record CheckoutRequest(Guid? CourseId);

/// <summary>Where the browser goes to pay: the Checkout Session's hosted page (reused while the session is open).</summary>
public sealed record CheckoutResponse(Guid OrderId, string SessionId, string Url);

/// <summary>A course the signed-in user may take (enrollment active: not refunded or revoked).</summary>
public sealed record MyEnrollment(Guid CourseId, string Slug, string Title, DateTimeOffset EnrolledAt, string TeacherName, string? ThumbnailUrl);

/// <summary>Order statuses on the wire.</summary>
public static class OrderStatuses
{
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Expired = "expired";
    public const string Failed = "failed";
    public const string Refunded = "refunded";
    public static readonly IReadOnlyList<string> All = [Pending, Paid, Expired, Failed, Refunded];
}

/// <summary>
/// One of the signed-in user's orders. <c>Status</c> is one of <see cref="OrderStatuses"/>; a completed Checkout whose
/// payment is still being confirmed stays <c>pending</c>. <c>RefundRequestedAt</c> is set while a refund is on its way
/// (status stays <c>paid</c> until Stripe confirms it); <c>RefundableUntil</c> is the end of the 30-day refund window
/// (null when the order cannot be refunded by the student).
/// </summary>
public sealed record OrderResponse(
    Guid Id,
    Guid CourseId,
    string CourseTitle,
    string CourseSlug,
    string Status,
    long Amount,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? RefundedAt,
    long RefundedAmount,
    DateTimeOffset? RefundRequestedAt,
    DateTimeOffset? RefundableUntil,
    bool HasReceipt);

/// <summary>A refund was asked of Stripe; the order turns <c>refunded</c> (and access ends) when Stripe confirms it.</summary>
public sealed record RefundResponse(Guid OrderId, string Status, DateTimeOffset RefundRequestedAt);

/// <summary>Payout statuses on the wire: <c>none</c> (no Stripe account yet), <c>pending</c> (onboarding unfinished), <c>enabled</c>.</summary>
public static class PayoutStatuses
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Enabled = "enabled";
}

/// <summary>The teacher's Stripe Connect account as CourseHub last heard of it.</summary>
public sealed record PayoutAccountResponse(string Status, bool ChargesEnabled, bool PayoutsEnabled, bool DetailsSubmitted, DateTimeOffset? UpdatedAt);

/// <summary>Where the teacher goes to finish Stripe's onboarding (a short-lived Account Link).</summary>
public sealed record OnboardingLinkResponse(string Url);

/// <summary>
/// Money of one currency over some orders. <c>Gross</c> = what buyers paid; <c>Refunds</c> = what was refunded;
/// <c>PlatformFee</c> = the platform's fee on what was kept (gross − refunds); <c>Net</c> = the teacher's earnings
/// (gross − refunds − platform fee). <c>Orders</c> counts paid (including later refunded) orders.
/// </summary>
public sealed record MoneyTotals(string Currency, long Gross, long Refunds, long PlatformFee, long Net, int Orders);

/// <summary>One course's earnings in one currency.</summary>
public sealed record CourseEarnings(Guid CourseId, string Title, string Slug, MoneyTotals Money);

/// <summary>One calendar month's (UTC, <c>yyyy-MM</c>) earnings in one currency.</summary>
public sealed record MonthlyEarnings(string Month, MoneyTotals Money);

/// <summary>A teacher's earnings between two dates (inclusive, UTC), per currency, per course and per month.</summary>
public sealed record EarningsReport(DateOnly From, DateOnly To, int PlatformFeePercent, IReadOnlyList<MoneyTotals> Totals,
    IReadOnlyList<CourseEarnings> Courses, IReadOnlyList<MonthlyEarnings> Months);

/// <summary>An order as the admin orders table shows it.</summary>
public sealed record AdminOrderResponse(
    Guid Id,
    Guid CourseId,
    string CourseTitle,
    string CourseSlug,
    Guid BuyerId,
    string BuyerEmail,
    string BuyerName,
    string TeacherName,
    string Status,
    long Amount,
    string Currency,
    long PlatformFee,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? RefundedAt,
    long RefundedAmount,
    DateTimeOffset? RefundRequestedAt);

/// <summary>The admin orders page: one page of orders and, per currency, the totals of every order the filters match.</summary>
public sealed record AdminOrdersPage(PagedResult<AdminOrderResponse> Orders, IReadOnlyList<MoneyTotals> Totals);

/// <summary>Money formatting shared by the Api (receipts, emails) and the Web: the currency's own number of decimals.</summary>
public static class Money
{
    /// <summary>ISO 4217 currencies without minor units that Stripe also treats as zero-decimal.</summary>
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    /// <summary>How many decimals the currency's minor unit has: 0 for JPY, 2 for USD and EUR.</summary>
    public static int Decimals(string currency) => ZeroDecimal.Contains(currency) ? 0 : 2;

    /// <summary><c>$49.99</c>, <c>€19.00</c>, <c>¥5,000</c>, <c>CHF 12.50</c>: the symbol when the currency has a common one.</summary>
    public static string Format(long minor, string currency)
    {
        var decimals = Decimals(currency);
        var major = decimals == 0 ? minor : minor / 100m;
        var number = major.ToString(decimals == 0 ? "#,0" : "#,0.00", System.Globalization.CultureInfo.InvariantCulture);
        var sign = minor < 0 ? "−" : "";
        if (minor < 0)
        {
            number = number.TrimStart('-');
        }
        return currency.ToUpperInvariant() switch
        {
            "USD" => $"{sign}${number}",
            "EUR" => $"{sign}€{number}",
            "GBP" => $"{sign}£{number}",
            "JPY" => $"{sign}¥{number}",
            var other => $"{sign}{other} {number}",
        };
    }
}
