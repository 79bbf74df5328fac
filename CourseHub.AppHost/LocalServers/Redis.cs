namespace CourseHub.AppHost.LocalServers;

/// <summary>
/// redis-server from the Debian package, with a password (Redis holds sessions and rate-limit counters: no other local
/// process should read or write them); its append-only file on for dev data, off for throw-away test data.
/// </summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Endpoint => new(this, "tcp");
    public ParameterResource Password { get; } = password;
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{Endpoint.Property(EndpointProperty.Port)},password={Password}");
}

public static class RedisBuilderExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddRedis(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.TryAddExistingServer(name, ProbeRedisAsync) is { } existing)
        {
            return existing;
        }
        var settings = LocalServerSettings.For(builder);
        var binary = ServerProcess.FindOnPath("redis-server");
        if (binary is null)
        {
            settings.MissingPrerequisites.Add("Redis (redis-server) — install: sudo apt-get install -y redis-server");
        }
        var folder = settings.DataFolderFor(name, serviceAccount: null);
        var port = settings.Port(16379);
        // The password lives in an owner-only config file, not on the command line (which every local user can read).
        var passwordFile = Path.Combine(folder, "password");
        var configFile = Path.Combine(folder, "redis.conf");
        var password = builder.AddParameter($"{name}-password", () => StoredSecrets.Password(passwordFile), secret: true);
        var redis = builder.AddResource(new RedisServerResource(name, binary ?? "redis-server", folder, password.Resource))
            .WithArgs(configFile, "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "",
                // Always an append-only file, so a restart keeps what Redis held (the Api's data-protection keys, bans, counters)
                // as it does for users; throw-away data only skips the fsync.
                "--appendonly", "yes", "--appendfsync", settings.Durable ? "everysec" : "no")
            .WithLocalEndpoint("tcp", port, "tcp")
            .WithIconName("Memory")
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                await ServerProcess.PrepareFolderAsync(folder, null, cancellationToken);
                await File.WriteAllTextAsync(configFile, $"requirepass {StoredSecrets.Password(passwordFile)}\n", cancellationToken);
                File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            })
            .WithReadinessProbe(ProbeRedisAsync);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(redis.Resource);
    }

    /// <summary>A Redis connection string is <c>host:port[,options]</c>, the password among the options.</summary>
    private static Task<bool> ProbeRedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        var parts = connectionString.Split(',');
        var endpoint = parts[0].Split(':');
        var password = parts.Skip(1).Select(option => option.Trim()).FirstOrDefault(option => option.StartsWith("password=", StringComparison.OrdinalIgnoreCase))?["password=".Length..];
        return Probe.RedisAsync(endpoint[0], endpoint.Length > 1 && int.TryParse(endpoint[1], out var port) ? port : 6379, password, cancellationToken);
    }
}
