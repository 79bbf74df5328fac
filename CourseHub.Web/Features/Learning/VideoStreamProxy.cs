using System.Net.Http.Headers;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Diagnostics;

namespace CourseHub.Web.Features.Learning;

/// <summary>
/// <c>/media/stream/{lessonId}/…</c>: the lesson's HLS stream from the Web's own address. The browser holds no Api
/// token, so this endpoint asks the Api's stream routes with the session's token (anonymously without a session: free
/// previews) and streams the answer through. The Api signs every link in the playlists for this viewer, so a copied
/// playlist or segment link is refused for anyone else's session. Playlists' URIs are relative and resolve back here.
/// </summary>
public static class VideoStreamProxy
{
    public static WebApplication MapVideoStreamProxy(this WebApplication app)
    {
        app.MapGet("/media/stream/{lessonId:guid}/{file}", (Guid lessonId, string file, HttpContext context, ApiCaller api,
            AuthenticationStateProvider authentication) => ForwardAsync($"/api/learn/lessons/{lessonId}/stream/{file}", context, api, authentication))
            .ExcludeFromDescription();
        app.MapGet("/media/stream/{lessonId:guid}/{rendition}/{file}", (Guid lessonId, string rendition, string file, HttpContext context, ApiCaller api,
            AuthenticationStateProvider authentication) => ForwardAsync($"/api/learn/lessons/{lessonId}/stream/{rendition}/{file}", context, api, authentication))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ForwardAsync(string apiPath, HttpContext context, ApiCaller api, AuthenticationStateProvider authentication)
    {
        // Outside a Blazor render the authentication state is not set for this request's scope; ApiCaller reads the user from it.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
        // A refusal is the Api's problem document, not the Web's error page: hls.js reads its status.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        using var request = new HttpRequestMessage(HttpMethod.Get, apiPath + context.Request.QueryString);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await api.AccessTokenAsync());
            }
            catch (SessionEndedException)
            {
                // Signed out meanwhile: asked as a visitor (a free preview still plays).
            }
        }
        HttpResponseMessage response;
        try
        {
            response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Response.Headers.CacheControl = response.Headers.CacheControl?.ToString() ?? "private, no-store";
            if (response.Content.Headers.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
            }
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
