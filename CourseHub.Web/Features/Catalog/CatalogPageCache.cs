using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace CourseHub.Web.Features.Catalog;

/// <summary>
/// Output caching of the catalog's public pages (the search page and the course landing page, marked
/// <c>[CatalogPageCache]</c>: the attribute is the endpoint's output cache policy) for anonymous visitors: the whole
/// prerendered HTML is kept per Web replica, keyed on the path, every query parameter, the theme the page is prerendered in and the catalog version
/// (<see cref="CatalogVersionReader"/>), so a catalog change is never served stale. A request that carries the session cookie
/// (or an Authorization header) is neither answered from nor stored in this cache.
/// </summary>
/// <remarks>
/// What a cached page must not carry: the cookies of the visitor it was rendered for. The stored headers hold Blazor's
/// antiforgery cookie of the first visitor (set while the page renders), so a page served from the cache drops every stored
/// Set-Cookie; the sign-in binding is set as each response starts, after that, so every visitor still gets their own. A
/// response that sets any other cookie is not stored. The Content-Security-Policy is stored with the page, since the page's
/// scripts carry that policy's nonce (<see cref="SecurityHeaders.KeepCachedPolicy"/>). The HTML holds the circuit's start
/// descriptors, which Blazor accepts for five minutes after rendering: entries live one minute, so a visitor has four to
/// open the circuit.
/// </remarks>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CatalogPageCacheAttribute : Attribute, IOutputCachePolicy
{
    public const string Tag = "catalog-pages";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        // From the request's services, not the constructor: the version reader evicts through the cache store, which is made
        // from the output cache's options, which hold this policy.
        var version = context.HttpContext.RequestServices.GetRequiredService<CatalogVersionReader>().Cacheable;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && version is not null && IsAnonymous(request, OptionsOf(context));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Many visitors asking for the same new page at once wait for one render.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.Tags.Add(Tag);
        var vary = context.CacheVaryByRules;
        // Every parameter: the page's links carry the whole query on.
        vary.QueryKeys = "*";
        vary.VaryByValues["catalog-version"] = version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var theme = ThemePreference.Read(context.HttpContext);
        vary.VaryByValues["theme"] = $"{theme.Choice}/{(theme.Dark ? "dark" : "light")}";
        // Blazor's enhanced navigation asks with its own Accept header; keep its answers apart from full loads.
        vary.VaryByValues["enhanced-navigation"] = request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal) ? "yes" : "no";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        SecurityHeaders.KeepCachedPolicy(context.HttpContext);
        var response = context.HttpContext.Response;
        // Runs before the callbacks the earlier middleware registered (last registered, first run): the stored cookies go,
        // this response's own sign-in binding comes after.
        response.OnStarting(() =>
        {
            response.Headers.Remove("Set-Cookie");
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var options = OptionsOf(context);
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Any(cookie => !IsVisitorCookie(cookie, options)))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    private static CatalogPageCacheOptions OptionsOf(OutputCacheContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<IOptions<CatalogPageCacheOptions>>().Value;

    private static bool IsAnonymous(HttpRequest request, CatalogPageCacheOptions options) =>
        !request.Headers.ContainsKey("Authorization")
        // Chunked session cookies are named after the cookie too (name, nameC1, nameC2, …).
        && !request.Cookies.Keys.Any(name => name.StartsWith(options.SessionCookie, StringComparison.Ordinal));

    private static bool IsVisitorCookie(string? setCookie, CatalogPageCacheOptions options) =>
        setCookie is not null && options.VisitorCookiePrefixes.Any(prefix => setCookie.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>The cookie names the cache must know (they belong to the account feature and to Blazor).</summary>
public sealed class CatalogPageCacheOptions
{
    /// <summary>The signed-in session's cookie: a request with it is never cached.</summary>
    public string SessionCookie { get; set; } = "";

    /// <summary>
    /// The cookies each visitor gets their own of, which a stored page may have set (dropped when it is served from the
    /// cache): their names' beginnings. Any other cookie keeps a response out of the cache.
    /// </summary>
    public List<string> VisitorCookiePrefixes { get; } = [];
}

public static class CatalogPageCacheSetup
{
    public static WebApplicationBuilder AddCatalogPageCache(this WebApplicationBuilder builder, Action<CatalogPageCacheOptions> configure)
    {
        builder.Services.Configure(configure);
        builder.Services.AddSingleton<CatalogVersionReader>();
        builder.Services.AddOutputCache();
        return builder;
    }
}
