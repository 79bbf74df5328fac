using System.Net;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Tests.StripeEmulator;

/// <summary>Connect Express onboarding, destination charges with a platform fee, and refunds that reverse them in proportion.</summary>
public sealed class ConnectAndRefundTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task The_onboarding_form_enables_the_account_and_sends_account_updated()
    {
        var accounts = new AccountService(_emulator.Stripe);
        var account = await accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Email = "teacher@example.com",
            Country = "DE",
            BusinessType = "individual",
            Capabilities = new AccountCapabilitiesOptions
            {
                CardPayments = new AccountCapabilitiesCardPaymentsOptions { Requested = true },
                Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
            },
            Metadata = new Dictionary<string, string> { ["teacher_id"] = "7" },
        });
        Assert.StartsWith("acct_", account.Id);
        Assert.Equal("express", account.Type);
        Assert.Equal("eur", account.DefaultCurrency);
        Assert.False(account.ChargesEnabled);
        Assert.False(account.PayoutsEnabled);
        Assert.False(account.DetailsSubmitted);
        Assert.Equal("inactive", account.Capabilities.CardPayments);
        Assert.NotEmpty(account.Requirements.CurrentlyDue);

        var link = await new AccountLinkService(_emulator.Stripe).CreateAsync(new AccountLinkCreateOptions
        {
            Account = account.Id,
            RefreshUrl = "https://coursehub.test/teach/payouts/refresh",
            ReturnUrl = "https://coursehub.test/teach/payouts/done",
            Type = "account_onboarding",
        });
        Assert.StartsWith(_emulator.BaseUrl, link.Url);
        Assert.InRange(link.ExpiresAt - link.Created, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));

        var page = await _emulator.Http.GetStringAsync(link.Url);
        Assert.Contains("<label for=\"legal_name\">Legal name</label>", page);
        Assert.Contains("<label for=\"country\">Country</label>", page);
        Assert.Contains("000123456789", page);
        Assert.Contains(">Submit</button>", page);

        var submitted = await _emulator.Http.PostAsync(link.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["legal_name"] = "Ada Lovelace",
            ["country"] = "DE",
            ["bank_account"] = "000123456789",
        }));

        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        Assert.Equal("https://coursehub.test/teach/payouts/done", submitted.Headers.Location!.ToString());
        var updated = (Account)(await _emulator.AcceptedEventAsync("account.updated", account.Id)).Data.Object;
        Assert.True(updated.ChargesEnabled);
        Assert.True(updated.PayoutsEnabled);
        Assert.True(updated.DetailsSubmitted);
        var read = await accounts.GetAsync(account.Id);
        Assert.True(read.ChargesEnabled);
        Assert.Equal("active", read.Capabilities.Transfers);
        Assert.Empty(read.Requirements.CurrentlyDue);
        Assert.Equal("7", read.Metadata["teacher_id"]);

        var reused = await _emulator.Http.GetAsync(link.Url);
        Assert.Equal("https://coursehub.test/teach/payouts/refresh", reused.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_onboarding_form_shows_field_errors()
    {
        var account = await new AccountService(_emulator.Stripe).CreateAsync(new AccountCreateOptions { Type = "express" });
        var link = await new AccountLinkService(_emulator.Stripe).CreateAsync(new AccountLinkCreateOptions
        {
            Account = account.Id, RefreshUrl = "https://coursehub.test/r", ReturnUrl = "https://coursehub.test/d", Type = "account_onboarding",
        });

        var submitted = await _emulator.Http.PostAsync(link.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["legal_name"] = "", ["country"] = "US", ["bank_account"] = "1",
        }));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var page = await submitted.Content.ReadAsStringAsync();
        Assert.Contains("Enter your legal name.", page);
        Assert.Contains("Use the test account number 000123456789.", page);
        Assert.False((await new AccountService(_emulator.Stripe).GetAsync(account.Id)).ChargesEnabled);
    }

    [Fact]
    public async Task A_destination_charge_splits_the_fee_and_refunds_reverse_it_in_proportion()
    {
        var teacher = await _emulator.OnboardedAccountAsync();
        Assert.True(teacher.ChargesEnabled);
        var session = await new SessionService(_emulator.Stripe).CreateAsync(EmulatorHost.CourseSession(4999, "usd", teacher.Id, fee: 999));
        (await _emulator.PayAsync(session.Id)).EnsureSuccessStatusCode();
        var completed = (Session)(await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id)).Data.Object;

        var intent = await new PaymentIntentService(_emulator.Stripe).GetAsync(completed.PaymentIntentId);
        Assert.Equal(999, intent.ApplicationFeeAmount);
        Assert.Equal(teacher.Id, intent.TransferData.DestinationId);
        Assert.Equal("42", intent.Metadata["order_id"]);
        var charges = new ChargeService(_emulator.Stripe);
        var charge = await charges.GetAsync(intent.LatestChargeId);
        var transfers = new TransferService(_emulator.Stripe);
        var fees = new ApplicationFeeService(_emulator.Stripe);
        var transfer = await transfers.GetAsync(charge.TransferId);
        var fee = await fees.GetAsync(charge.ApplicationFeeId);
        Assert.Equal(4000, transfer.Amount);
        Assert.Equal(teacher.Id, transfer.DestinationId);
        Assert.Equal(999, fee.Amount);
        Assert.Equal(teacher.Id, fee.AccountId);
        Assert.Equal(charge.Id, fee.ChargeId);

        var refunds = new RefundService(_emulator.Stripe);
        var partial = await refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = intent.Id, Amount = 1000, Reason = "requested_by_customer", ReverseTransfer = true, RefundApplicationFee = true,
            Metadata = new Dictionary<string, string> { ["refund_request"] = "9" },
        });

        Assert.StartsWith("re_", partial.Id);
        Assert.Equal("succeeded", partial.Status);
        Assert.Equal(1000, partial.Amount);
        Assert.Equal(charge.Id, partial.ChargeId);
        Assert.Equal(intent.Id, partial.PaymentIntentId);
        Assert.Equal("9", partial.Metadata["refund_request"]);
        // floor(1000 × 4000 / 4999) = 800 and floor(1000 × 999 / 4999) = 199.
        Assert.Equal(800, (await transfers.GetAsync(transfer.Id)).AmountReversed);
        Assert.Equal(199, (await fees.GetAsync(fee.Id)).AmountRefunded);
        var refundedEvent = (Charge)(await _emulator.AcceptedEventAsync("charge.refunded", charge.Id)).Data.Object;
        Assert.Equal(1000, refundedEvent.AmountRefunded);
        Assert.False(refundedEvent.Refunded);
        Assert.Equal(partial.Id, Assert.Single(refundedEvent.Refunds.Data).Id);
        await _emulator.AcceptedEventAsync("refund.created", partial.Id);

        var tooLarge = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { Charge = charge.Id, Amount = 4000 }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.HttpStatusCode);
        Assert.Equal("amount", tooLarge.StripeError.Param);

        var rest = await refunds.CreateAsync(new RefundCreateOptions { Charge = charge.Id, ReverseTransfer = true, RefundApplicationFee = true });

        Assert.Equal(3999, rest.Amount);
        var finalTransfer = await transfers.GetAsync(transfer.Id);
        Assert.Equal(4000, finalTransfer.AmountReversed);
        Assert.True(finalTransfer.Reversed);
        Assert.Equal(2, finalTransfer.Reversals.Data.Count);
        Assert.Equal(999, (await fees.GetAsync(fee.Id)).AmountRefunded);
        var finalCharge = await charges.GetAsync(charge.Id);
        Assert.True(finalCharge.Refunded);
        Assert.Equal(4999, finalCharge.AmountRefunded);

        var again = await Assert.ThrowsAsync<StripeException>(() => refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id }));
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("charge_already_refunded", again.StripeError.Code);
    }

    [Fact]
    public async Task A_refund_without_reverse_transfer_leaves_the_transfer_alone()
    {
        var teacher = await _emulator.OnboardedAccountAsync();
        var session = await new SessionService(_emulator.Stripe).CreateAsync(EmulatorHost.CourseSession(10000, "usd", teacher.Id, fee: 2000));
        (await _emulator.PayAsync(session.Id)).EnsureSuccessStatusCode();
        var intent = await new PaymentIntentService(_emulator.Stripe).GetAsync((await new SessionService(_emulator.Stripe).GetAsync(session.Id)).PaymentIntentId);

        await new RefundService(_emulator.Stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 5000 });

        var charge = await new ChargeService(_emulator.Stripe).GetAsync(intent.LatestChargeId);
        Assert.Equal(5000, charge.AmountRefunded);
        Assert.Equal(0, (await new TransferService(_emulator.Stripe).GetAsync(charge.TransferId)).AmountReversed);
        Assert.Equal(0, (await new ApplicationFeeService(_emulator.Stripe).GetAsync(charge.ApplicationFeeId)).AmountRefunded);
    }
}
