using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CourseHub.Api.Infrastructure.RateLimiting;

/// <summary><c>RateLimiting:Auth</c>: requests per client address and endpoint per fixed window.</summary>
public sealed class AuthRateLimitOptions
{
    public const string Section = "RateLimiting:Auth";

    public int PermitLimit { get; set; } = 20;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The "auth" rate-limiting policy (<c>.RequireRateLimiting(AuthRateLimitPolicy.Name)</c>): one fixed window per
/// client address and endpoint, counted in Redis so the limit holds across Api replicas. The client address is the
/// connection's, which the forwarded-headers middleware (ahead of the rate limiter) replaces with X-Forwarded-For
/// only when the direct peer is a trusted proxy. A refusal is a 429 ProblemDetails with Retry-After.
/// </summary>
public sealed class AuthRateLimitPolicy(IConnectionMultiplexer redis, IOptions<AuthRateLimitOptions> options, TimeProvider time,
    ILogger<AuthRateLimitPolicy> logger) : IRateLimiterPolicy<string>
{
    public const string Name = "auth";

    private readonly int _permitLimit = Math.Max(1, options.Value.PermitLimit);
    private readonly TimeSpan _window = TimeSpan.FromSeconds(Math.Max(1, options.Value.WindowSeconds));

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var ip = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var endpoint = httpContext.GetEndpoint()?.DisplayName ?? httpContext.Request.Path.ToString();
        return RateLimitPartition.Get($"coursehub:ratelimit:auth:{endpoint}:{ip}",
            key => new RedisFixedWindowRateLimiter(redis, key, _permitLimit, _window, time, logger));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            title: "Too many requests",
            detail: $"Too many attempts from your address. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
    };
}

public static class RateLimitingSetup
{
    /// <summary>ASP.NET Core's rate limiter with the policies of the Api (so far: <see cref="AuthRateLimitPolicy"/>).</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthRateLimitOptions>(configuration.GetSection(AuthRateLimitOptions.Section));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, AuthRateLimitPolicy>(AuthRateLimitPolicy.Name);
        });
        return services;
    }
}
