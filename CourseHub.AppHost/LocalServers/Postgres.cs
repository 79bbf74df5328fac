using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CourseHub.AppHost.LocalServers;

/// <summary>A PostgreSQL server from the Debian package, its cluster initialised on first start under the data folder.</summary>
public sealed class PostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");
}

/// <summary>A database of a <see cref="PostgresServerResource"/>, created when the server first becomes ready.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public PostgresServerResource Parent { get; } = parent;
    public string DatabaseName { get; } = databaseName;
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class PostgresBuilderExtensions
{
    /// <summary>
    /// PostgreSQL for the app model: the machine's own server, or — with <c>ConnectionStrings:{database}</c> set when the
    /// database is added — none at all (see <see cref="AddDatabase"/>).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var settings = LocalServerSettings.For(builder);
        var binaries = BinDirectory();
        if (binaries is null)
        {
            settings.MissingPrerequisites.Add("PostgreSQL server (postgres, initdb) — install: sudo apt-get install -y postgresql");
        }
        var account = settings.IsRoot ? "postgres" : null;
        var folder = settings.DataFolderFor(name, account);
        var cluster = Path.Combine(folder, "data");
        var port = settings.Port(15432);

        // The password is generated with the cluster and kept beside it: it lives exactly as long as the data it protects.
        var passwordFile = Path.Combine(folder, "password");
        var password = builder.AddParameter($"{name}-password", () => StoredSecrets.Password(passwordFile), secret: true);

        string[] arguments =
        [
            "-D", cluster,
            "-p", port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
            // Room for the catalog's tables and indexes (about 150 MB at 50,000 courses) instead of the default 128 MB.
            "-c", "shared_buffers=256MB",
            // Our queries are short; JIT compilation only adds latency to the bigger search and facet plans.
            "-c", "jit=off",
            .. settings.Durable ? Array.Empty<string>() : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ];
        var (command, commandArguments) = ServerProcess.Run(Path.Combine(binaries ?? "/usr/lib/postgresql/15/bin", "postgres"), account, arguments);
        var server = new PostgresServerResource(name, command, folder, password.Resource);

        builder.Services.AddHostedService(services => new PostgresFastShutdown(cluster, services.GetRequiredService<IHostApplicationLifetime>()));
        return builder.AddResource(server)
            .WithArgs(commandArguments)
            .WithLocalEndpoint("tcp", port, "tcp")
            .WithIconName("Database")
            .OnBeforeResourceStarted(async (resource, @event, cancellationToken) =>
            {
                var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                await InitialiseClusterAsync(binaries!, folder, cluster, passwordFile, account, log, cancellationToken);
            })
            .WithReadinessProbe((connectionString, cancellationToken) => ReportsReady(cluster)
                ? Probe.PostgresAsync(connectionString + ";Database=postgres", cancellationToken)
                : Task.FromResult(false));
    }

    /// <summary>
    /// Whether the postmaster says it accepts connections (line 8 of <c>postmaster.pid</c> reads <c>ready</c>). A probe
    /// that connects earlier is refused with "FATAL: the database system is starting up", which lands in the server's log
    /// on every first start; asking the file first keeps that log clean. An unreadable file leaves it to the connection.
    /// </summary>
    private static bool ReportsReady(string cluster)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(cluster, "postmaster.pid"));
            return lines.Length >= 8 && lines[7].Trim() == "ready"; // PostgreSQL 10 and later write the status line
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>The database the services reference (<c>ConnectionStrings:{name}</c>), created when missing.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name,
        string? databaseName = null)
    {
        var builder = server.ApplicationBuilder;
        if (builder.TryAddExistingServer(name, Probe.PostgresAsync) is { } existing)
        {
            // The database lives elsewhere, so a local server would only be started for nothing.
            builder.Resources.Remove(server.Resource);
            builder.Resources.Remove(server.Resource.Password);
            LocalServerSettings.For(builder).MissingPrerequisites.RemoveAll(line => line.StartsWith("PostgreSQL", StringComparison.Ordinal));
            return existing;
        }
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgreSQL database", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("DatabaseStack")
            .OnInitializeResource(async (resource, @event, cancellationToken) =>
            {
                // Aspire passes a parent's state on to its children only for containers: an executable server's database
                // publishes its own, once the server is ready (a child may not WaitFor its parent).
                await @event.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Waiting });
                await @event.Notifications.WaitForResourceHealthyAsync(resource.Parent.Name, cancellationToken);
                await @event.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Starting });
                var connectionString = await resource.Parent.ConnectionStringExpression.GetValueAsync(cancellationToken);
                await CreateDatabaseWhenMissingAsync(connectionString!, resource.DatabaseName, @event.Logger, cancellationToken);
                await @event.Notifications.PublishUpdateAsync(resource, state => state with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
                await @event.Eventing.PublishAsync(new ConnectionStringAvailableEvent(resource, @event.Services), cancellationToken);
            })
            .WithReadinessProbe(Probe.PostgresAsync);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(database);
    }

    private static string? BinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static async Task InitialiseClusterAsync(string binaries, string folder, string cluster, string passwordFile, string? account,
        ILogger log, CancellationToken cancellationToken)
    {
        StoredSecrets.Password(passwordFile);
        await ServerProcess.PrepareFolderAsync(folder, account, cancellationToken);
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            log.LogInformation("Initialising a new PostgreSQL cluster in {Cluster}", cluster);
            if (Directory.Exists(cluster))
            {
                Directory.Delete(cluster, recursive: true); // a half-finished initdb of an interrupted run
            }
            await ServerProcess.RunToCompletionAsync(Path.Combine(binaries, "initdb"),
                ["-D", cluster, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-locale"],
                log, cancellationToken, account);
        }
        await RemoveStaleLockFileAsync(cluster, log, cancellationToken);
    }

    /// <summary>
    /// A postmaster killed with the AppHost leaves postmaster.pid behind, and PostgreSQL refuses to start while the pid in it
    /// still exists — which it briefly does, as a dying or unreaped process. Wait for a real postmaster to finish dying; a dead
    /// or zombie one's lock file is simply stale.
    /// </summary>
    private static async Task RemoveStaleLockFileAsync(string cluster, ILogger log, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(cluster, "postmaster.pid");
        if (!File.Exists(lockFile) || !int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), out var pid))
        {
            return;
        }
        for (var attempt = 0; attempt < 50 && IsAlive(pid); attempt++)
        {
            await Task.Delay(100, cancellationToken);
        }
        if (!IsAlive(pid))
        {
            log.LogInformation("Removing the stale lock file of postmaster {Pid}", pid);
            File.Delete(lockFile);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            // Field 3 of /proc/<pid>/stat is the state; Z (zombie) and X (dead) are no longer running.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task CreateDatabaseWhenMissingAsync(string serverConnectionString, string databaseName, ILogger log, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            log.LogInformation("Created database {Database}", databaseName);
        }
    }

    /// <summary>
    /// DCP stops an executable with SIGTERM, which for PostgreSQL is "smart" shutdown: it waits for every pooled client and is
    /// killed after a few seconds, and the next start runs crash recovery. When the AppHost stops, ask for a fast shutdown
    /// (SIGINT) first: clean, and well under a second.
    /// </summary>
    private sealed class PostgresFastShutdown(string cluster, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(() =>
            {
                var lockFile = Path.Combine(cluster, "postmaster.pid");
                if (File.Exists(lockFile) && int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), out var pid))
                {
                    Native.Kill(pid, Native.SIGINT);
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
