using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;

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
    /// <param name="autoPrepare">
    /// With a positive number, each connection prepares up to that many of the statements it runs most (after their
    /// second use), so PostgreSQL parses and plans them once per connection instead of at every execution: for a service
    /// that runs a few small statements at a high rate (Realtime's chat: seven per message).
    /// </param>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName,
        int autoPrepare = 0)
        where TContext : DbContext
    {
        builder.AddNpgsqlDbContext<TContext>(connectionName, settings =>
        {
            settings.DisableRetry = true;
            if (autoPrepare > 0 && !string.IsNullOrEmpty(settings.ConnectionString))
            {
                settings.ConnectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
                {
                    MaxAutoPrepare = autoPrepare,
                    AutoPrepareMinUsages = 2,
                }.ConnectionString;
            }
        });
        return builder;
    }
}
