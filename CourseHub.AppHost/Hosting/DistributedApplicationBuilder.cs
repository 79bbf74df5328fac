using System.Net;
using System.Net.Sockets;
using System.Reflection;
using CourseHub.AppHost.Hosting.Resources;
using Microsoft.Extensions.Configuration;

namespace CourseHub.AppHost.Hosting;

/// <summary>
/// Collects the application model, like Aspire's <c>IDistributedApplicationBuilder</c>.
/// Settings (all optional, from appsettings, user secrets, environment or the command line):
/// <c>DataDirectory</c> (default <c>.coursehub/</c> in the checkout), <c>DynamicPorts</c> (free ports
/// instead of the well-known ones), <c>Durable</c> (false: faster, crash-unsafe storage for tests),
/// <c>Dashboard:Port</c>, <c>ConnectionStrings:&lt;name&gt;</c> (use an existing server), <c>--reset</c>.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly HashSet<int> _usedPorts = [];

    private DistributedApplicationBuilder(IConfiguration configuration, bool reset)
    {
        Configuration = configuration;
        Reset = reset;
        RepositoryRoot = Path.GetDirectoryName(AppHostProjectDirectory)!;
        DataDirectory = Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, ".coursehub"));
        DynamicPorts = configuration.GetValue("DynamicPorts", false);
        Durable = configuration.GetValue("Durable", true);
    }

    public IConfiguration Configuration { get; }
    public string RepositoryRoot { get; }
    public string DataDirectory { get; }
    public bool DynamicPorts { get; }
    public bool Durable { get; }
    public bool Reset { get; }
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Where the AppHost project lives, recorded at build time; project paths are relative to it.</summary>
    public static string AppHostProjectDirectory =>
        typeof(DistributedApplicationBuilder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(attribute => attribute.Key == "AppHostProjectDirectory").Value!;

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var reset = args.Contains("--reset");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppHostProjectDirectory, "appsettings.json"), optional: true)
            .AddUserSecrets(typeof(DistributedApplicationBuilder).Assembly, optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(arg => arg != "--reset").ToArray())
            .Build();
        var builder = new DistributedApplicationBuilder(configuration, reset);
        DistributedApplicationTesting.OnBuilderCreated?.Invoke(builder);
        return builder;
    }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>Drops a resource that turned out not to be needed (a local server replaced by an existing one).</summary>
    internal void RemoveResource(Resource resource) => _resources.Remove(resource);

    /// <summary>
    /// A well-known port for a friendly developer experience, or any free one for tests (and when
    /// the well-known one is taken, so two checkouts never fight over a port).
    /// </summary>
    public int AllocatePort(int preferred = 0) => AllocatePort(preferred, honourWithDynamicPorts: false);

    /// <summary>Like <see cref="AllocatePort(int)"/>; an explicitly chosen port (the dashboard's) is kept even with dynamic ports.</summary>
    public int AllocatePort(int preferred, bool honourWithDynamicPorts)
    {
        var port = preferred > 0 && (!DynamicPorts || honourWithDynamicPorts) && IsFree(preferred) && !_usedPorts.Contains(preferred) ? preferred : FreePort();
        _usedPorts.Add(port);
        return port;
    }

    private int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (_usedPorts.Add(port))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public DistributedApplication Build()
    {
        var app = new DistributedApplication(this);
        DistributedApplicationTesting.OnBuilt?.Invoke(app);
        return app;
    }
}

/// <summary>Aspire's <c>IResourceBuilder&lt;T&gt;</c>: the handle <c>WithReference</c>, <c>WaitFor</c> and friends hang off.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    T Resource { get; }
    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, DistributedApplicationBuilder ApplicationBuilder) : IResourceBuilder<T> where T : Resource;

/// <summary>
/// The hooks the tests use to run the real AppHost <c>Program</c> in-process (the role
/// Aspire.Hosting.Testing plays): adjust the builder, then take the built application.
/// </summary>
public static class DistributedApplicationTesting
{
    /// <summary>True while a test drives the AppHost: no signal handlers, no parent watching.</summary>
    public static bool IsActive => OnBuilt is not null;

    public static Action<DistributedApplicationBuilder>? OnBuilderCreated { get; set; }
    public static Action<DistributedApplication>? OnBuilt { get; set; }
}
