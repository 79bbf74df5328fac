using System.Security.Cryptography;
using CourseHub.AppHost.Hosting.Processes;
using Npgsql;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>A PostgreSQL server from the Debian package, its cluster initialised on first start.</summary>
public sealed class PostgresServerResource(string name, bool durable) : ServerResource(name)
{
    private string _password = "";

    public override string Type => "PostgreSQL";
    protected override string? ServiceAccountWhenRoot => "postgres";
    protected override int StopSignal => Native.SIGINT; // "fast" shutdown; SIGTERM would wait for every client

    public override string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={_password}";

    public override IEnumerable<ResourceUrl> Urls => [new("tcp", $"tcp://127.0.0.1:{Port}")];

    private static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    public override IEnumerable<string> MissingPrerequisites() => BinDirectory is null
        ? ["PostgreSQL server (postgres, initdb) — install: sudo apt-get install -y postgresql   (or ./eng/install-prerequisites.sh)"]
        : [];

    protected override async Task PrepareAsync(HostingContext context, CancellationToken cancellationToken)
    {
        await base.PrepareAsync(context, cancellationToken);
        var passwordFile = Path.Combine(DataDirectory, "password");
        var cluster = Path.Combine(DataDirectory, "data");
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            Log.Append($"[apphost] initialising a new PostgreSQL cluster in {cluster}");
            if (Directory.Exists(cluster))
            {
                Directory.Delete(cluster, recursive: true); // a half-finished initdb from an interrupted run
            }
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), cancellationToken);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (RunAsUser is { } user)
            {
                await RunToCompletionAsync("chown", [$"{user}:{user}", passwordFile], cancellationToken);
            }
            await RunToCompletionAsync(Path.Combine(BinDirectory!, "initdb"),
                ["-D", cluster, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-locale"],
                cancellationToken, RunAsUser);
        }
        _password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        await RemoveStaleLockFileAsync(cluster, cancellationToken);
    }

    /// <summary>
    /// A postmaster killed with the AppHost leaves postmaster.pid behind, and PostgreSQL refuses to
    /// start while the pid in it still exists — which it briefly does, as a dying or unreaped process.
    /// Wait for a real postmaster to finish dying; a dead or zombie one's lock file is simply stale.
    /// </summary>
    private async Task RemoveStaleLockFileAsync(string cluster, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(cluster, "postmaster.pid");
        if (!File.Exists(lockFile) || !int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), out var pid))
        {
            return;
        }
        for (var attempt = 0; attempt < 50 && ProcessTable.IsAlive(pid); attempt++)
        {
            await Task.Delay(100, cancellationToken);
        }
        if (!ProcessTable.IsAlive(pid))
        {
            Log.Append($"[apphost] removing the stale lock file of postmaster {pid}");
            File.Delete(lockFile);
        }
    }

    protected override ProcessSpec CreateProcessSpec(HostingContext context, int replica)
    {
        List<string> arguments =
        [
            "-D", Path.Combine(DataDirectory, "data"),
            "-p", Port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
            // Room for the catalog's tables and indexes (about 150 MB at 50,000 courses) instead of the default 128 MB.
            "-c", "shared_buffers=256MB",
            // Our queries are short; JIT compilation only adds latency to the bigger search and facet plans.
            "-c", "jit=off",
        ];
        if (!durable)
        {
            // Throw-away test data: trade crash safety for speed.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return new ProcessSpec(Path.Combine(BinDirectory!, "postgres"), arguments, DataDirectory, new Dictionary<string, string>(), RunAsUser);
    }

    protected override async Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken) =>
        await Probe.PostgresAsync(ConnectionString + ";Database=postgres", cancellationToken);
}

/// <summary>A database inside a <see cref="PostgresServerResource"/>, created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server, string databaseName) : Resource(name)
{
    public PostgresServerResource Server { get; } = server;
    public override string Type => "PostgreSQL database";
    public override string ConnectionString => $"{Server.ConnectionString};Database={databaseName}";
    public override IEnumerable<ResourceUrl> Urls => Server.Urls;

    public override async Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString + ";Database=postgres");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Log.Append($"[apphost] created database {databaseName}");
        }
        StartedAt = DateTimeOffset.UtcNow;
    }

    public override Task StopAsync(TimeSpan grace) => Task.CompletedTask;

    public override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        await Probe.PostgresAsync(ConnectionString, cancellationToken) ? HealthStatus.Healthy : HealthStatus.Unhealthy;
}
