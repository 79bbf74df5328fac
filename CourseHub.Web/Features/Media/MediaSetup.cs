using CourseHub.Web.Features.Account;
using Microsoft.AspNetCore.Diagnostics;

namespace CourseHub.Web.Features.Media;

/// <summary>Course media in the Web: the upload client and the public thumbnails the Web serves itself.</summary>
public static class MediaSetup
{
    public static WebApplicationBuilder AddCourseMedia(this WebApplicationBuilder builder)
    {
        // Uploads can take long (a 2 GB video over a slow line) and cannot be retried (the browser's stream is read once):
        // no standard resilience handler, a long time limit, cancelled by the user or when the page goes away.
        var uploads = builder.Services.AddHttpClient(CourseHubApi.UploadClientName, client =>
        {
            client.BaseAddress = new Uri("https+http://api");
            client.Timeout = TimeSpan.FromHours(2);
        });
#pragma warning disable EXTEXP0001 // Marked "for evaluation"; it is the supported way to opt one client out of the defaults' handler.
        uploads.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    public static WebApplication MapCourseMediaEndpoints(this WebApplication app)
    {
        // Catalog cards and course pages show thumbnails from the Web's own address (the browser never talks to
        // the Api); the version in ?v= comes from the Api's thumbnailUrl and keeps caches right.
        app.MapGet("/media/thumbnails/{courseId:guid}", async (Guid courseId, string? v, HttpContext context, IHttpClientFactory clients) =>
        {
            // A missing image is an empty 404, not the not-found page: the card shows its placeholder.
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            var query = v is null ? "" : $"?v={Uri.EscapeDataString(v)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/courses/{courseId}/thumbnail{query}");
            if (context.Request.Headers.IfNoneMatch.Count > 0)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", context.Request.Headers.IfNoneMatch.ToString());
            }
            var response = await clients.CreateClient("api").SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.RegisterForDispose(response);
            if (response.Headers.CacheControl is { } cacheControl)
            {
                context.Response.Headers.CacheControl = cacheControl.ToString();
            }
            if (response.Headers.ETag is { } etag)
            {
                context.Response.Headers.ETag = etag.ToString();
            }
            return response.StatusCode switch
            {
                System.Net.HttpStatusCode.NotModified => Results.StatusCode(StatusCodes.Status304NotModified),
                _ when response.IsSuccessStatusCode => Results.Stream(await response.Content.ReadAsStreamAsync(context.RequestAborted),
                    response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream"),
                _ => Results.NotFound(),
            };
        }).ExcludeFromDescription();
        return app;
    }
}
