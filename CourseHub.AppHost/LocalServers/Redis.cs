namespace CourseHub.AppHost.LocalServers;

/// <summary>redis-server from the Debian package; its append-only file on for dev data, off for throw-away test data.</summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Endpoint => new(this, "tcp");
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
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
        var redis = builder.AddResource(new RedisServerResource(name, binary ?? "redis-server", folder))
            .WithArgs("--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", settings.Durable ? "yes" : "no")
            .WithLocalEndpoint("tcp", port, "tcp")
            .WithIconName("Memory")
            .OnBeforeResourceStarted((_, _, cancellationToken) => ServerProcess.PrepareFolderAsync(folder, null, cancellationToken))
            .WithReadinessProbe(ProbeRedisAsync);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(redis.Resource);
    }

    /// <summary>A Redis connection string is <c>host:port[,options]</c>.</summary>
    private static Task<bool> ProbeRedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        var endpoint = connectionString.Split(',')[0].Split(':');
        return Probe.RedisAsync(endpoint[0], endpoint.Length > 1 && int.TryParse(endpoint[1], out var port) ? port : 6379, cancellationToken);
    }
}
