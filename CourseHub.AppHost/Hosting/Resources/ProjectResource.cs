using System.Reflection;
using CourseHub.AppHost.Hosting.Processes;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>
/// A .NET project of the solution, started from its build output with the environment an Aspire
/// AppHost gives a project: connection strings and service-discovery entries of what it
/// references, its URL, environment name and OpenTelemetry settings. With several replicas, each
/// gets its own port and a load-balancing proxy holds the project's public endpoint.
/// </summary>
public sealed class ProjectResource(string name, string projectPath) : ExecutableResource(name)
{
    public string ProjectPath { get; } = projectPath;
    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;
    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectPath);

    /// <summary>The port clients use (the proxy's when replicated).</summary>
    public int Port { get; set; }
    public List<int> ReplicaPorts { get; } = [];
    public Dictionary<string, string> ExtraEnvironment { get; } = [];
    public string? OtlpEndpoint { get; set; }

    public override string Type => "Project";
    public string Url => $"http://127.0.0.1:{Port}";
    public IEnumerable<string> ReplicaUrls => ReplicaPorts.Select(port => $"http://127.0.0.1:{port}");

    public override IEnumerable<ResourceUrl> Urls => ReplicaCount == 1
        ? [new("http", Url)]
        : [new("http (load balanced)", Url), .. ReplicaUrls.Select((url, index) => new ResourceUrl($"replica {index}", url))];

    private static string BuildConfiguration =>
        typeof(ProjectResource).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "BuildConfiguration")?.Value ?? "Debug";

    private string AssemblyPath => Path.Combine(ProjectDirectory, "bin", BuildConfiguration, "net10.0", AssemblyName + ".dll");

    public override IEnumerable<string> MissingPrerequisites() => File.Exists(AssemblyPath)
        ? []
        : [$"{AssemblyName} is not built ({AssemblyPath} is missing) — build it: dotnet build"];

    protected override ProcessSpec CreateProcessSpec(HostingContext context, int replica)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ReplicaPorts[replica]}",
            ["ASPNETCORE_ENVIRONMENT"] = context.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = context.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica}",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (OtlpEndpoint is not null)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint;
        }
        foreach (var reference in References)
        {
            switch (reference)
            {
                case ProjectResource project:
                    environment[$"services__{project.Name}__http__0"] = project.Url;
                    break;
                case { ConnectionString: { } connectionString }:
                    environment[$"ConnectionStrings__{reference.Name}"] = connectionString;
                    break;
            }
        }
        foreach (var (key, value) in ExtraEnvironment)
        {
            environment[key] = value;
        }
        return new ProcessSpec("dotnet", [AssemblyPath], ProjectDirectory, environment);
    }

    protected override Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken) =>
        Probe.HttpAsync($"http://127.0.0.1:{ReplicaPorts[replica]}/health", anyStatus: false, cancellationToken);
}
