using System.Text;
using System.Text.Json;
using CourseHub.StripeEmulator.State;

namespace CourseHub.StripeEmulator.Api;

/// <summary>
/// Stripe's request rules for every /v1 call: a request id, a test secret key, Stripe's error body for
/// <see cref="StripeApiException"/>, and idempotent replay of POSTs that carry an Idempotency-Key.
/// </summary>
public sealed class StripeApiMiddleware(RequestDelegate next, EmulatorStore store)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    // One idempotent POST at a time: a second request with the same key must see the first one's stored result.
    private readonly SemaphoreSlim idempotentRequests = new(1, 1);

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Ids.New("req");
        context.Items[ApiRequest.RequestIdItem] = requestId;
        context.Response.Headers["Request-Id"] = requestId;
        try
        {
            var apiKey = Authenticate(context.Request);
            var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
            if (HttpMethods.IsPost(context.Request.Method) && idempotencyKey.Length > 0)
            {
                await RunIdempotentAsync(context, apiKey + ":" + idempotencyKey);
            }
            else
            {
                await next(context);
            }
        }
        catch (StripeApiException error)
        {
            await WriteErrorAsync(context.Response, error);
        }
    }

    public static async Task WriteErrorAsync(HttpResponse response, StripeApiException error)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(error.ToBody()));
    }

    private static string Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new StripeApiException(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        if (!key.StartsWith("sk_test_", StringComparison.Ordinal))
        {
            var shown = key.Length > 8 ? key[..8] + new string('*', Math.Min(key.Length - 8, 20)) : key;
            throw new StripeApiException(401, "invalid_request_error",
                $"Invalid API Key provided: {shown}. This emulator accepts test mode secret keys (sk_test_…) only.", code: "api_key_invalid");
        }
        return key;
    }

    private async Task RunIdempotentAsync(HttpContext context, string scopedKey)
    {
        var parameters = await StripeParams.ReadAsync(context.Request);
        var fingerprint = context.Request.Method + " " + context.Request.Path + "?" + string.Join("&",
            parameters.Pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
                .Select(pair => pair.Key + "=" + pair.Value));
        await idempotentRequests.WaitAsync(context.RequestAborted);
        try
        {
            var now = store.Time.GetUtcNow();
            var previous = store.Change(change =>
            {
                foreach (var stale in change.State.IdempotencyKeys.Where(entry => now - entry.Value.CreatedAt > KeyLifetime).Select(entry => entry.Key).ToList())
                {
                    change.State.IdempotencyKeys.Remove(stale);
                }
                return change.State.IdempotencyKeys.GetValueOrDefault(scopedKey);
            });
            if (previous is not null)
            {
                if (previous.Fingerprint != fingerprint)
                {
                    throw new StripeApiException(400, "idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{scopedKey[(scopedKey.IndexOf(':') + 1)..]}' if you meant to execute a different request.",
                        code: "idempotency_key_in_use");
                }
                context.Response.StatusCode = previous.StatusCode;
                context.Response.ContentType = "application/json";
                context.Response.Headers["Idempotent-Replayed"] = "true";
                context.Response.Headers["Idempotency-Key"] = context.Request.Headers["Idempotency-Key"];
                await context.Response.WriteAsync(previous.Body);
                return;
            }

            var original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                try
                {
                    await next(context);
                }
                catch (StripeApiException error)
                {
                    await WriteErrorAsync(context.Response, error);
                }
            }
            finally
            {
                context.Response.Body = original;
            }
            var body = Encoding.UTF8.GetString(captured.ToArray());
            // Like Stripe, a result is kept (and replayed) unless the server failed; a 5xx may be retried for real.
            if (context.Response.StatusCode < 500)
            {
                store.Change(change => change.State.IdempotencyKeys[scopedKey] = new IdempotencyRecord
                {
                    Fingerprint = fingerprint,
                    StatusCode = context.Response.StatusCode,
                    Body = body,
                    CreatedAt = now,
                });
            }
            context.Response.Headers["Idempotency-Key"] = context.Request.Headers["Idempotency-Key"];
            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            idempotentRequests.Release();
        }
    }
}
