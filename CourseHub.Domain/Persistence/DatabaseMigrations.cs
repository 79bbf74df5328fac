using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseHub.Domain.Persistence;

public static class DatabaseMigrations
{
    // Any constant works; it only has to be the same in every replica.
    private const long MigrationLockKey = 0x43_6F_75_72_73_65_48; // "CourseH"

    /// <summary>
    /// The Api applies migrations at start-up. Replicas starting together queue on a PostgreSQL
    /// advisory lock: the first migrates, the others then find nothing pending.
    /// </summary>
    public static IServiceCollection AddDatabaseMigration(this IServiceCollection services) =>
        services.AddHostedService<MigrateOnStart>();

    /// <summary>Services that only use the schema wait at start-up until the Api has migrated it.</summary>
    public static IServiceCollection AddDatabaseReadyGate(this IServiceCollection services) =>
        services.AddHostedService<WaitForSchemaOnStart>();

    public static async Task MigrateAsync(CourseHubDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class MigrateOnStart(IServiceScopeFactory scopes, ILogger<MigrateOnStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await RetryUntilDatabaseAnswers(logger, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
                await MigrateAsync(db, cancellationToken);
                logger.LogInformation("Database schema is up to date");
            }, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class WaitForSchemaOnStart(IServiceScopeFactory scopes, ILogger<WaitForSchemaOnStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var announced = false;
            while (true)
            {
                var pending = await RetryUntilDatabaseAnswers(logger, async () =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
                    return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                }, cancellationToken);
                if (pending == 0)
                {
                    return;
                }
                if (!announced)
                {
                    logger.LogInformation("Waiting for the Api to apply {Count} pending migration(s)", pending);
                    announced = true;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static async Task RetryUntilDatabaseAnswers(ILogger logger, Func<Task> action, CancellationToken cancellationToken) =>
        await RetryUntilDatabaseAnswers(logger, async () => { await action(); return true; }, cancellationToken);

    private static async Task<T> RetryUntilDatabaseAnswers<T>(ILogger logger, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Database not reachable yet (attempt {Attempt}): {Reason}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }
}
