using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Webhooks;

public static class EventEndpoints
{
    /// <summary>GET /v1/events/{id}: lets a webhook handler fetch the event again from "Stripe" instead of trusting the payload.</summary>
    public static void MapEventEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/v1/events/{id}", async (string id, HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var found = store.Read(state => state.Events.FirstOrDefault(record => record.Event.Id == id)?.Event)
                ?? throw StripeApiException.NoSuch("event", id);
            return ApiRequest.Json(store, found, parameters.List("expand"));
        });
}
