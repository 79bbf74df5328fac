using System.Net;
using Stripe.Checkout;

namespace CourseHub.Tests.StripeEmulator;

/// <summary>The hosted Checkout page as a browser posts it: amounts per currency, test cards, field errors.</summary>
public sealed class HostedCheckoutPageTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static Dictionary<string, string> Card(string number, string expiry = "12 / 39", string cvc = "123") => new()
    {
        ["email"] = "student@example.com",
        ["cardnumber"] = number,
        ["exp-date"] = expiry,
        ["cvc"] = cvc,
        ["ccname"] = "Grace Hopper",
    };

    private Task<HttpResponseMessage> PostAsync(Session session, Dictionary<string, string> form) =>
        _emulator.Http.PostAsync(session.Url, new FormUrlEncodedContent(form));

    [Theory]
    [InlineData(4999, "usd", "$49.99")]
    [InlineData(5000, "jpy", "¥5,000")]
    [InlineData(1250, "eur", "€12.50")]
    public async Task The_page_shows_the_course_and_the_amount_in_its_currency(long amount, string currency, string shown)
    {
        var session = await new SessionService(_emulator.Stripe).CreateAsync(EmulatorHost.CourseSession(amount, currency));

        var page = await _emulator.Http.GetStringAsync(session.Url);

        Assert.Contains("Async C# in depth", page);
        Assert.Contains("Tasks, channels and cancellation", page);
        Assert.Contains($"<p class=\"amount\">{shown}</p>", page);
        Assert.Contains($">Pay {shown}</button>", page);
        Assert.Contains("value=\"student@example.com\"", page);
        Assert.Contains("<label for=\"cardnumber\">Card number</label>", page);
        Assert.Contains("<label for=\"exp-date\">Expiry (MM / YY)</label>", page);
        Assert.Contains("<label for=\"cvc\">CVC</label>", page);
        Assert.Contains("<label for=\"ccname\">Name on card</label>", page);
        Assert.Contains("href=\"https://coursehub.test/courses/async-csharp\">← Back</a>", page);
        Assert.Contains("name=\"viewport\"", page);
    }

    [Fact]
    public async Task Paying_with_the_test_card_redirects_to_success_url_with_the_session_id()
    {
        var session = await new SessionService(_emulator.Stripe).CreateAsync(EmulatorHost.CourseSession());

        var response = await PostAsync(session, Card("4242 4242 4242 4242"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"https://coursehub.test/checkout/success?session_id={session.Id}", response.Headers.Location!.ToString());
        var paid = await new SessionService(_emulator.Stripe).GetAsync(session.Id);
        Assert.Equal("paid", paid.PaymentStatus);
        Assert.Equal("Grace Hopper", paid.CustomerDetails.Name);
        await _emulator.AcceptedEventAsync("checkout.session.completed", session.Id);
        var completedPage = await _emulator.Http.GetStringAsync(session.Url);
        Assert.Contains("This payment is complete.", completedPage);
    }

    [Theory]
    [InlineData("4000 0000 0000 0002", "Your card was declined.")]
    [InlineData("4000 0000 0000 9995", "Your card has insufficient funds.")]
    public async Task A_declined_card_shows_the_page_again_with_the_reason(string number, string message)
    {
        var session = await new SessionService(_emulator.Stripe).CreateAsync(EmulatorHost.CourseSession());

        var response = await PostAsync(session, Card(number));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"role=\"alert\">{message.Replace("'", "&#39;")}</p>", page);
        Assert.Contains(">Pay $49.99</button>", page);
        Assert.Equal("open", (await new SessionService(_emulator.Stripe).GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task Invalid_fields_are_reported_beside_each_field()
    {
        var session = await new SessionService(_emulator.Stripe).CreateAsync(EmulatorHost.CourseSession());

        var response = await PostAsync(session, Card("4242 4242 4242 4241", expiry: "01 / 20", cvc: ""));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Your card number is invalid.", page);
        Assert.Contains("Your card&#39;s expiration year is in the past.", page);
        Assert.Contains("Your card&#39;s security code is incomplete.", page);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"cvc-error\"", page);
        Assert.Equal("open", (await new SessionService(_emulator.Stripe).GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task An_expired_session_s_page_says_so()
    {
        var sessions = new SessionService(_emulator.Stripe);
        var session = await sessions.CreateAsync(EmulatorHost.CourseSession());
        await sessions.ExpireAsync(session.Id);

        var page = await _emulator.Http.GetStringAsync(session.Url);

        Assert.Contains("This checkout session has expired.", page);
        Assert.DoesNotContain("<form", page);
    }
}
