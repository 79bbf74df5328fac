using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.Checkout;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Refunds;

/// <summary>
/// Refunding a charge, in full or in parts. With reverse_transfer / refund_application_fee the connected account's
/// transfer and the platform's fee are given back in proportion to the refund.
/// </summary>
/// <remarks>
/// Rounding: the proportion is taken of the charge's cumulative refunded amount, rounded down, and each refund reverses
/// the difference from what was already reversed: reversedAfter = floor(amountRefundedAfter × transfer.amount / charge.amount),
/// this reversal = reversedAfter − transfer.amount_reversed (the same for the fee). Integer arithmetic only; partial
/// refunds never drift, and a charge refunded in full reverses exactly the whole transfer and refunds exactly the whole fee.
/// </remarks>
public static class RefundOperations
{
    private static readonly HashSet<string> Reasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public static Refund Create(EmulatorStore store, StripeParams parameters, EventRequest request)
    {
        var reason = parameters.Get("reason");
        if (reason is not null && !Reasons.Contains(reason))
        {
            throw StripeApiException.InvalidParam("reason", $"Invalid reason: must be one of {string.Join(", ", Reasons)}.");
        }
        var requestedAmount = parameters.Long("amount");
        var reverseTransfer = parameters.Bool("reverse_transfer");
        var refundFee = parameters.Bool("refund_application_fee");

        return store.Change(change =>
        {
            var charge = FindCharge(change.State, parameters);
            var remaining = charge.Amount - charge.AmountRefunded;
            if (remaining <= 0)
            {
                throw new StripeApiException(400, "invalid_request_error", $"Charge {charge.Id} has already been refunded.", code: "charge_already_refunded");
            }
            var amount = requestedAmount ?? remaining;
            if (amount <= 0)
            {
                throw new StripeApiException(400, "invalid_request_error", "Refund amount must be greater than 0.", "amount", "amount_too_small");
            }
            if (amount > remaining)
            {
                throw new StripeApiException(400, "invalid_request_error",
                    $"Refund amount ({Money.Format(amount, charge.Currency)}) is greater than unrefunded amount on charge ({Money.Format(remaining, charge.Currency)})",
                    "amount", "amount_too_large");
            }

            var now = change.Now;
            var refund = new Refund
            {
                Id = Ids.New("re"),
                Created = now,
                Amount = amount,
                Currency = charge.Currency,
                Charge = charge.Id,
                PaymentIntent = charge.PaymentIntent,
                Reason = reason,
                Metadata = parameters.Hash("metadata"),
            };
            charge.AmountRefunded += amount;
            charge.Refunded = charge.AmountRefunded == charge.Amount;

            if (reverseTransfer && charge.Transfer is { } transferId && change.State.Transfers.GetValueOrDefault(transferId) is { } transfer)
            {
                var reversal = ProportionalShare(charge, transfer.Amount) - transfer.AmountReversed;
                if (reversal > 0)
                {
                    var transferReversal = new TransferReversal
                    {
                        Id = Ids.New("trr"),
                        Created = now,
                        Amount = reversal,
                        Currency = transfer.Currency,
                        Transfer = transfer.Id,
                        SourceRefund = refund.Id,
                    };
                    transfer.Reversals.Data.Insert(0, transferReversal);
                    transfer.AmountReversed += reversal;
                    transfer.Reversed = transfer.AmountReversed == transfer.Amount;
                    refund.TransferReversal = transferReversal.Id;
                }
            }
            if (refundFee && charge.ApplicationFee is { } feeId && change.State.ApplicationFees.GetValueOrDefault(feeId) is { } fee)
            {
                var feeRefund = ProportionalShare(charge, fee.Amount) - fee.AmountRefunded;
                if (feeRefund > 0)
                {
                    fee.Refunds.Data.Insert(0, new ApplicationFeeRefund { Id = Ids.New("fr"), Created = now, Amount = feeRefund, Currency = fee.Currency, Fee = fee.Id });
                    fee.AmountRefunded += feeRefund;
                    fee.Refunded = fee.AmountRefunded == fee.Amount;
                }
            }

            change.State.Refunds[refund.Id] = refund;
            charge.Refunds.Data.Insert(0, refund);
            change.Raise("charge.refunded", charge, request);
            change.Raise("refund.created", refund, request);
            return refund;
        });
    }

    /// <summary>The part of <paramref name="whole"/> that the charge's refunded total stands for, rounded down.</summary>
    private static long ProportionalShare(Charge charge, long whole) =>
        (long)((Int128)charge.AmountRefunded * whole / charge.Amount);

    private static Charge FindCharge(EmulatorState state, StripeParams parameters)
    {
        if (parameters.Get("charge") is { } chargeId)
        {
            return state.Charges.GetValueOrDefault(chargeId) ?? throw StripeApiException.NoSuch("charge", chargeId, "charge");
        }
        if (parameters.Get("payment_intent") is { } intentId)
        {
            var intent = state.PaymentIntents.GetValueOrDefault(intentId) ?? throw StripeApiException.NoSuch("payment_intent", intentId, "payment_intent");
            return intent.LatestCharge is { } latest && state.Charges.GetValueOrDefault(latest) is { } charge
                ? charge
                : throw new StripeApiException(400, "invalid_request_error",
                    $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "payment_intent", "charge_not_refundable");
        }
        throw new StripeApiException(400, "invalid_request_error",
            "One of the following params should be provided for this request: payment_intent or charge.", "payment_intent", "parameter_missing");
    }
}
