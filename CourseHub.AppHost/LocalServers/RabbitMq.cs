namespace CourseHub.AppHost.LocalServers;

/// <summary>
/// rabbitmq-server from the Debian package, with its own node name, ports and Erlang port mapper, so it never meets another
/// instance on the machine. The server script is told it runs under a supervisor, which makes it exec the Erlang VM instead
/// of waiting on it in a shell: the VM then is the process DCP watches and signals.
/// </summary>
public sealed class RabbitMqServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Endpoint => new(this, "amqp");
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
}

/// <summary>
/// The Erlang port mapper of one RabbitMQ node. As its own resource it stays in the foreground and stops with the AppHost.
/// Shown under the broker, but not its child in Aspire's sense: the broker waits for it.
/// </summary>
public sealed class EpmdResource(string name, string command, string workingDirectory) : ExecutableResource(name, command, workingDirectory);

public static class RabbitMqBuilderExtensions
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.TryAddExistingServer(name, Probe.RabbitMqAsync) is { } existing)
        {
            return existing;
        }
        var settings = LocalServerSettings.For(builder);
        var epmdBinary = ServerProcess.FindOnPath("epmd");
        if (!File.Exists(ServerScript) || epmdBinary is null)
        {
            settings.MissingPrerequisites.Add("RabbitMQ (rabbitmq-server) — install: sudo apt-get install -y rabbitmq-server");
        }
        var account = settings.IsRoot ? "rabbitmq" : null;
        var folder = settings.DataFolderFor(name, account);
        var port = settings.Port(15673);
        // Erlang's default distribution port is the node port + 20000, which can pass 65535 with random ports: set it.
        var distributionPort = settings.Port(25673);
        var epmdPort = settings.Port(14369);

        var (command, arguments) = ServerProcess.Run(ServerScript, account);
        var broker = new RabbitMqServerResource(name, command, folder);
        var rabbit = builder.AddResource(broker)
            .WithArgs(arguments)
            .WithLocalEndpoint("amqp", port, "amqp")
            .WithEnvironment("HOME", folder) // the Erlang cookie and crash dumps stay in the data folder
            .WithEnvironment("NOTIFY_SOCKET", Path.Combine(folder, "no-supervisor")) // see the class comment
            .WithEnvironment("ERL_CRASH_DUMP", Path.Combine(folder, "log", "erl_crash.dump"))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort.ToString())
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODENAME", "coursehub" + port + "@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString())
            // RABBITMQ_NODE_IP_ADDRESS binds AMQP only; Erlang's distribution listener binds every interface unless told.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(folder, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(folder, "log"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(folder, "config", "rabbitmq"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(folder, "config", "enabled_plugins"))
            .WithEnvironment("RABBITMQ_FEATURE_FLAGS_FILE", Path.Combine(folder, "config", "feature_flags"))
            .WithIconName("Mail")
            .OnBeforeResourceStarted((_, _, cancellationToken) => WriteConfigurationAsync(folder, port, account, cancellationToken))
            .WithReadinessProbe(Probe.RabbitMqAsync);

        // Without an epmd of its own on that port, the VM would start one that daemonizes and outlives it.
        var epmd = builder.AddResource(new EpmdResource($"{name}-epmd", epmdBinary ?? "epmd", folder))
            .WithArgs("-port", epmdPort.ToString(), "-address", "127.0.0.1")
            .WithLocalEndpoint("tcp", epmdPort, "tcp")
            .WithParentRelationship(rabbit)
            .WithReadinessProbe(cancellationToken => Probe.TcpAsync("127.0.0.1", epmdPort, cancellationToken));
        rabbit.WaitFor(epmd);
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(broker);
    }

    private static async Task WriteConfigurationAsync(string folder, int port, string? account, CancellationToken cancellationToken)
    {
        foreach (var subfolder in new[] { "mnesia", "log", "config" })
        {
            Directory.CreateDirectory(Path.Combine(folder, subfolder));
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "config", "enabled_plugins"), "[].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "config", "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{port}\nlog.console = true\nlog.console.level = warning\nlog.file = false\n",
            cancellationToken);
        await ServerProcess.PrepareFolderAsync(folder, account, cancellationToken);
    }
}
