using System.Text.Json;
using CourseHub.Api.Features.Seeding;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
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
        var target = await CreateDatabaseAsync("migrate");

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

    [Fact]
    public async Task Early_demo_data_is_repaired_once_by_a_migration_and_never_by_the_demo_seed()
    {
        var target = await CreateDatabaseAsync("repair");
        await using var db = new CourseHubDbContext(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql(target).Options);
        var repair = db.Database.GetMigrations().Single(migration => migration.EndsWith("_RepairEarlyDemoData", StringComparison.Ordinal));
        // Today's schema (today's seed writes today's columns), with the repair not yet recorded as applied: it is the one
        // migration the next start has to run, as on a database from before it.
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {repair}");
        await DemoCatalogSeeder.SeedAsync(db, null, CancellationToken.None);

        // Two seeded demo courses; the first is put in the shape the earliest demo seed left behind: curricula
        // numbered from 0, and media under demo/ that never existed.
        var courses = await db.Courses.OrderBy(c => c.Slug).Select(c => c.Id).Take(2).ToListAsync();
        var (early, healthy) = (courses[0], courses[1]);
        var seeded = await ShapeAsync(db, early);
        var healthyBefore = await ShapeAsync(db, healthy);
        var firstModule = await db.CourseModules.Where(m => m.CourseId == early && m.Position == 1).Select(m => m.Id).SingleAsync();
        // The demo has no video lessons any more; the early seed's video pointer is put on the module's first lesson.
        var video = await db.Lessons.Where(l => l.ModuleId == firstModule && l.Type != LessonType.Download).OrderBy(l => l.Position).Select(l => l.Id).FirstAsync();
        var download = await db.Lessons.Where(l => l.ModuleId == firstModule && l.Type == LessonType.Download).Select(l => l.Id).SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE course_modules SET position = position - 1 WHERE course_id = {early}");
        await db.Database.ExecuteSqlAsync($"UPDATE lessons SET position = position - 1 WHERE module_id IN (SELECT id FROM course_modules WHERE course_id = {early})");
        await db.Database.ExecuteSqlAsync($"UPDATE lessons SET video_blob_name = 'demo/early/0-0.mp4' WHERE id = {video}");
        await db.Database.ExecuteSqlAsync(
            $"UPDATE lessons SET download_blob_name = 'demo/early/workbook.pdf', download_size_bytes = 1250000 WHERE id = {download}");
        db.Add(new LessonResource { Id = Guid.NewGuid(), LessonId = download, Title = "Workbook (PDF)", BlobName = "demo/early/workbook.pdf" });
        await db.SaveChangesAsync();
        var earlyShape = await ShapeAsync(db, early);
        Assert.Contains("demo/early/", earlyShape);

        // Another start (the seed runs at every one) leaves the data alone.
        await DemoCatalogSeeder.SeedAsync(db, null, CancellationToken.None);
        Assert.Equal(earlyShape, await ShapeAsync(db, early));

        // The migration brings the course back to what the seed writes today (the workbook's size is 0 until the
        // seed has uploaded the file), and changes nothing else.
        await DatabaseMigrations.MigrateAsync(db, CancellationToken.None);
        Assert.Contains(repair, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(seeded, await ShapeAsync(db, early));
        Assert.Equal(healthyBefore, await ShapeAsync(db, healthy));
    }

    private async Task<string> CreateDatabaseAsync(string prefix)
    {
        var database = prefix + "_" + Guid.NewGuid().ToString("N")[..8];
        var server = new NpgsqlConnectionStringBuilder(system.ConnectionString("coursehub")) { Database = "postgres" };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString;
    }

    /// <summary>A course's curriculum as order and media, for comparing before and after.</summary>
    private static async Task<string> ShapeAsync(CourseHubDbContext db, Guid courseId)
    {
        db.ChangeTracker.Clear();
        var modules = await db.CourseModules.AsNoTracking().Where(m => m.CourseId == courseId).OrderBy(m => m.Position)
            .Select(m => new
            {
                m.Position,
                Lessons = m.Lessons.OrderBy(l => l.Position).Select(l => new
                {
                    l.Position, l.VideoBlobName, l.DownloadBlobName, l.DownloadSizeBytes, l.DownloadContentType,
                    Resources = l.Resources.Select(r => r.BlobName).ToList(),
                }).ToList(),
            })
            .ToListAsync();
        return JsonSerializer.Serialize(modules);
    }
}
