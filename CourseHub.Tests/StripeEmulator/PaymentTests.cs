using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseHub.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Tests.StripeEmulator;

/// <summary>Paying sessions through the control API, and the signed events the Api will receive for it.</summary>
public sealed partial class PaymentTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private SessionService Sessions => new(_emulator.Stripe);

    [Fact]
    public async Task Paying_with_4242_sends_a_signed_completed_event_ConstructEvent_accepts()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession(4999, "usd"));

        var response = await _emulator.PayAsync(session.Id, "4242 4242 4242 4242");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stripeEvent = await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id);
        var completed = (Session)stripeEvent.Data.Object;
        Assert.StartsWith("evt_", stripeEvent.Id);
        Assert.Equal(StripeConfiguration.ApiVersion, stripeEvent.ApiVersion);
        Assert.False(stripeEvent.Livemode);
        Assert.Equal("order-42", completed.ClientReferenceId);
        Assert.Equal(4999, completed.AmountTotal);
        Assert.Equal("usd", completed.Currency);
        Assert.Equal("paid", completed.PaymentStatus);
        Assert.Equal("complete", completed.Status);
        Assert.StartsWith("pi_", completed.PaymentIntentId);
        Assert.Equal("42", completed.Metadata["order_id"]);
        var fetched = await new EventService(_emulator.Stripe).GetAsync(stripeEvent.Id);
        Assert.Equal("checkout.session.completed", fetched.Type);
        Assert.Equal(session.Id, ((Session)fetched.Data.Object).Id);

        var intent = await new PaymentIntentService(_emulator.Stripe).GetAsync(completed.PaymentIntentId);
        Assert.Equal("succeeded", intent.Status);
        var charge = await new ChargeService(_emulator.Stripe).GetAsync(intent.LatestChargeId);
        Assert.Equal(4999, charge.Amount);
        Assert.Equal(4999, charge.AmountCaptured);
        Assert.True(charge.Paid);
        Assert.Equal("succeeded", charge.Status);
        Assert.Equal(intent.Id, charge.PaymentIntentId);
        Assert.Equal("student@example.com", charge.BillingDetails.Email);
    }

    [Fact]
    public async Task The_signature_header_has_Stripe_s_format_and_a_tampered_body_fails_verification()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());
        (await _emulator.PayAsync(session.Id)).EnsureSuccessStatusCode();
        await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id);

        var (body, signature) = _emulator.Receiver.Raw.First(raw => raw.Body.Contains(session.Id));

        Assert.Matches(SignaturePattern(), signature);
        EventUtility.ConstructEvent(body, signature, WebhookReceiver.Secret);
        var tampered = body.Replace("\"amount_total\":4999", "\"amount_total\":1");
        Assert.NotEqual(body, tampered);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(tampered, signature, WebhookReceiver.Secret));
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(body, signature, "whsec_some_other_secret"));
    }

    [Theory]
    [InlineData("4000000000000002", "generic_decline", "Your card was declined.")]
    [InlineData("4000000000009995", "insufficient_funds", "Your card has insufficient funds.")]
    public async Task A_declined_card_is_a_402_card_error_and_sends_no_event(string card, string declineCode, string message)
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());

        var response = await _emulator.PayAsync(session.Id, card);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("card_error", (string?)error["type"]);
        Assert.Equal("card_declined", (string?)error["code"]);
        Assert.Equal(declineCode, (string?)error["decline_code"]);
        Assert.Equal(message, (string?)error["message"]);
        Assert.Equal("open", (await Sessions.GetAsync(session.Id)).Status);
        Assert.Empty(await _emulator.EventsAsync("checkout.session.completed"));
    }

    [Fact]
    public async Task A_delayed_payment_that_succeeds_completes_unpaid_then_sends_async_payment_succeeded()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());

        (await _emulator.PayAsync(session.Id, delayed: "succeeded")).EnsureSuccessStatusCode();

        var completed = (Session)(await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id)).Data.Object;
        var succeeded = (Session)(await _emulator.AcceptedEventAsync("checkout.session.async_payment_succeeded", session.Id)).Data.Object;
        Assert.Equal("complete", completed.Status);
        Assert.Equal("unpaid", completed.PaymentStatus);
        Assert.Equal("paid", succeeded.PaymentStatus);
        var intent = await new PaymentIntentService(_emulator.Stripe).GetAsync(succeeded.PaymentIntentId);
        Assert.Equal("succeeded", intent.Status);
        Assert.StartsWith("ch_", intent.LatestChargeId);
    }

    [Fact]
    public async Task A_delayed_payment_that_fails_sends_async_payment_failed_and_makes_no_charge()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());

        (await _emulator.PayAsync(session.Id, delayed: "failed")).EnsureSuccessStatusCode();

        var completed = (Session)(await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id)).Data.Object;
        var failed = (Session)(await _emulator.AcceptedEventAsync("checkout.session.async_payment_failed", session.Id)).Data.Object;
        Assert.Equal("unpaid", completed.PaymentStatus);
        Assert.Equal("unpaid", failed.PaymentStatus);
        Assert.Empty(_emulator.Receiver.OfType("checkout.session.async_payment_succeeded"));
        var intent = await new PaymentIntentService(_emulator.Stripe).GetAsync(failed.PaymentIntentId);
        Assert.Null(intent.LatestChargeId);
    }

    [Fact]
    public async Task Delivery_is_retried_until_the_endpoint_answers_2xx()
    {
        _emulator.Receiver.FailNext(2);
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());

        (await _emulator.PayAsync(session.Id)).EnsureSuccessStatusCode();

        var stripeEvent = await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id);
        JsonNode? listed = null;
        await Eventually.TrueAsync(async () =>
        {
            listed = (await _emulator.EventsAsync("checkout.session.completed")).Single();
            return (bool)listed!["delivered"]!;
        }, TimeSpan.FromSeconds(10), "delivery recorded");
        Assert.Equal(stripeEvent.Id, (string?)listed!["id"]);
        Assert.Equal(3, (int)listed["attempts"]!);
        Assert.Equal(200, (int?)listed["lastStatusCode"]);
        Assert.Equal(3, _emulator.Receiver.Raw.Count(raw => raw.Body.Contains(stripeEvent.Id)));
    }

    [Fact]
    public async Task Resend_delivers_an_event_again()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());
        (await _emulator.PayAsync(session.Id)).EnsureSuccessStatusCode();
        var stripeEvent = await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id);

        var resend = await _emulator.Http.PostAsync($"/_emulator/events/{stripeEvent.Id}/resend", null);

        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(_emulator.Receiver.Accepted.Count(accepted => accepted.Id == stripeEvent.Id) == 2),
            TimeSpan.FromSeconds(10), "the event accepted twice");
        var listed = (await resend.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)listed["attempts"]!);
    }

    [GeneratedRegex(@"^t=\d+,v1=[0-9a-f]{64}$")]
    private static partial Regex SignaturePattern();
}
