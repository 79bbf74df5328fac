using System.Text.RegularExpressions;
using Npgsql;
using Quartz;

namespace CourseHub.Worker.Features.Scheduling;

/// <summary>
/// Creates Quartz's tables before the scheduler starts, quietly. Quartz can provision them itself, but it first probes
/// tables that are not there yet, so a first start filled PostgreSQL's log with "relation qrtz_job_details does not exist"
/// and a page of "current transaction is aborted". This asks PostgreSQL whether the tables exist (a catalog lookup, no
/// error) and, only when they do not, runs the PostgreSQL script Quartz ships for its own provisioning (idempotent: it
/// creates only what is missing), under an advisory lock so replicas starting together do not race.
/// Quartz still validates the schema afterwards, as before.
/// </summary>
public sealed class SchedulerSchema(string connectionString, ILogger<SchedulerSchema> logger) : IHostedService
{
    public const string TablePrefix = "qrtz_";
    private const string ScriptResource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
    // Quartz's separator: a line reading exactly "--;;" (its header comment mentions it inline, so not a plain split).
    private static readonly Regex StatementSeparator = new(@"^--;;\r?$", RegexOptions.Multiline);
    private static readonly Regex CreateTable = new(@"CREATE TABLE IF NOT EXISTS (\w+)", RegexOptions.IgnoreCase);
    private const long SchemaLockKey = 0x51_75_61_72_74_7A; // "Quartz"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
        try
        {
            var statements = Statements();
            var missing = await MissingTablesAsync(connection, statements, cancellationToken);
            if (missing == 0)
            {
                return;
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in statements)
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Scheduler schema created: {Count} Quartz tables", missing);
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Quartz's own script, with its table-prefix placeholders filled in; comment-only pieces dropped.</summary>
    private static IReadOnlyList<string> Statements()
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"Quartz no longer ships {ScriptResource}: see {nameof(SchedulerSchema)}");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
        return StatementSeparator.Split(script)
            .Where(piece => piece.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }

    private static async Task<int> MissingTablesAsync(NpgsqlConnection connection, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        var tables = statements
            .Select(statement => CreateTable.Match(statement))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value.ToLowerInvariant())
            .ToArray();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM unnest(@tables) AS name WHERE to_regclass(name) IS NULL", connection);
        command.Parameters.AddWithValue("tables", tables);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
