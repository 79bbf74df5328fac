using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CourseHub.StripeEmulator;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Stripe;
using Stripe.Checkout;

namespace CourseHub.Tests.StripeEmulator;

/// <summary>
/// The emulator started in-process on a random loopback port, its webhooks pointed at a <see cref="WebhookReceiver"/>
/// with fast retries, and a real Stripe.net client whose API base is the emulator.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _contentRoot;

    private EmulatorHost(WebApplication app, WebhookReceiver receiver, string contentRoot)
    {
        _app = app;
        _contentRoot = contentRoot;
        Receiver = receiver;
        BaseUrl = app.Urls.First();
        Stripe = new StripeClient("sk_test_coursehub_emulator", apiBase: BaseUrl);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
    }

    public string BaseUrl { get; }

    public StripeClient Stripe { get; }

    /// <summary>Plain HTTP to the emulator (control API, hosted pages), never following redirects.</summary>
    public HttpClient Http { get; }

    public WebhookReceiver Receiver { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<EmulatorHost> StartAsync(Action<WebApplicationBuilder>? configure = null, string? dataPath = null, WebhookReceiver? receiver = null)
    {
        receiver ??= await WebhookReceiver.StartAsync();
        // An empty content root: the test output holds other services' appsettings.json, which are not the emulator's.
        var contentRoot = TestDirectories.Create("stripe-emulator");
        List<string> args =
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={contentRoot}",
            $"--Emulator:WebhookUrl={receiver.Url}",
            $"--Emulator:WebhookSecret={WebhookReceiver.Secret}",
            "--Emulator:WebhookRetryInitialDelay=00:00:00.05",
            "--Emulator:WebhookRetryMaxDelay=00:00:00.2",
            "--Logging:LogLevel:Default=Warning",
        ];
        if (dataPath is not null)
        {
            args.Add($"--Emulator:DataPath={dataPath}");
        }
        var app = StripeEmulatorApp.Build([.. args], configure);
        await app.StartAsync();
        return new EmulatorHost(app, receiver, contentRoot);
    }

    /// <summary>Pays a session through the control API, as the hosted page would.</summary>
    public Task<HttpResponseMessage> PayAsync(string sessionId, string card = "4242424242424242", string? delayed = null) =>
        Http.PostAsJsonAsync($"/_emulator/checkout/sessions/{sessionId}/pay", new { card, delayed });

    public async Task<JsonArray> EventsAsync(string? type = null) =>
        (await Http.GetFromJsonAsync<JsonArray>("/_emulator/events" + (type is null ? "" : "?type=" + type)))!;

    /// <summary>Waits for the receiver to accept an event of <paramref name="type"/> about the object <paramref name="objectId"/>.</summary>
    public async Task<Event> AcceptedEventAsync(string type, string objectId)
    {
        Event? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = Receiver.OfType(type).FirstOrDefault(stripeEvent => stripeEvent.Data.Object is IHasId subject && subject.Id == objectId);
            return Task.FromResult(found is not null);
        }, TimeSpan.FromSeconds(15), $"{type} for {objectId}");
        return found!;
    }

    public static SessionCreateOptions CourseSession(long unitAmount = 4999, string currency = "usd", string? destination = null, long? fee = null) => new()
    {
        Mode = "payment",
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = currency,
                    UnitAmount = unitAmount,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Async C# in depth", Description = "Tasks, channels and cancellation" },
                },
            },
        ],
        ClientReferenceId = "order-42",
        CustomerEmail = "student@example.com",
        SuccessUrl = "https://coursehub.test/checkout/success?session_id={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://coursehub.test/courses/async-csharp",
        Metadata = new Dictionary<string, string> { ["order_id"] = "42" },
        PaymentIntentData = destination is null ? null : new SessionPaymentIntentDataOptions
        {
            ApplicationFeeAmount = fee,
            TransferData = new SessionPaymentIntentDataTransferDataOptions { Destination = destination },
            Metadata = new Dictionary<string, string> { ["order_id"] = "42" },
        },
    };

    /// <summary>An Express account that finished onboarding (through the control API), ready to receive destination charges.</summary>
    public async Task<Account> OnboardedAccountAsync()
    {
        var account = await new AccountService(Stripe).CreateAsync(new AccountCreateOptions { Type = "express", Email = "teacher@example.com", Country = "US" });
        (await Http.PostAsync($"/_emulator/accounts/{account.Id}/onboard", null)).EnsureSuccessStatusCode();
        return await new AccountService(Stripe).GetAsync(account.Id);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Receiver.DisposeAsync();
        TestDirectories.Delete(_contentRoot);
    }
}
