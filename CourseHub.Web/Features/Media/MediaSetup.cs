using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace CourseHub.Web.Features.Media;

/// <summary>Course media in the Web: the upload client and the public thumbnails the Web serves itself.</summary>
public static class MediaSetup
{
    public static WebApplicationBuilder AddCourseMedia(this WebApplicationBuilder builder)
    {
        // Uploads can take long (a 2 GB video over a slow line) and cannot be retried (the browser's stream is read once):
        // no standard resilience handler, a long time limit, cancelled by the user or when the page goes away.
        builder.Services.AddScoped<MediaClient>();
        builder.Services.AddHttpForwarderWithServiceDiscovery();
        var uploads = builder.Services.AddHttpClient(ApiCaller.UploadClientName, client =>
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
        // Catalog cards, course pages and the header show images from the Web's own address (the browser never talks
        // to the Api): YARP forwards them, streaming, with the Api's caching headers (ETag, Cache-Control, 304s).
        // The version in ?v= comes from the Api's URLs and keeps caches right.
        app.MapForwarder("/media/thumbnails/{courseId:guid}", ApiAddress, ImageRoute("/api/courses/{courseId}/thumbnail")).ExcludeFromDescription();
        app.MapForwarder("/media/avatars/{userId:guid}", ApiAddress, ImageRoute("/api/users/{userId}/avatar", "private, max-age=300"))
            .ExcludeFromDescription();
        // Images of blog posts: a new upload has a new name, so the Api's answer is cacheable for good.
        app.MapForwarder("/media/blog/{name}", ApiAddress, ImageRoute("/api/blog/images/{name}")).ExcludeFromDescription();
        return app;
    }

    /// <summary>Resolved by service discovery: the Api's https endpoint if it has one, else http.</summary>
    private const string ApiAddress = "https+http://api";

    private static Action<TransformBuilderContext> ImageRoute(string apiPath, string? defaultCacheControl = null) => transforms =>
    {
        transforms.AddPathRouteValues(apiPath);
        // The Web's session cookie is nothing the Api needs to see.
        transforms.AddRequestHeaderRemove("Cookie");
        transforms.AddRequestTransform(context =>
        {
            // A missing image is an empty 404, not the not-found page: the card shows its placeholder.
            context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return ValueTask.CompletedTask;
        });
        if (defaultCacheControl is not null)
        {
            transforms.AddResponseTransform(context =>
            {
                if (context.HttpContext.Response.StatusCode == StatusCodes.Status200OK && context.HttpContext.Response.Headers.CacheControl.Count == 0)
                {
                    context.HttpContext.Response.Headers.CacheControl = defaultCacheControl;
                }
                return ValueTask.CompletedTask;
            });
        }
    };
}
