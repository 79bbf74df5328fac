using CourseHub.Web.Features.Account;
using CourseHub.Web.Features.Admin;
using CourseHub.Web.Features.Blog;
using CourseHub.Web.Features.Catalog;
using CourseHub.Web.Features.Chat;
using CourseHub.Web.Features.Certificates;
using CourseHub.Web.Features.Community;
using CourseHub.Web.Features.Learning;
using CourseHub.Web.Features.LiveClasses;
using CourseHub.Web.Features.Media;
using CourseHub.Web.Features.Notifications;
using CourseHub.Web.Features.Payouts;
using CourseHub.Web.Features.Purchases;
using CourseHub.Web.Features.Status;
using CourseHub.Web.Features.Studio;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Http.Resilience;
using MudBlazor.Services;
using StackExchange.Redis;

namespace CourseHub.Web;

public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.RequireConfiguration(RequiredConfiguration.Keys);
        builder.AddRedisConnection("redis");

        // Keys in Redis: every Web replica can read the cookies and circuits the others issued.
        builder.Services.AddDataProtection().SetApplicationName("CourseHub.Web");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "coursehub:web:data-protection-keys"));

        // The defaults' standard resilience handler retries failed calls, also a sign-in the Api refused with 429 (waiting
        // out its Retry-After until the page gave up). A POST, PUT, PATCH or DELETE is sent once: the user decides to repeat it.
        builder.Services.PostConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.DisableForUnsafeHttpMethods());

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddAccounts();
        builder.AddCatalogPageCache(options =>
        {
            options.SessionCookie = AccountSetup.SessionCookie;
            // Every visitor's own: the sign-in binding (set as each response starts) and Blazor's antiforgery cookie.
            options.VisitorCookiePrefixes.AddRange([SignInBinding.CookieName + "=", ".AspNetCore.Antiforgery."]);
        });
        builder.AddCourseMedia();
        builder.Services.AddMudServices();

        // "https+http://api": prefer the Api's https endpoint, fall back to http (service discovery).
        builder.Services.AddHttpClient<StatusClient>(client => client.BaseAddress = new Uri("https+http://api"));
        builder.Services.AddHttpClient<CatalogClient>(client => client.BaseAddress = new Uri("https+http://api"));
        builder.Services.AddHttpClient<CertificateClient>(client => client.BaseAddress = new Uri("https+http://api"));
        builder.Services.AddScoped<StudioClient>();
        builder.Services.AddScoped<AdminClient>();
        builder.Services.AddScoped<Features.Analytics.AnalyticsClient>();
        builder.Services.AddScoped<PurchaseClient>();
        builder.Services.AddScoped<PayoutsClient>();
        builder.Services.AddScoped<LearningClient>();
        builder.Services.AddScoped<ReviewClient>();
        builder.Services.AddScoped<ReportClient>();
        builder.Services.AddScoped<ModerationClient>();
        builder.Services.AddScoped<QuestionClient>();
        builder.Services.AddScoped<BlogClient>();
        builder.Services.AddScoped<LessonCommentClient>();
        builder.AddBlogFeed();
        builder.Services.AddScoped<NotificationClient>();
        // Scoped = one per circuit (browser tab), like the chat connection.
        builder.Services.AddScoped<NotificationConnection>();
        builder.Services.AddScoped<ChatClient>();
        // Scoped = one per circuit (browser tab): the app bar's badge and the messages page share one hub connection.
        builder.Services.AddScoped<ChatConnection>();
        builder.Services.AddScoped<LiveClassClient>();
        builder.Services.AddScoped<LivePendingCount>();
        // Scoped = one per circuit (browser tab): the live room's presence is this tab's.
        builder.Services.AddScoped<LiveRoomConnection>();
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseThemeClientHint();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseSignInBinding();
        // Anonymous catalog pages (CatalogPageCacheAttribute): after everything that sets per-response headers and cookies,
        // before the work a cached page does not need.
        app.UseOutputCache();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAccountEndpoints();
        app.MapCourseMediaEndpoints();
        app.MapReceiptDownload();
        app.MapCsvDownload();
        app.MapVideoStreamProxy();
        app.MapCertificateDownload();
        app.MapOneClickUnsubscribe();
        app.MapBlogFeed();
        return app;
    }
}
