using CourseHub.Domain;
using CourseHub.Domain.Persistence;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Tests.Orchestration;

[Collection(SystemCollection.Name)]
public sealed class MigrationTests(SystemFixture system)
{
    [Fact]
    public async Task Replicas_migrating_a_fresh_database_at_the_same_time_all_succeed_and_apply_each_migration_once()
    {
        var database = "migrate_" + Guid.NewGuid().ToString("N")[..8];
        var server = new NpgsqlConnectionStringBuilder(system.ConnectionString("coursehub")) { Database = "postgres" };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
        }
        var target = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString;

        // Four "replicas" start together.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = new CourseHubDbContext(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql(target).Options);
            await DatabaseMigrations.MigrateAsync(db, CancellationToken.None);
        }));

        await using var check = new CourseHubDbContext(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql(target).Options);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        var applied = await check.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
        Assert.Equal(check.Database.GetMigrations().Count(), applied.Count);
        Assert.Equal(applied.Count, applied.Distinct().Count());
    }
}
