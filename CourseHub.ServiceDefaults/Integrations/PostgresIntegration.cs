using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CourseHub.ServiceDefaults;

public static class PostgresIntegration
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> through Aspire's Npgsql EF Core integration
    /// (<c>AddNpgsqlDbContext</c>): a pooled context on <c>ConnectionStrings:{connectionName}</c>, the
    /// <c>{TContext}</c> health check, and Npgsql's traces and metrics.
    /// </summary>
    /// <remarks>
    /// Aspire's default retrying execution strategy is switched off: it refuses user-initiated
    /// transactions unless each one is wrapped in <c>CreateExecutionStrategy().ExecuteAsync</c>, and ours
    /// (the outbox relay's claim, the inbox, the Api's multi-step writes) are not. Transient failures are
    /// retried by the callers that need it instead — the relay, consumers and start-up gates all loop.
    /// </remarks>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        builder.AddNpgsqlDbContext<TContext>(connectionName, settings => settings.DisableRetry = true);
        return builder;
    }
}
