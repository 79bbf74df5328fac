using CourseHub.StripeEmulator.Api;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Connect;

public static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/v1/accounts", async (HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            return ApiRequest.Json(store, Accounts.Create(store, parameters), parameters.List("expand"));
        });

        api.MapGet("/v1/accounts/{id}", async (string id, HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            var account = store.Read(state => state.Accounts.GetValueOrDefault(id)) ?? throw StripeApiException.NoSuch("account", id);
            return ApiRequest.Json(store, account, parameters.List("expand"));
        });

        api.MapPost("/v1/account_links", async (HttpContext http, EmulatorStore store) =>
        {
            var parameters = await StripeParams.ReadAsync(http.Request);
            return ApiRequest.Json(store, Accounts.CreateLink(store, parameters, ApiRequest.PublicBase(http)), []);
        });
    }
}
