using System.Net;
using CourseHub.Api.Features.Admin;
using CourseHub.Api.Features.Analytics;
using CourseHub.Api.Features.Auth;
using CourseHub.Api.Features.Auth.Google;
using CourseHub.Api.Features.Blog;
using CourseHub.Api.Features.Auth.Passwords;
using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Features.Certificates;
using CourseHub.Api.Features.Chat;
using CourseHub.Api.Features.Community;
using CourseHub.Api.Features.Commerce;
using CourseHub.Api.Features.Learning;
using CourseHub.Api.Features.LiveClasses;
using CourseHub.Api.Features.Me;
using CourseHub.Api.Features.Seeding;
using CourseHub.Api.Features.Status;
using CourseHub.Api.Features.Teaching;
using CourseHub.Api.Features.Teaching.Media;
using CourseHub.Api.Features.Teaching.Video;
using CourseHub.Api.Features.Learning.Streaming;
using CourseHub.Api.Features.Teaching.Quizzes;
using CourseHub.Api.Features.WellKnown;
using CourseHub.Api.Infrastructure;
using CourseHub.Api.Infrastructure.RateLimiting;
using CourseHub.Domain.Persistence;
using Microsoft.Extensions.Caching.Memory;
using CourseHub.Domain;
using CourseHub.EventBus;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace CourseHub.Api;

/// <summary>Everything the Api registers and maps, so Program.cs stays a table of contents.</summary>
public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.RequireConfiguration(RequiredConfiguration.Keys);
        if (!builder.Environment.IsDevelopment())
        {
            builder.RequireConfiguration(RequiredConfiguration.ProductionKeys);
        }
        builder.AddPostgresDbContext<CourseHubDbContext>("coursehub");
        builder.AddRedisConnection("redis");
        builder.AddEventBus("messaging");
        builder.AddAzureBlobClient("blobs");
        builder.Services.AddDatabaseMigration();
        builder.AddCourseHubIdentity();
        builder.Services.AddPasswordRules();
        builder.Services.AddGoogleSignIn(builder.Configuration);
        // Hosted services start in order: the demo seed runs after the migration.
        builder.Services.AddHostedService<DemoCatalogSeeder>();

        // HybridCache: in-process L1 with Redis as the shared L2, on the one shared multiplexer.
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, services) =>
        {
            options.InstanceName = "coursehub:cache:";
            options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
        });
        builder.Services.AddHybridCache(options => options.MaximumPayloadBytes = 4 * 1024 * 1024);
        // The L1 is bounded (HybridCache sizes its entries in bytes): a stream of distinct searches, each an entry,
        // evicts the oldest instead of growing the process without limit.
        builder.Services.Configure<MemoryCacheOptions>(options => options.SizeLimit = builder.Configuration.GetValue("Cache:MemoryLimitBytes", 256L * 1024 * 1024));
        builder.Services.AddCatalog();
        // Course lifecycle rules (routes: TeachingEndpoints, AdminCourseEndpoints).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CourseAuthoringService>();
        builder.Services.AddScoped<CurriculumService>();
        builder.Services.AddSingleton<CourseMediaCleanup>();
        builder.Services.AddScoped<QuizAuthoringService>();
        builder.Services.AddCourseMedia(builder.Configuration);
        builder.Services.AddVideoProcessing();
        builder.Services.AddVideoStreaming(builder.Configuration);
        builder.Services.AddCommerce(builder.Configuration);
        builder.Services.AddLearning();
        builder.Services.AddChat(builder.Configuration);
        builder.Services.AddReviews();
        builder.Services.AddQuestions();
        builder.Services.AddModeration(builder.Configuration);
        builder.Services.AddBlog(builder.Configuration);
        builder.Services.AddScoped<UserBans>();
        builder.Services.AddSingleton<Features.Me.AccountRestoreLinks>();
        builder.Services.AddAnalytics();
        builder.Services.AddLiveClasses(builder.Configuration);
        builder.Services.AddStatus();
        builder.Services.AddOpenApi(options => options.AddBearerSecurity().DescribeCourseHub());
        builder.Services.AddApiRateLimiting(builder.Configuration);
        // Refusals of business rules and unreadable requests become ProblemDetails in one place. Bad requests throw in every
        // environment (not only Development), so that one place also names the field of malformed JSON.
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // The client address (for rate limiting) comes from X-Forwarded-For only when the direct peer is a
        // trusted proxy: loopback (the local AppHost, the Web front end on this machine) plus the networks in
        // ForwardedHeaders:KnownNetworks (CIDR, e.g. the Container Apps environment's subnet).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            foreach (var network in builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Unhandled exceptions and bare status codes become RFC 7807 ProblemDetails, never stack traces.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // After UseForwardedHeaders: policies partition by the client address it establishes.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapOpenApi();
        app.MapApiReference();
        // Every route of the contract, with the answers they all share declared once (400, 401, 403), and no text
        // field taking control characters or (outside free text) invisible direction and zero-width characters.
        var api = app.MapGroup("").DeclareCommonProblems().RefuseUnsafeText();
        api.MapStatusEndpoints();
        api.MapWellKnownEndpoints();
        api.MapAuthEndpoints();
        api.MapMeEndpoints();
        api.MapAccountDataEndpoints();
        api.MapNotificationEndpoints();
        api.MapNotificationPreferenceEndpoints();
        api.MapAdminEndpoints();
        api.MapInvitationEndpoints();
        api.MapAdminCourseEndpoints();
        api.MapAdminCategoryEndpoints();
        api.MapTeachingEndpoints();
        api.MapQuizEndpoints();
        api.MapCourseMediaEndpoints();
        api.MapVideoProcessingEndpoints();
        api.MapCatalogEndpoints();
        api.MapCommerceEndpoints();
        api.MapLearningEndpoints();
        api.MapVideoStreamingEndpoints();
        api.MapCertificateEndpoints();
        api.MapChatEndpoints();
        api.MapReviewEndpoints();
        api.MapQuestionEndpoints();
        api.MapModerationEndpoints();
        api.MapAdminReviewEndpoints();
        api.MapLessonCommentEndpoints();
        api.MapBlogEndpoints();
        api.MapAdminBlogEndpoints();
        api.MapLiveClassEndpoints();
        api.MapAnalyticsEndpoints();
        api.MapTeacherAnalyticsEndpoints();
        return app;
    }
}
