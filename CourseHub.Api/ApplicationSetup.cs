using CourseHub.Api.Features.Catalog;
using CourseHub.Api.Features.Seeding;
using CourseHub.Api.Features.Status;
using CourseHub.Api.Features.Teaching;
using CourseHub.Domain;
using CourseHub.Domain.Persistence;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Scalar.AspNetCore;
using StackExchange.Redis;

namespace CourseHub.Api;

/// <summary>Everything the Api registers and maps, so Program.cs stays a table of contents.</summary>
public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.RequireConfiguration(RequiredConfiguration.Keys);
        builder.AddNpgsqlDbContext<CourseHubDbContext>("coursehub");
        builder.AddRedisClient("redis");
        builder.AddEventBus("messaging");
        builder.AddAzureBlobClient("blobs");
        builder.Services.AddDatabaseMigration();
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
        builder.Services.AddCatalog();
        // Course lifecycle rules; no routes until authentication exists.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CourseAuthoringService>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        // Unhandled exceptions and bare status codes become RFC 7807 ProblemDetails, never stack traces.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("CourseHub API"));
        app.MapStatusEndpoints();
        app.MapCatalogEndpoints();
        return app;
    }
}
