using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Checkout;

/// <summary>Creating and expiring Checkout Sessions with Stripe's validation.</summary>
public static class CheckoutSessions
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan ShortestLifetime = TimeSpan.FromMinutes(30);

    public static CheckoutSession Create(EmulatorStore store, StripeParams parameters, string publicBase)
    {
        var mode = parameters.Required("mode");
        if (mode != "payment")
        {
            throw StripeApiException.InvalidParam("mode", $"The emulator supports mode=payment only, not '{mode}'.");
        }
        var successUrl = parameters.Required("success_url");
        var lineItems = ReadLineItems(parameters, out var currency);
        var total = lineItems.Sum(item => item.UnitAmount * item.Quantity);
        var fee = parameters.Long("payment_intent_data[application_fee_amount]");
        var destination = parameters.Get("payment_intent_data[transfer_data][destination]");
        if (fee is not null && (fee < 0 || fee > total))
        {
            throw StripeApiException.InvalidParam("payment_intent_data[application_fee_amount]",
                "The application fee amount must be between 0 and the total amount of the Checkout Session.");
        }
        if (fee is not null && destination is null)
        {
            throw StripeApiException.InvalidParam("payment_intent_data[application_fee_amount]",
                "Can only apply an application_fee_amount when the PaymentIntent is attempting a destination payment (using `transfer_data[destination]`).");
        }

        return store.Change(change =>
        {
            if (destination is not null)
            {
                const string destinationParam = "payment_intent_data[transfer_data][destination]";
                var account = change.State.Accounts.GetValueOrDefault(destination)
                    ?? throw StripeApiException.NoSuch("destination", destination, destinationParam);
                if (!account.ChargesEnabled)
                {
                    throw new StripeApiException(400, "invalid_request_error",
                        $"Your destination account ({destination}) needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments.",
                        destinationParam, "insufficient_capabilities_for_transfer");
                }
            }
            var now = change.Now;
            var expiresAt = parameters.Long("expires_at") ?? now + (long)DefaultLifetime.TotalSeconds;
            if (expiresAt < now + (long)ShortestLifetime.TotalSeconds || expiresAt > now + (long)DefaultLifetime.TotalSeconds)
            {
                throw StripeApiException.InvalidParam("expires_at",
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.");
            }
            var id = "cs_test_" + Ids.New("a")[2..] + Ids.New("b")[2..];
            var session = new CheckoutSession
            {
                Id = id,
                Created = now,
                Mode = mode,
                AmountSubtotal = total,
                AmountTotal = total,
                Currency = currency,
                ClientReferenceId = parameters.Get("client_reference_id"),
                CustomerEmail = parameters.Get("customer_email"),
                Url = $"{publicBase}/c/pay/{id}",
                SuccessUrl = successUrl,
                CancelUrl = parameters.Get("cancel_url"),
                ExpiresAt = expiresAt,
                Metadata = parameters.Hash("metadata"),
            };
            change.State.Sessions[id] = new CheckoutSessionRecord
            {
                Session = session,
                LineItems = lineItems,
                ApplicationFeeAmount = fee,
                Destination = destination,
                PaymentIntentMetadata = parameters.Hash("payment_intent_data[metadata]"),
            };
            return session;
        });
    }

    private static List<SessionLineItem> ReadLineItems(StripeParams parameters, out string currency)
    {
        var indexes = parameters.Indexes("line_items");
        if (indexes.Count == 0)
        {
            throw StripeApiException.MissingParam("line_items");
        }
        var items = new List<SessionLineItem>();
        string? sharedCurrency = null;
        foreach (var index in indexes)
        {
            var prefix = $"line_items[{index}]";
            if (parameters.Get(prefix + "[price]") is not null)
            {
                throw StripeApiException.InvalidParam(prefix + "[price]", "The emulator supports price_data only, not saved prices.");
            }
            var itemCurrency = parameters.Required(prefix + "[price_data][currency]").ToLowerInvariant();
            if (sharedCurrency is not null && sharedCurrency != itemCurrency)
            {
                throw StripeApiException.InvalidParam(prefix + "[price_data][currency]", "All line items must use the same currency.");
            }
            sharedCurrency = itemCurrency;
            var unitAmount = parameters.Long(prefix + "[price_data][unit_amount]") ?? throw StripeApiException.MissingParam(prefix + "[price_data][unit_amount]");
            if (unitAmount < 0)
            {
                throw StripeApiException.InvalidParam(prefix + "[price_data][unit_amount]", "This value must be greater than or equal to 0.");
            }
            var quantity = parameters.Long(prefix + "[quantity]") ?? throw StripeApiException.MissingParam(prefix + "[quantity]");
            if (quantity < 1)
            {
                throw StripeApiException.InvalidParam(prefix + "[quantity]", "This value must be greater than or equal to 1.");
            }
            items.Add(new SessionLineItem
            {
                Name = parameters.Required(prefix + "[price_data][product_data][name]"),
                Description = parameters.Get(prefix + "[price_data][product_data][description]"),
                UnitAmount = unitAmount,
                Quantity = quantity,
            });
        }
        currency = sharedCurrency!;
        return items;
    }

    public static CheckoutSession Expire(EmulatorStore store, string id, EventRequest? request) => store.Change(change =>
    {
        var record = change.State.Sessions.GetValueOrDefault(id) ?? throw StripeApiException.NoSuch("checkout.session", id);
        if (record.Session.Status != "open")
        {
            throw new StripeApiException(400, "invalid_request_error",
                $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{record.Session.Status}\".",
                code: "checkout_session_not_open");
        }
        ExpireSession(change, record.Session, request);
        return record.Session;
    });

    /// <summary>Expires every open session whose expires_at has passed, as Stripe does on its own.</summary>
    public static void ExpireDue(EmulatorStore store)
    {
        var now = store.Time.GetUtcNow().ToUnixTimeSeconds();
        if (!store.Read(state => state.Sessions.Values.Any(record => IsDue(record.Session, now))))
        {
            return;
        }
        store.Change(change =>
        {
            foreach (var record in change.State.Sessions.Values.Where(record => IsDue(record.Session, change.Now)))
            {
                ExpireSession(change, record.Session, null);
            }
            return 0;
        });
    }

    private static bool IsDue(CheckoutSession session, long now) => session.Status == "open" && session.ExpiresAt <= now;

    private static void ExpireSession(StateChange change, CheckoutSession session, EventRequest? request)
    {
        session.Status = "expired";
        change.Raise("checkout.session.expired", session, request);
    }
}
