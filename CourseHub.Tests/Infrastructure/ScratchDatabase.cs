using CourseHub.Domain;
using CourseHub.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Tests.Infrastructure;

/// <summary>
/// A database of the test's own on the system's PostgreSQL server, dropped afterwards: for code that works on every
/// row of a table (the outbox relay, the cleanup job), which would otherwise reach into the running system's rows.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private ScratchDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        // No pooling: nothing keeps a connection to it once a test is done with it, so it can be dropped.
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <summary>An empty database.</summary>
    public static async Task<ScratchDatabase> CreateAsync(SystemFixture system, string prefix)
    {
        var server = new NpgsqlConnectionStringBuilder(system.ConnectionString("coursehub")) { Database = "postgres" }.ConnectionString;
        var database = new ScratchDatabase(server, $"{prefix}_{Guid.NewGuid().ToString("N")[..8]}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database._name}");
        return database;
    }

    /// <summary>A database with every migration applied.</summary>
    public static async Task<ScratchDatabase> CreateMigratedAsync(SystemFixture system, string prefix)
    {
        var database = await CreateAsync(system, prefix);
        await using var db = database.CreateDbContext();
        await DatabaseMigrations.MigrateAsync(db, CancellationToken.None);
        return database;
    }

    public CourseHubDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql(ConnectionString).Options);

    public async ValueTask DisposeAsync() => await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
