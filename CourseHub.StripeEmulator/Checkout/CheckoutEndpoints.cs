using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Checkout;

public static class CheckoutEndpoints
{
    public static void MapCheckoutEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/checkout/sessions", async (HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var session = CheckoutSessions.Create(store, parameters, ApiRequest.PublicBase(http));
            return ApiRequest.Json(store, session, parameters.List("expand"));
        });

        api.MapGet("/v1/checkout/sessions/{id}", async (string id, HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var session = store.Read(state => state.Sessions.GetValueOrDefault(id)?.Session) ?? throw StripeApiException.NoSuch("checkout.session", id);
            return ApiRequest.Json(store, session, parameters.List("expand"));
        });

        api.MapPost("/v1/checkout/sessions/{id}/expire", async (string id, HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var session = CheckoutSessions.Expire(store, id, ApiRequest.EventRequest(http));
            return ApiRequest.Json(store, session, parameters.List("expand"));
        });
    }
}
