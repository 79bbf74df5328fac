using CourseHub.AppHost.Hosting.Processes;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>
/// rabbitmq-server from the Debian package, with its own node name, ports and Erlang port mapper
/// (epmd), so it never meets another instance on the machine. The server script is told it runs
/// under a supervisor, which makes it exec the Erlang VM instead of waiting on it in a shell:
/// the VM then is the process we track and signal.
/// </summary>
public sealed class RabbitMqResource(string name) : ServerResource(name)
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public int DistributionPort { get; set; }
    public int EpmdPort { get; set; }

    public override string Type => "RabbitMQ";
    public override string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}";
    public override IEnumerable<ResourceUrl> Urls => [new("amqp", $"amqp://127.0.0.1:{Port}")];
    protected override string? ServiceAccountWhenRoot => "rabbitmq";

    public override IEnumerable<string> MissingPrerequisites() => File.Exists(ServerScript) && FindOnPath("epmd") is not null
        ? []
        : ["RabbitMQ (rabbitmq-server) — install: sudo apt-get install -y rabbitmq-server   (or ./eng/install-prerequisites.sh)"];

    protected override async Task PrepareAsync(HostingContext context, CancellationToken cancellationToken)
    {
        await base.PrepareAsync(context, cancellationToken);
        foreach (var folder in new[] { "mnesia", "log", "config" })
        {
            Directory.CreateDirectory(Path.Combine(DataDirectory, folder));
        }
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "config", "enabled_plugins"), "[].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "config", "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{Port}\nlog.console = true\nlog.console.level = warning\nlog.file = false\n",
            cancellationToken);
        if (RunAsUser is { } user)
        {
            await RunToCompletionAsync("chown", ["-R", $"{user}:{user}", DataDirectory], cancellationToken);
        }
    }

    protected override ProcessSpec CreateProcessSpec(HostingContext context, int replica)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = DataDirectory, // the Erlang cookie lives here
            ["NOTIFY_SOCKET"] = Path.Combine(DataDirectory, "no-supervisor"), // see the class comment
            ["ERL_EPMD_PORT"] = EpmdPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODENAME"] = $"coursehub{Port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(DataDirectory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(DataDirectory, "config", "rabbitmq"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "config", "enabled_plugins"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(DataDirectory, "config", "feature_flags"),
        };
        // Our own epmd, a child of the VM's process group, dies with it (and with us, by its parent-death signal).
        var script = $"setpriv --pdeathsig TERM -- epmd -port {EpmdPort} -address 127.0.0.1 & sleep 0.3; exec {ServerScript}";
        return new ProcessSpec("/bin/sh", ["-c", script], DataDirectory, environment, RunAsUser);
    }

    protected override Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken) =>
        Probe.RabbitMqAsync(ConnectionString, cancellationToken);
}
