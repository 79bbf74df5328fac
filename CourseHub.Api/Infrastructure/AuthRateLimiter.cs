using System.Globalization;
using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// Fixed-window rate limit per client IP and endpoint, counted in Redis so every Api replica shares
/// the counters. <c>RateLimiting:Auth:PermitLimit</c> requests per <c>RateLimiting:Auth:WindowSeconds</c>
/// (default 20 per 60 s); beyond that 429 with Retry-After. The client IP is the connection's, or
/// the X-Forwarded-For of a trusted proxy (see <c>ForwardedHeaders</c> in ApplicationSetup).
/// If Redis is unreachable the request is allowed: losing Redis must not lock everyone out.
/// </summary>
public sealed class AuthRateLimiter(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<AuthRateLimiter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = configuration.GetValue("RateLimiting:Auth:PermitLimit", 20);
        var window = Math.Max(1, configuration.GetValue("RateLimiting:Auth:WindowSeconds", 60));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var windowNumber = now / window;
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var route = http.GetEndpoint()?.DisplayName ?? http.Request.Path.ToString();
        var key = $"coursehub:ratelimit:auth:{route}:{ip}:{windowNumber}";
        try
        {
            var database = redis.GetDatabase();
            var count = await database.StringIncrementAsync(key).WaitAsync(TimeSpan.FromSeconds(2));
            if (count == 1)
            {
                _ = database.KeyExpireAsync(key, TimeSpan.FromSeconds(window + 5), flags: CommandFlags.FireAndForget);
            }
            if (count > limit)
            {
                var retryAfter = (windowNumber + 1) * window - now;
                http.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    title: "Too many requests",
                    detail: $"Too many attempts from your address. Try again in {Math.Max(1, retryAfter)} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Rate limiting skipped, Redis unavailable: {Reason}", ex.Message);
        }
        return await next(context);
    }
}
