using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Refunds;

public static class RefundEndpoints
{
    public static void MapRefundEndpoints(this IEndpointRouteBuilder api) =>
        api.MapPost("/v1/refunds", async (HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var refund = RefundOperations.Create(store, parameters, ApiRequest.EventRequest(http));
            return ApiRequest.Json(store, refund, parameters.List("expand"));
        });
}
