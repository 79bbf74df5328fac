using System.Text.Json.Nodes;
using CourseHub.StripeEmulator.State;
using Microsoft.Extensions.Options;

namespace CourseHub.StripeEmulator.Api;

/// <summary>What endpoints need from the HTTP request: its parameters, its id for events, and the public base URL.</summary>
public static class ApiRequest
{
    public const string RequestIdItem = "StripeEmulator.RequestId";

    public static EventRequest EventRequest(HttpContext context) => new()
    {
        Id = context.Items[RequestIdItem] as string,
        IdempotencyKey = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null,
    };

    /// <summary>Where hosted pages live: Emulator:PublicUrl, or else the scheme and host this request came to.</summary>
    public static string PublicBase(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.PublicUrl;
        return string.IsNullOrEmpty(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
    }

    /// <summary>The object as Stripe JSON, with the ids named in expand[] (dotted paths too) replaced by their objects.</summary>
    public static IResult Json(EmulatorStore store, object stripeObject, IReadOnlyList<string> expand)
    {
        var node = store.Read(state =>
        {
            var root = StripeJson.ToNode(stripeObject);
            foreach (var path in expand)
            {
                Expand(state, root, path.Split('.'));
            }
            return root;
        });
        return Results.Text(node.ToJsonString(), "application/json");
    }

    private static void Expand(EmulatorState state, JsonObject node, ReadOnlySpan<string> path)
    {
        if (path.Length == 0 || !node.TryGetPropertyValue(path[0], out var value) || value is null)
        {
            return;
        }
        if (value is JsonValue idValue && idValue.TryGetValue<string>(out var id) && state.FindById(id) is { } found)
        {
            value = StripeJson.ToNode(found);
            node[path[0]] = value;
        }
        if (value is JsonObject child)
        {
            Expand(state, child, path[1..]);
        }
    }
}
