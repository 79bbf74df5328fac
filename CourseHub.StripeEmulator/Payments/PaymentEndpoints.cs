using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Payments;

/// <summary>Reading the objects a payment made: GET /v1/payment_intents|charges|transfers|application_fees/{id}.</summary>
public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder api)
    {
        MapGet(api, "/v1/payment_intents/{id}", "payment_intent", (state, id) => state.PaymentIntents.GetValueOrDefault(id));
        MapGet(api, "/v1/charges/{id}", "charge", (state, id) => state.Charges.GetValueOrDefault(id));
        MapGet(api, "/v1/transfers/{id}", "transfer", (state, id) => state.Transfers.GetValueOrDefault(id));
        MapGet(api, "/v1/application_fees/{id}", "application_fee", (state, id) => state.ApplicationFees.GetValueOrDefault(id));
        MapGet(api, "/v1/refunds/{id}", "refund", (state, id) => state.Refunds.GetValueOrDefault(id));
    }

    public static void MapGet(IEndpointRouteBuilder api, string pattern, string objectName, Func<EmulatorState, string, object?> find) =>
        api.MapGet(pattern, async (string id, HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var found = store.Read(state => find(state, id)) ?? throw StripeApiException.NoSuch(objectName, id);
            return ApiRequest.Json(store, found, parameters.List("expand"));
        });
}
