using CourseHub.AppHost.Hosting.Processes;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>redis-server from the Debian package; append-only file on for dev data, off for tests.</summary>
public sealed class RedisResource(string name, bool durable) : ServerResource(name)
{
    public override string Type => "Redis";
    public override string ConnectionString => $"127.0.0.1:{Port}";
    public override IEnumerable<ResourceUrl> Urls => [new("tcp", $"tcp://127.0.0.1:{Port}")];

    public override IEnumerable<string> MissingPrerequisites() => FindOnPath("redis-server") is null
        ? ["Redis (redis-server) — install: sudo apt-get install -y redis-server   (or ./eng/install-prerequisites.sh)"]
        : [];

    protected override ProcessSpec CreateProcessSpec(HostingContext context, int replica) => new(
        FindOnPath("redis-server")!,
        ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", DataDirectory, "--save", "", "--appendonly", durable ? "yes" : "no"],
        DataDirectory,
        new Dictionary<string, string>());

    protected override Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken) =>
        Probe.RedisAsync("127.0.0.1", Port, cancellationToken);
}
