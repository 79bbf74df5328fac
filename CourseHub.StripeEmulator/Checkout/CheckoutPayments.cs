using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.Payments;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Checkout;

/// <summary>Paying a Checkout Session, the one path shared by the hosted page and the control API.</summary>
public static class CheckoutPayments
{
    /// <param name="delayed">null for a card; "succeeded" or "failed" to act like a delayed payment method.</param>
    public static CheckoutSession Pay(EmulatorStore store, string sessionId, string cardNumber, string? delayed, string? email, string? name)
    {
        if (delayed is not (null or "succeeded" or "failed"))
        {
            throw StripeApiException.InvalidParam("delayed", "delayed must be null, \"succeeded\" or \"failed\".");
        }
        return store.Change(change =>
        {
            var record = change.State.Sessions.GetValueOrDefault(sessionId) ?? throw StripeApiException.NoSuch("checkout.session", sessionId);
            var session = record.Session;
            if (session.Status != "open" || session.ExpiresAt <= change.Now)
            {
                throw new StripeApiException(400, "invalid_request_error", "This Checkout Session is no longer active.", code: "checkout_session_not_open");
            }
            // A declined card throws here, before anything changed: the session stays open and no event is sent.
            TestCards.Charge(cardNumber);

            var customerEmail = email ?? session.CustomerEmail;
            var intent = new PaymentIntent
            {
                Id = Ids.New("pi"),
                Created = change.Now,
                Amount = session.AmountTotal,
                Currency = session.Currency,
                ApplicationFeeAmount = record.ApplicationFeeAmount,
                TransferData = record.Destination is null ? null : new TransferData { Destination = record.Destination },
                Metadata = new Dictionary<string, string>(record.PaymentIntentMetadata),
            };
            change.State.PaymentIntents[intent.Id] = intent;
            session.Status = "complete";
            session.PaymentIntent = intent.Id;
            session.CustomerDetails = new CustomerDetails { Email = customerEmail, Name = name };
            var billing = new BillingDetails { Email = customerEmail, Name = name };

            if (delayed is null)
            {
                Charges.Create(change, intent, billing);
                session.PaymentStatus = "paid";
                change.Raise("checkout.session.completed", session);
                return session;
            }

            // A delayed method: Checkout completes unpaid first, and the outcome follows as its own event.
            change.Raise("checkout.session.completed", session);
            if (delayed == "succeeded")
            {
                Charges.Create(change, intent, billing);
                session.PaymentStatus = "paid";
                change.Raise("checkout.session.async_payment_succeeded", session);
            }
            else
            {
                intent.Status = "requires_payment_method";
                change.Raise("checkout.session.async_payment_failed", session);
            }
            return session;
        });
    }
}
