using CourseHub.Api.Features.Status;
using CourseHub.Domain;
using CourseHub.Domain.Persistence;
using Scalar.AspNetCore;

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
        return app;
    }
}
