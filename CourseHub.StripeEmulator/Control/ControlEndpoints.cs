using System.Text.Json.Nodes;
using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.Checkout;
using CourseHub.StripeEmulator.Connect;
using CourseHub.StripeEmulator.State;
using CourseHub.StripeEmulator.Webhooks;

namespace CourseHub.StripeEmulator.Control;

/// <summary>The emulator's own API (not Stripe's) for tests and the demo seed: pay, onboard, inspect and resend events.</summary>
public static class ControlEndpoints
{
    public sealed record PayRequest(string? Card, string? Delayed, string? Email, string? Name);

    public sealed record EventSummary(string Id, string Type, long Created, int Attempts, bool Delivered, int? LastStatusCode, string? LastError, JsonObject Event);

    public static void MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator");

        control.MapPost("/checkout/sessions/{id}/pay", (string id, PayRequest? body, EmulatorStore store) =>
        {
            var session = CheckoutPayments.Pay(store, id, body?.Card ?? "4242424242424242", body?.Delayed, body?.Email, body?.Name);
            return ApiRequest.Json(store, session, []);
        });

        control.MapPost("/accounts/{id}/onboard", (string id, EmulatorStore store) =>
            ApiRequest.Json(store, store.Change(change => Accounts.Onboard(change, id, null, null)), []));

        control.MapGet("/events", (string? type, EmulatorStore store) => store.Read(state => state.Events
            .Where(record => type is null || record.Event.Type == type)
            .Reverse()
            .Select(Summarize)
            .ToList()));

        control.MapPost("/events/{id}/resend", async (string id, EmulatorStore store, WebhookDispatcher dispatcher, CancellationToken cancellationToken) =>
        {
            if (!store.Read(state => state.Events.Any(record => record.Event.Id == id)))
            {
                throw StripeApiException.NoSuch("event", id);
            }
            await dispatcher.AttemptAsync(id, onlyIfUndelivered: false, cancellationToken);
            return store.Read(state => Summarize(state.Events.First(record => record.Event.Id == id)));
        });
    }

    private static EventSummary Summarize(EventRecord record) => new(
        record.Event.Id, record.Event.Type, record.Event.Created,
        record.Delivery.Attempts, record.Delivery.Delivered, record.Delivery.LastStatusCode, record.Delivery.LastError, StripeJson.ToNode(record.Event));
}
