using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CourseHub.Web.Features.Purchases;

/// <summary>
/// <c>/my/orders/{id}/receipt</c>: the order's PDF receipt as a download from the Web's own address. The browser never
/// holds the Api token, so a plain link cannot reach the Api's receipt route; this endpoint asks with the session's token
/// and streams the answer through. A refusal goes back to My orders, which says why.
/// </summary>
public static class ReceiptDownload
{
    public static WebApplication MapReceiptDownload(this WebApplication app)
    {
        app.MapGet("/my/orders/{orderId:guid}/receipt", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The file name the browser saves: the first block of the order id is enough to tell receipts apart.</summary>
    public static string FileNameOf(Guid orderId) => $"coursehub-receipt-{orderId.ToString("N")[..8]}.pdf";

    private static async Task DownloadAsync(Guid orderId, HttpContext context, PurchaseClient purchases, AuthenticationStateProvider authentication)
    {
        // Outside a Blazor render the authentication state is not set for this request's scope; ApiCaller reads the user from it.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
        HttpResponseMessage? file;
        ApiResult<NoBody> failure;
        try
        {
            (file, failure) = await purchases.OpenReceiptAsync(orderId, context.RequestAborted);
        }
        catch (SessionEndedException)
        {
            context.Response.Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString("/my/orders")}");
            return;
        }
        if (file is null)
        {
            // Only the refusal's code travels in the address (the page words it), never text another site could put there.
            var reason = failure.Code ?? (failure.Status == 0 ? "unreachable" : failure.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Response.Redirect($"/my/orders?receipt={orderId}&problem={Uri.EscapeDataString(reason)}");
            return;
        }
        using (file)
        {
            context.Response.ContentType = "application/pdf";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileNameOf(orderId)}\"";
            context.Response.Headers.CacheControl = "private, no-store";
            if (file.Content.Headers.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
            }
            await using var body = await file.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
