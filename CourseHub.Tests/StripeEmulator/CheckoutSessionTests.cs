using System.Net;
using CourseHub.StripeEmulator;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Tests.StripeEmulator;

public sealed class CheckoutSessionTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private SessionService Sessions => new(_emulator.Stripe);

    [Fact]
    public void Events_carry_the_api_version_Stripe_net_pins()
    {
        Assert.Equal(EmulatorOptions.StripeApiVersion, StripeConfiguration.ApiVersion);
    }

    [Fact]
    public async Task A_created_session_has_Stripe_s_shape()
    {
        var before = DateTimeOffset.UtcNow;
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession(4999, "USD"));

        Assert.StartsWith("cs_test_", session.Id);
        Assert.Equal("checkout.session", session.Object);
        Assert.Equal(4999, session.AmountTotal);
        Assert.Equal(4999, session.AmountSubtotal);
        Assert.Equal("usd", session.Currency);
        Assert.Equal("order-42", session.ClientReferenceId);
        Assert.Equal("student@example.com", session.CustomerEmail);
        Assert.Equal("payment", session.Mode);
        Assert.Equal("open", session.Status);
        Assert.Equal("unpaid", session.PaymentStatus);
        Assert.Null(session.PaymentIntentId);
        Assert.False(session.Livemode);
        Assert.Equal("42", session.Metadata["order_id"]);
        Assert.Equal($"{_emulator.BaseUrl}/c/pay/{session.Id}", session.Url);
        Assert.Equal("https://coursehub.test/checkout/success?session_id={CHECKOUT_SESSION_ID}", session.SuccessUrl);
        Assert.InRange(session.ExpiresAt, before.UtcDateTime.AddHours(24).AddSeconds(-2), before.UtcDateTime.AddHours(24).AddSeconds(5));
        Assert.InRange(session.Created, before.UtcDateTime.AddSeconds(-2), DateTime.UtcNow.AddSeconds(2));

        var read = await Sessions.GetAsync(session.Id);
        Assert.Equal(session.Id, read.Id);
        Assert.Equal(session.Url, read.Url);
    }

    [Fact]
    public async Task Expand_payment_intent_returns_the_paid_intent()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());
        (await _emulator.PayAsync(session.Id)).EnsureSuccessStatusCode();

        var read = await Sessions.GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });

        Assert.Equal("complete", read.Status);
        Assert.Equal("paid", read.PaymentStatus);
        Assert.NotNull(read.PaymentIntent);
        Assert.StartsWith("pi_", read.PaymentIntent.Id);
        Assert.Equal("succeeded", read.PaymentIntent.Status);
        Assert.Equal(4999, read.PaymentIntent.Amount);
        Assert.StartsWith("ch_", read.PaymentIntent.LatestChargeId);
        Assert.Equal("student@example.com", read.CustomerDetails.Email);
    }

    [Fact]
    public async Task Expiring_an_open_session_sends_the_expired_event_and_a_second_expire_is_refused()
    {
        var session = await Sessions.CreateAsync(EmulatorHost.CourseSession());

        var expired = await Sessions.ExpireAsync(session.Id);

        Assert.Equal("expired", expired.Status);
        var stripeEvent = await _emulator.AcceptedEventAsync("checkout.session.expired", session.Id);
        Assert.Equal("expired", ((Session)stripeEvent.Data.Object).Status);
        Assert.NotNull(stripeEvent.Request.Id);
        var again = await Assert.ThrowsAsync<StripeException>(() => Sessions.ExpireAsync(session.Id));
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("invalid_request_error", again.StripeError.Type);
    }

    [Fact]
    public async Task Same_idempotency_key_and_parameters_replay_the_first_response()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Sessions.CreateAsync(EmulatorHost.CourseSession(), new RequestOptions { IdempotencyKey = key });
        var second = await Sessions.CreateAsync(EmulatorHost.CourseSession(), new RequestOptions { IdempotencyKey = key });

        Assert.Equal(first.Id, second.Id);
        Assert.True(second.StripeResponse.Headers.TryGetValues("Idempotent-Replayed", out var replayed));
        Assert.Equal("true", Assert.Single(replayed));
        Assert.False(first.StripeResponse.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Same_idempotency_key_with_other_parameters_is_an_idempotency_error()
    {
        var key = Guid.NewGuid().ToString();
        await Sessions.CreateAsync(EmulatorHost.CourseSession(4999), new RequestOptions { IdempotencyKey = key });

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            Sessions.CreateAsync(EmulatorHost.CourseSession(5999), new RequestOptions { IdempotencyKey = key }));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
    }

    [Fact]
    public async Task A_missing_parameter_is_a_StripeException_naming_it()
    {
        var options = EmulatorHost.CourseSession();
        options.LineItems = null;

        var error = await Assert.ThrowsAsync<StripeException>(() => Sessions.CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.Equal("parameter_missing", error.StripeError.Code);
        Assert.Equal("line_items", error.StripeError.Param);
    }

    [Fact]
    public async Task An_unknown_session_is_resource_missing()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => Sessions.GetAsync("cs_test_doesnotexist"));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("resource_missing", error.StripeError.Code);
        Assert.Equal("id", error.StripeError.Param);
    }

    [Fact]
    public async Task A_key_that_is_not_a_test_secret_key_is_refused()
    {
        var live = new SessionService(new StripeClient("sk_live_not_accepted_here", apiBase: _emulator.BaseUrl));

        var error = await Assert.ThrowsAsync<StripeException>(() => live.CreateAsync(EmulatorHost.CourseSession()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
    }

    [Fact]
    public async Task A_destination_that_cannot_take_charges_is_refused_like_Stripe()
    {
        var account = await new AccountService(_emulator.Stripe).CreateAsync(new AccountCreateOptions { Type = "express", Country = "US" });

        var notReady = await Assert.ThrowsAsync<StripeException>(() => Sessions.CreateAsync(EmulatorHost.CourseSession(destination: account.Id, fee: 999)));
        var unknown = await Assert.ThrowsAsync<StripeException>(() => Sessions.CreateAsync(EmulatorHost.CourseSession(destination: "acct_unknown", fee: 999)));

        Assert.Equal(HttpStatusCode.BadRequest, notReady.HttpStatusCode);
        Assert.Equal("payment_intent_data[transfer_data][destination]", notReady.StripeError.Param);
        Assert.Equal("resource_missing", unknown.StripeError.Code);
        Assert.Equal("payment_intent_data[transfer_data][destination]", unknown.StripeError.Param);
    }
}

/// <summary>Sessions past expires_at expire by themselves, on the emulator's clock (a fake one here).</summary>
public sealed class SessionExpiryTests
{
    [Fact]
    public async Task A_session_past_its_expires_at_expires_with_the_expired_event()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var sessions = new SessionService(emulator.Stripe);
        var options = EmulatorHost.CourseSession();
        options.ExpiresAt = clock.GetUtcNow().UtcDateTime.AddMinutes(45);
        var session = await sessions.CreateAsync(options);
        Assert.Equal("open", (await sessions.GetAsync(session.Id)).Status);

        clock.Advance(TimeSpan.FromMinutes(46));

        await Eventually.TrueAsync(async () => (await sessions.GetAsync(session.Id)).Status == "expired", TimeSpan.FromSeconds(10), "session expired");
        var events = await emulator.EventsAsync("checkout.session.expired");
        Assert.Equal(session.Id, (string?)Assert.Single(events)!["event"]!["data"]!["object"]!["id"]);
    }

    [Fact]
    public async Task Expires_at_sooner_than_30_minutes_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var options = EmulatorHost.CourseSession();
        options.ExpiresAt = DateTime.UtcNow.AddMinutes(5);

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(emulator.Stripe).CreateAsync(options));

        Assert.Equal("expires_at", error.StripeError.Param);
    }

    [Fact]
    public async Task An_expired_onboarding_link_redirects_to_refresh_url()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorHost.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var account = await new AccountService(emulator.Stripe).CreateAsync(new AccountCreateOptions { Type = "express" });
        var link = await new AccountLinkService(emulator.Stripe).CreateAsync(new AccountLinkCreateOptions
        {
            Account = account.Id, RefreshUrl = "https://coursehub.test/refresh", ReturnUrl = "https://coursehub.test/done", Type = "account_onboarding",
        });
        Assert.Equal(HttpStatusCode.OK, (await emulator.Http.GetAsync(link.Url)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(6));

        var response = await emulator.Http.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://coursehub.test/refresh", response.Headers.Location!.ToString());
    }
}
