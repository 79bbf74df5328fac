using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Payments;

/// <summary>A succeeded payment: the charge and, for a destination charge, the transfer and the application fee.</summary>
public static class Charges
{
    public static Charge Create(StateChange change, PaymentIntent intent, BillingDetails billing)
    {
        var now = change.Now;
        var charge = new Charge
        {
            Id = Ids.New("ch"),
            Created = now,
            Amount = intent.Amount,
            AmountCaptured = intent.Amount,
            Currency = intent.Currency,
            PaymentIntent = intent.Id,
            ApplicationFeeAmount = intent.ApplicationFeeAmount,
            TransferData = intent.TransferData,
            BillingDetails = billing,
            Metadata = new Dictionary<string, string>(intent.Metadata),
        };
        charge.Refunds.Url = $"/v1/charges/{charge.Id}/refunds";
        if (intent.TransferData is { } transferData)
        {
            // A destination charge: the platform keeps the fee and the connected account receives the rest.
            var fee = intent.ApplicationFeeAmount ?? 0;
            var transfer = new Transfer
            {
                Id = Ids.New("tr"),
                Created = now,
                Amount = intent.Amount - fee,
                Currency = intent.Currency,
                Destination = transferData.Destination,
                SourceTransaction = charge.Id,
            };
            transfer.Reversals.Url = $"/v1/transfers/{transfer.Id}/reversals";
            change.State.Transfers[transfer.Id] = transfer;
            charge.Transfer = transfer.Id;
            if (fee > 0)
            {
                var applicationFee = new ApplicationFee
                {
                    Id = Ids.New("fee"),
                    Created = now,
                    Amount = fee,
                    Currency = intent.Currency,
                    Account = transferData.Destination,
                    Charge = charge.Id,
                };
                applicationFee.Refunds.Url = $"/v1/application_fees/{applicationFee.Id}/refunds";
                change.State.ApplicationFees[applicationFee.Id] = applicationFee;
                charge.ApplicationFee = applicationFee.Id;
            }
        }
        change.State.Charges[charge.Id] = charge;
        intent.Status = "succeeded";
        intent.AmountReceived = intent.Amount;
        intent.LatestCharge = charge.Id;
        return charge;
    }
}
