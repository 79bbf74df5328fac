using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Endpoints;

namespace CourseHub.Web.Features.Account;

/// <summary>
/// Binds a sign-in to the browser that started it. Every page request of a browser without one gets an HttpOnly
/// random "sign-in binding" cookie, before its interactive circuit connects; the sign-in page parks the tokens with a
/// hash of that value (read from the circuit's request) and /account/complete-sign-in redeems the ticket only for a
/// request that carries the same cookie. A ticket link sent to someone else's browser therefore signs nobody in.
/// </summary>
public sealed class SignInBinding(IHttpContextAccessor httpContextAccessor)
{
    public const string CookieName = "coursehub.sign-in-binding";

    /// <summary>The binding of the browser behind the current request or circuit; null when it sent none.</summary>
    public string? Current => Of(httpContextAccessor.HttpContext);

    public static string? Of(HttpContext? context) =>
        context?.Request.Cookies.TryGetValue(CookieName, out var value) == true && value is { Length: >= 32 } ? value : null;

}

public static class SignInBindingSetup
{
    /// <summary>Gives a browser loading a page its binding cookie when it has none.</summary>
    public static WebApplication UseSignInBinding(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && SignInBinding.Of(context) is null
                && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                // When the response starts, so a page answered from the output cache still gives each browser its own
                // (the cache keeps the headers a page had before that).
                context.Response.OnStarting(() =>
                {
                    context.Response.Cookies.Append(SignInBinding.CookieName, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                        IsEssential = true,
                        Path = "/", // the circuit's /_blazor request must carry it too
                    });
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        return app;
    }
}
