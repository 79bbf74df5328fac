using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

    /// <summary>What one start did to the schema, for a truthful start-up line.</summary>
    public sealed record MigrationOutcome(IReadOnlyList<string> Applied, int AlreadyApplied)
    {
        public override string ToString() => (Applied.Count, AlreadyApplied) switch
        {
            (0, _) => $"Database schema is up to date ({AlreadyApplied} migrations applied earlier)",
            (_, 0) => $"Applied {Applied.Count} migrations to an empty database: schema created ({Applied[0]} … {Applied[^1]})",
            _ => $"Applied {Applied.Count} pending migrations ({string.Join(", ", Applied)}) on top of {AlreadyApplied}",
        };
    }

    public static async Task<MigrationOutcome> MigrateAsync(CourseHubDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            // Asked under the lock: another replica may just have applied them.
            var (applied, pending) = await StateAsync(db, cancellationToken);
            if (pending.Count > 0)
            {
                if (applied == 0)
                {
                    // EF reads the history table before it creates it (Npgsql catches the error, but EF has logged it as a
                    // failure by then): on an empty database, create the table first with EF's own script.
                    await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
                }
                await db.Database.MigrateAsync(cancellationToken);
            }
            return new MigrationOutcome(pending, applied);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Npgsql's history repository always answers "exists" (and catches the error instead), so ask PostgreSQL's catalog:
    /// <c>to_regclass</c> resolves the name through the search path exactly as EF's unqualified table name does.
    /// </summary>
    private static async Task<bool> HistoryTableExistsAsync(CourseHubDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<bool>($"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);

    /// <summary>
    /// How many migrations are applied and which are pending. EF reads its history table without asking whether it exists,
    /// which on an empty database makes PostgreSQL log an ERROR for every poll; a catalog lookup first keeps that log clean.
    /// </summary>
    private static async Task<(int Applied, IReadOnlyList<string> Pending)> StateAsync(CourseHubDbContext db, CancellationToken cancellationToken)
    {
        if (!await HistoryTableExistsAsync(db, cancellationToken))
        {
            return (0, db.Database.GetMigrations().ToList());
        }
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        return (applied, (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList());
    }

    private sealed class MigrateOnStart(IServiceScopeFactory scopes, ILogger<MigrateOnStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await RetryUntilDatabaseAnswers(logger, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
                var outcome = await MigrateAsync(db, cancellationToken);
                logger.LogInformation("{Outcome}", outcome.ToString());
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
                    return (await StateAsync(db, cancellationToken)).Pending.Count;
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
