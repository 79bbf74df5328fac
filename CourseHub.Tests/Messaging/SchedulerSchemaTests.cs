using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CourseHub.Tests.Messaging;

/// <summary>Quartz's tables, created before the scheduler starts, on an empty database of the test's own.</summary>
[Collection(SystemCollection.Name)]
public sealed class SchedulerSchemaTests(SystemFixture system)
{
    [Fact]
    public async Task Two_workers_starting_together_create_every_Quartz_table_once_and_a_later_start_changes_nothing()
    {
        await using var database = await ScratchDatabase.CreateAsync(system, "quartz");
        Assert.Equal(0, await QuartzTablesAsync(database));

        await Task.WhenAll(
            new SchedulerSchema(database.ConnectionString, NullLogger<SchedulerSchema>.Instance).StartAsync(CancellationToken.None),
            new SchedulerSchema(database.ConnectionString, NullLogger<SchedulerSchema>.Instance).StartAsync(CancellationToken.None));
        var created = await QuartzTablesAsync(database);
        // The tables the ADO job store works with, at least (Quartz 4 adds history tables of its own beside them).
        Assert.True(created >= 11, $"only {created} Quartz tables");
        foreach (var table in new[] { "qrtz_job_details", "qrtz_triggers", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_locks", "qrtz_scheduler_state" })
        {
            Assert.True(await ExistsAsync(database, table), $"{table} is missing");
        }

        await new SchedulerSchema(database.ConnectionString, NullLogger<SchedulerSchema>.Instance).StartAsync(CancellationToken.None);
        Assert.Equal(created, await QuartzTablesAsync(database));
    }

    private static async Task<int> QuartzTablesAsync(ScratchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'qrtz\\_%'", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private static async Task<bool> ExistsAsync(ScratchDatabase database, string table)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
