using CourseHub.Domain;
using CourseHub.Domain.Persistence;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Orchestration;

[Collection(SystemCollection.Name)]
public sealed class MigrationTests(SystemFixture system)
{
    [Fact]
    public async Task Replicas_migrating_a_fresh_database_at_the_same_time_all_succeed_and_apply_each_migration_once()
    {
        await using var database = await ScratchDatabase.CreateAsync(system, "migrate");
        var target = database.ConnectionString;

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
