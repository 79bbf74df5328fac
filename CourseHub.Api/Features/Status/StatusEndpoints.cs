using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Contracts.Status;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Status;

/// <summary>
/// The platform's status: a public summary that names nothing an attacker could use (no versions, no internals), and
/// the details for admins.
/// </summary>
public static class StatusEndpoints
{
    public static IServiceCollection AddStatus(this IServiceCollection services) => services.AddSingleton<DependencyHealth>();

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var status = endpoints.MapGroup("/api/status").WithTags("Status");
        status.MapGet("", GetSummaryAsync)
            .WithName("GetPlatformStatus")
            .WithSummary("Platform status").WithDescription("Whether the platform is up, and the state of its database, cache and messaging.");
        // 401 and 403 come from the authorization middleware; ContractConventions declares them.
        status.MapGet("/details", GetDetailsAsync)
            .RequireAuthorization(IdentitySetup.AdminPolicy)
            .WithName("GetPlatformStatusDetails")
            .WithSummary("Platform status details").WithDescription("For admins: database version, applied migrations, outbox backlog, recent background jobs and the answering instance.");
        return endpoints;
    }

    private static async Task<Ok<StatusSummary>> GetSummaryAsync(DependencyHealth health, IConfiguration configuration, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var dependencies = await health.GetAsync(cancellationToken);
        var allUp = dependencies is { Database: DependencyHealth.Up, Cache: DependencyHealth.Up, Messaging: DependencyHealth.Up };
        return TypedResults.Ok(new StatusSummary(allUp ? DependencyHealth.Up : DependencyHealth.Degraded, ServiceName(configuration),
            time.GetUtcNow(), dependencies));
    }

    private static async Task<Ok<StatusDetails>> GetDetailsAsync(CourseHubDbContext db, IConfiguration configuration, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var version = await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").SingleAsync(cancellationToken);
        var migrations = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        var pending = await db.OutboxMessages.CountAsync(message => message.SentAt == null, cancellationToken);
        var runs = await db.JobRuns
            .OrderByDescending(run => run.StartedAt)
            .Take(10)
            .Select(run => new RecentJobRun(run.JobName, run.SchedulerInstance, run.StartedAt, run.Succeeded))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new StatusDetails(ServiceName(configuration), ServiceInstance.Id(configuration), time.GetUtcNow(),
            version, migrations, pending, runs));
    }

    private static string ServiceName(IConfiguration configuration) => configuration["OTEL_SERVICE_NAME"] ?? "api";
}
