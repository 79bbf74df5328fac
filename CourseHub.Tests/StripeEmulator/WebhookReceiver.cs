using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Stripe;

namespace CourseHub.Tests.StripeEmulator;

/// <summary>
/// A real webhook endpoint on loopback Kestrel that checks each delivery the way the Api will, with Stripe.net's
/// EventUtility.ConstructEvent and the signing secret; it can be told to fail its first few deliveries.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_emulator_tests_5f0c2b";

    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _requests;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.First() + "/webhooks/stripe";

    /// <summary>Events that passed signature verification, in arrival order.</summary>
    public ConcurrentQueue<Event> Accepted { get; } = new();

    /// <summary>Every request as it came: raw body and Stripe-Signature header.</summary>
    public ConcurrentQueue<(string Body, string Signature)> Raw { get; } = new();

    public int Requests => _requests;

    /// <summary>Answer the next <paramref name="count"/> deliveries with 500, as an endpoint that is down would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/webhooks/stripe", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var signature = request.Headers["Stripe-Signature"].ToString();
            receiver.Raw.Enqueue((body, signature));
            Interlocked.Increment(ref receiver._requests);
            if (Interlocked.Decrement(ref receiver._failuresLeft) >= 0)
            {
                return Results.StatusCode(500);
            }
            try
            {
                receiver.Accepted.Enqueue(EventUtility.ConstructEvent(body, signature, Secret));
                return Results.Ok();
            }
            catch (StripeException)
            {
                return Results.BadRequest();
            }
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    public IEnumerable<Event> OfType(string type) => Accepted.Where(stripeEvent => stripeEvent.Type == type);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
