namespace CourseHub.StripeEmulator.State;

/// <summary>Everything the emulator knows; one instance, guarded by <see cref="EmulatorStore"/>'s lock, saved whole as JSON.</summary>
public sealed class EmulatorState
{
    public Dictionary<string, Account> Accounts { get; set; } = [];
    public Dictionary<string, AccountLinkRecord> AccountLinks { get; set; } = [];
    public Dictionary<string, CheckoutSessionRecord> Sessions { get; set; } = [];
    public Dictionary<string, PaymentIntent> PaymentIntents { get; set; } = [];
    public Dictionary<string, Charge> Charges { get; set; } = [];
    public Dictionary<string, Refund> Refunds { get; set; } = [];
    public Dictionary<string, Transfer> Transfers { get; set; } = [];
    public Dictionary<string, ApplicationFee> ApplicationFees { get; set; } = [];
    public List<EventRecord> Events { get; set; } = [];
    public Dictionary<string, IdempotencyRecord> IdempotencyKeys { get; set; } = [];

    /// <summary>Any object by its id, for expand[] (Stripe's prefixes say which collection it lives in).</summary>
    public object? FindById(string id) => id[..(id.IndexOf('_') + 1)] switch
    {
        "acct_" => Accounts.GetValueOrDefault(id),
        "cs_" => Sessions.GetValueOrDefault(id)?.Session,
        "pi_" => PaymentIntents.GetValueOrDefault(id),
        "ch_" => Charges.GetValueOrDefault(id),
        "re_" => Refunds.GetValueOrDefault(id),
        "tr_" => Transfers.GetValueOrDefault(id),
        "fee_" => ApplicationFees.GetValueOrDefault(id),
        _ => null,
    };
}
