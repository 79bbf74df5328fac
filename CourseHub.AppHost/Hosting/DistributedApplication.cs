using System.Diagnostics;
using System.Runtime.InteropServices;
using CourseHub.AppHost.Hosting.Dashboard;
using CourseHub.AppHost.Hosting.Processes;
using CourseHub.AppHost.Hosting.Resources;
using Microsoft.Extensions.Configuration;

namespace CourseHub.AppHost.Hosting;

/// <summary>
/// The running application model: starts resources in dependency order (each waits until what it
/// <c>WaitFor</c>s is healthy), watches their health, serves the dashboard and stops everything on
/// Ctrl+C, SIGTERM, the death of <c>dotnet run</c>, or <see cref="StopAsync"/>.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan ProjectStopGrace = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ServerStopGrace = TimeSpan.FromSeconds(4);

    private readonly DistributedApplicationBuilder _builder;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ReplicaProxy> _proxies = [];
    private readonly ProcessLauncher _launcher = new();
    private readonly HostingContext _context;
    private readonly Stopwatch _sinceStart = new();
    private DashboardServer? _dashboard;
    private int _stopRequested;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        _context = new HostingContext(builder.DataDirectory, _launcher,
            new ProcessRegistry(Path.Combine(builder.DataDirectory, "run", "processes.json")), "Development");
        foreach (var project in Resources.OfType<ProjectResource>())
        {
            project.ReplicaPorts.AddRange(project.ReplicaCount == 1
                ? [project.Port]
                : Enumerable.Range(0, project.ReplicaCount).Select(_ => builder.AllocatePort()));
        }
        DashboardPort = builder.AllocatePort(builder.Configuration.GetValue("Dashboard:Port", 18800), honourWithDynamicPorts: true);
    }

    public IReadOnlyList<Resource> Resources => _builder.Resources;
    public string DataDirectory => _builder.DataDirectory;
    public int DashboardPort { get; }
    public string DashboardUrl => $"http://127.0.0.1:{DashboardPort}";
    public Resource this[string name] => Resources.Single(resource => resource.Name == name);

    public string? GetConnectionString(string name) => this[name].ConnectionString;

    /// <summary>Runs until Ctrl+C / SIGTERM, then stops everything. Returns the process exit code.</summary>
    public int Run()
    {
        var underTest = DistributedApplicationTesting.IsActive;
        using var sigint = underTest ? null : PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = underTest ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            StartAsync().GetAwaiter().GetResult();
        }
        catch (PrerequisitesMissingException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        if (!underTest)
        {
            _ = WatchParentAsync();
        }
        _stopped.Task.GetAwaiter().GetResult();
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we exit by ourselves, after stopping the children
            _ = StopAsync();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _sinceStart.Start();
        var missing = Resources.SelectMany(resource => resource.MissingPrerequisites()).Distinct().ToList();
        foreach (var tool in new[] { "setsid", "setpriv" }.Where(tool => !File.Exists($"/usr/bin/{tool}")))
        {
            missing.Add($"{tool} — install: sudo apt-get install -y util-linux");
        }
        if (missing.Count > 0)
        {
            throw new PrerequisitesMissingException(
                "CourseHub cannot start; these are missing:\n  - " + string.Join("\n  - ", missing) +
                "\nRun ./eng/install-prerequisites.sh to install all of them.");
        }

        if (_builder.Reset && Directory.Exists(DataDirectory))
        {
            Console.WriteLine($"--reset: deleting local data in {DataDirectory}");
            _context.Registry.KillLeftovers();
            Directory.Delete(DataDirectory, recursive: true);
        }
        Directory.CreateDirectory(DataDirectory);
        var leftovers = _context.Registry.KillLeftovers();
        if (leftovers > 0)
        {
            Console.WriteLine($"Ended {leftovers} process group(s) left behind by an AppHost that did not stop cleanly.");
            await Task.Delay(500, cancellationToken); // let the kernel release their ports
        }

        _dashboard = await DashboardServer.StartAsync(this, DashboardPort);
        Console.WriteLine($"CourseHub AppHost — dashboard: {DashboardUrl}");
        Console.WriteLine($"Local data: {DataDirectory}");
        foreach (var resource in Resources)
        {
            resource.StateChanged += changed => Console.WriteLine($"  {changed.Name,-10} {changed.State}{(changed.StateMessage is null ? "" : " — " + changed.StateMessage)}");
        }
        foreach (var project in Resources.OfType<ProjectResource>().Where(project => project.ReplicaCount > 1))
        {
            _proxies.Add(await ReplicaProxy.StartAsync(project.Name, project.Port, project.ReplicaUrls));
        }
        foreach (var resource in Resources)
        {
            _ = StartResourceAsync(resource);
        }
        _ = MonitorHealthAsync();
    }

    /// <summary>Starts one resource once everything it waits for is healthy.</summary>
    public async Task StartResourceAsync(Resource resource)
    {
        if (resource.State is ResourceState.Starting or ResourceState.Running or ResourceState.Waiting or ResourceState.Stopping)
        {
            return;
        }
        try
        {
            if (resource.WaitsFor.Any(dependency => !dependency.IsReady))
            {
                resource.SetState(ResourceState.Waiting, "for " + string.Join(", ", resource.WaitsFor.Select(dependency => dependency.Name)));
                while (resource.WaitsFor.Any(dependency => !dependency.IsReady))
                {
                    await Task.Delay(200, _shutdown.Token);
                }
            }
            resource.SetState(ResourceState.Starting);
            await resource.StartAsync(_context, _shutdown.Token);
            if (resource.State == ResourceState.Starting)
            {
                resource.SetState(ResourceState.Running);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            resource.SetState(ResourceState.FailedToStart, ex.Message);
        }
    }

    public async Task StopResourceAsync(Resource resource)
    {
        resource.SetState(ResourceState.Stopping);
        await resource.StopAsync(resource is ProjectResource ? ProjectStopGrace : ServerStopGrace);
        resource.SetState(ResourceState.Exited, "stopped");
    }

    public async Task RestartResourceAsync(Resource resource)
    {
        if (resource.State is ResourceState.Running or ResourceState.Starting)
        {
            await StopResourceAsync(resource);
        }
        await StartResourceAsync(resource);
    }

    /// <summary>Completes when every resource is running and healthy.</summary>
    public async Task WaitForAllHealthyAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!Resources.All(resource => resource.IsReady))
        {
            var failed = Resources.FirstOrDefault(resource => resource.State is ResourceState.FailedToStart or ResourceState.Exited);
            if (failed is not null)
            {
                throw new InvalidOperationException($"{failed.Name} is {failed.State}: {failed.StateMessage}\n{string.Join("\n", failed.Log.Snapshot().TakeLast(30))}");
            }
            try
            {
                await Task.Delay(200, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                var waiting = Resources.Where(resource => !resource.IsReady).Select(resource => $"{resource.Name} ({resource.State}, {resource.Health})");
                throw new TimeoutException($"Not healthy after {timeout.TotalSeconds:0}s: {string.Join(", ", waiting)}");
            }
        }
    }

    public async Task WaitForHealthyAsync(string name, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!this[name].IsReady)
        {
            await Task.Delay(200, cancel.Token);
        }
    }

    private async Task MonitorHealthAsync()
    {
        var announced = false;
        while (!_shutdown.IsCancellationRequested)
        {
            await Task.WhenAll(Resources.Where(resource => resource.State == ResourceState.Running).Select(async resource =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                HealthStatus health;
                try
                {
                    health = await resource.CheckHealthAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    health = HealthStatus.Unhealthy;
                }
                if (resource.State == ResourceState.Running && health != resource.Health)
                {
                    resource.Health = health;
                    Console.WriteLine($"  {resource.Name,-10} {health}");
                }
            }));
            if (!announced && Resources.All(resource => resource.IsReady))
            {
                announced = true;
                Console.WriteLine($"All {Resources.Count} resources are healthy after {_sinceStart.Elapsed.TotalSeconds:0.0}s. Dashboard: {DashboardUrl}");
            }
            try
            {
                await Task.Delay(Resources.All(resource => resource.IsReady) ? 2000 : 300, _shutdown.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>
    /// Under <c>dotnet run</c>, our parent is the SDK. If it dies (killed, even with SIGKILL), nothing
    /// would ever stop us, so we stop ourselves when we are re-parented.
    /// </summary>
    private async Task WatchParentAsync()
    {
        var parent = Native.GetParentProcessId();
        string command;
        try
        {
            command = File.ReadAllText($"/proc/{parent}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return;
        }
        if (!command.Contains("dotnet") || !command.Contains(" run"))
        {
            return;
        }
        while (!_shutdown.IsCancellationRequested)
        {
            await Task.Delay(500);
            if (Native.GetParentProcessId() != parent)
            {
                Console.WriteLine("dotnet run has gone away; stopping.");
                await StopAsync();
                return;
            }
        }
    }

    /// <summary>Stops projects first, then the servers they use; anything still alive after the grace periods is killed.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 1)
        {
            await _stopped.Task;
            return;
        }
        Console.WriteLine("Stopping CourseHub...");
        await _shutdown.CancelAsync();
        await Task.WhenAll(Resources.OfType<ProjectResource>().Where(IsActive).Select(StopResourceAsync));
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }
        await Task.WhenAll(Resources.Where(resource => resource is not ProjectResource && IsActive(resource)).Select(StopResourceAsync));
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
        _launcher.Dispose();
        Console.WriteLine("Stopped.");
        _stopped.TrySetResult();

        static bool IsActive(Resource resource) =>
            resource.State is ResourceState.Running or ResourceState.Starting or ResourceState.Stopping;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

public sealed class PrerequisitesMissingException(string message) : Exception(message);
