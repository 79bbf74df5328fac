using CourseHub.AppHost.Hosting.Processes;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>Azurite's blob service (npm), the local stand-in for Azure Blob Storage.</summary>
public sealed class AzuriteResource(string name) : ServerResource(name)
{
    // The development storage account's name and key are public, documented by Microsoft for emulators.
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public override string Type => "Azurite";
    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{DevelopmentAccount}";
    public override string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};BlobEndpoint={BlobEndpoint};";
    public override IEnumerable<ResourceUrl> Urls => [new("blob", BlobEndpoint)];

    public override IEnumerable<string> MissingPrerequisites() => FindOnPath("azurite-blob") is null
        ? ["Azurite (azurite-blob) — install: sudo npm install -g azurite   (or ./eng/install-prerequisites.sh)"]
        : [];

    protected override ProcessSpec CreateProcessSpec(HostingContext context, int replica) => new(
        FindOnPath("azurite-blob")!,
        ["--blobHost", "127.0.0.1", "--blobPort", Port.ToString(), "--location", DataDirectory, "--skipApiVersionCheck", "--silent"],
        DataDirectory,
        new Dictionary<string, string>());

    protected override Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken) =>
        Probe.HttpAsync($"{BlobEndpoint}?comp=list", anyStatus: true, cancellationToken);
}

/// <summary>The blob service of an <see cref="AzuriteResource"/>, what services reference as <c>blobs</c>.</summary>
public sealed class BlobsResource(string name, AzuriteResource storage) : Resource(name)
{
    public AzuriteResource Storage { get; } = storage;
    public override string Type => "Blob storage";
    public override string ConnectionString => Storage.ConnectionString;
    public override IEnumerable<ResourceUrl> Urls => Storage.Urls;

    public override Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        StartedAt = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public override Task StopAsync(TimeSpan grace) => Task.CompletedTask;

    public override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        await Probe.HttpAsync($"{Storage.BlobEndpoint}?comp=list", anyStatus: true, cancellationToken) ? HealthStatus.Healthy : HealthStatus.Unhealthy;
}

/// <summary>MailDev (npm): an SMTP server that keeps every mail, with a web UI and a REST API to read them.</summary>
public sealed class MailDevResource(string name) : ServerResource(name)
{
    public int WebPort { get; set; }

    public override string Type => "MailDev";
    public override string ConnectionString => $"Endpoint=smtp://127.0.0.1:{Port}";
    public string WebUrl => $"http://127.0.0.1:{WebPort}";
    public override IEnumerable<ResourceUrl> Urls => [new("web", WebUrl), new("smtp", $"smtp://127.0.0.1:{Port}")];

    public override IEnumerable<string> MissingPrerequisites() => FindOnPath("maildev") is null
        ? ["MailDev (maildev) — install: sudo npm install -g maildev   (or ./eng/install-prerequisites.sh)"]
        : [];

    protected override ProcessSpec CreateProcessSpec(HostingContext context, int replica) => new(
        FindOnPath("maildev")!,
        ["--smtp", Port.ToString(), "--web", WebPort.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", DataDirectory],
        DataDirectory,
        new Dictionary<string, string>());

    protected override Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken) =>
        Probe.HttpAsync($"{WebUrl}/email", anyStatus: false, cancellationToken);
}
