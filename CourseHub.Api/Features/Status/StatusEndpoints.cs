using CourseHub.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Status;

/// <summary>Live facts about the platform's plumbing, for the status page and operators.</summary>
public static class StatusEndpoints
{
    public sealed record PlatformStatus(
        string Service,
        string Instance,
        DateTimeOffset ServerTime,
        string DatabaseVersion,
        int AppliedMigrations,
        int PendingOutboxMessages,
        IReadOnlyList<RecentJobRun> RecentJobRuns);

    public sealed record RecentJobRun(string JobName, string SchedulerInstance, DateTimeOffset StartedAt, bool? Succeeded);

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/status", GetStatusAsync)
            .WithName("GetPlatformStatus")
            .WithTags("Status")
            .WithSummary("Live status of the platform: database, outbox backlog and recent background jobs.");
        return endpoints;
    }

    private static async Task<Ok<PlatformStatus>> GetStatusAsync(CourseHubDbContext db, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var version = await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").SingleAsync(cancellationToken);
        var migrations = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        var pending = await db.OutboxMessages.CountAsync(message => message.SentAt == null, cancellationToken);
        var runs = await db.JobRuns
            .OrderByDescending(run => run.StartedAt)
            .Take(10)
            .Select(run => new RecentJobRun(run.JobName, run.SchedulerInstance, run.StartedAt, run.Succeeded))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PlatformStatus(
            "api",
            configuration["OTEL_RESOURCE_ATTRIBUTES"]?.Split('=').LastOrDefault() ?? Environment.MachineName,
            DateTimeOffset.UtcNow,
            version,
            migrations,
            pending,
            runs));
    }
}
