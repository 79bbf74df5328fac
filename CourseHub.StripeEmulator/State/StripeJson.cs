using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseHub.StripeEmulator.State;

public static class StripeJson
{
    /// <summary>Stripe's wire format: snake_case names, nulls written out (Stripe always sends every field).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static JsonObject ToNode(object stripeObject) =>
        JsonSerializer.SerializeToNode(stripeObject, stripeObject.GetType(), Options)!.AsObject();
}
