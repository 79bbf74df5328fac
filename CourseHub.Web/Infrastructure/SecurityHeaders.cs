using System.Security.Cryptography;

namespace CourseHub.Web.Infrastructure;

/// <summary>
/// The security headers of every Web response, pages and forwarded images alike (set when the response starts, so a
/// proxied answer cannot drop them): nosniff, no framing, a strict referrer, and a Content-Security-Policy that lets
/// only the Web's own scripts run (inline ones need the request's nonce, <see cref="NonceOf"/>), images and video from
/// the Web and the blob host (short-lived SAS URLs, <c>Media:BlobEndpoint</c>), and connections to the Web (its
/// circuit's WebSocket) and the Realtime service (<c>services:realtime:*</c>).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "coursehub.csp-nonce";
    private const string CachedPolicyKey = "coursehub.csp-from-cache";

    /// <summary>The nonce this request's page gives its inline scripts (the import map).</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    /// <summary>
    /// For a page answered from the output cache: its stored Content-Security-Policy stays, since the stored page's scripts
    /// carry that policy's nonce, not this request's.
    /// </summary>
    public static void KeepCachedPolicy(HttpContext context) => context.Items[CachedPolicyKey] = true;

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var configuration = app.Configuration;
        var media = Origins(configuration.GetSection("Media:BlobEndpoint").Value);
        var realtime = new[] { "http", "https" }
            .SelectMany(scheme => configuration.GetSection($"services:realtime:{scheme}").GetChildren().Select(entry => entry.Value))
            .SelectMany(Origins)
            .SelectMany(origin => new[] { origin, origin.Replace("https://", "wss://").Replace("http://", "ws://") })
            .Distinct()
            .ToList();
        var mediaSources = string.Concat(media.Select(origin => " " + origin));
        var connectSources = string.Concat(realtime.Select(origin => " " + origin));

        app.Use((context, next) =>
        {
            // Hex, not Base64: the page writes attributes HTML-encoded, and a "+" would show there as an entity.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var policy = "default-src 'self'; "
                + $"script-src 'self' 'nonce-{nonce}'; "
                + "style-src 'self' 'unsafe-inline'; "
                + $"img-src 'self' data: blob:{mediaSources}; "
                + $"media-src 'self' blob:{mediaSources}; "
                + "font-src 'self' data:; "
                + $"connect-src 'self'{connectSources}; "
                + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            // Set now as well as when the response starts: an output-cached page keeps the policy it was rendered with.
            context.Response.Headers.ContentSecurityPolicy = policy;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (!context.Items.ContainsKey(CachedPolicyKey))
                {
                    headers.ContentSecurityPolicy = policy;
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The origins (scheme://host:port) of a comma-separated list of absolute URLs; anything else is ignored.</summary>
    private static IEnumerable<string> Origins(string? urls) =>
        (urls ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>();
}
