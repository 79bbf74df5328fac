using System.Diagnostics;
using CourseHub.AppHost.Hosting.Processes;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>
/// A resource backed by one or more OS processes (replicas). Handles launching, log capture,
/// exit tracking and the stop sequence: polite signal to the process group, then SIGKILL.
/// </summary>
public abstract class ExecutableResource(string name) : Resource(name)
{
    private readonly Lock _gate = new();
    private readonly List<RunningReplica> _running = [];
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();
    private bool _stopping;

    public int ReplicaCount { get; set; } = 1;

    /// <summary>The signal that asks the program to shut down cleanly (PostgreSQL wants SIGINT for a fast shutdown).</summary>
    protected virtual int StopSignal => Native.SIGTERM;

    protected HostingContext? Context { get; private set; }

    public override IReadOnlyDictionary<string, string> Environment => _environment;

    public override IReadOnlyList<int> ProcessIds
    {
        get { lock (_gate) { return _running.Select(replica => replica.Process.Id).ToList(); } }
    }

    /// <summary>One-time work before the processes start (create data folders, initialise a cluster...).</summary>
    protected virtual Task PrepareAsync(HostingContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract ProcessSpec CreateProcessSpec(HostingContext context, int replica);

    protected abstract Task<bool> IsReplicaHealthyAsync(int replica, CancellationToken cancellationToken);

    public override async Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        Context = context;
        _stopping = false;
        Log.FilePath = Path.Combine(context.ResourceDirectory("logs"), Name + ".log");
        await PrepareAsync(context, cancellationToken);
        for (var replica = 0; replica < ReplicaCount; replica++)
        {
            var spec = CreateProcessSpec(context, replica);
            _environment = spec.Environment;
            var process = await context.Launcher.StartAsync(spec);
            context.Registry.Add(process.Id);
            var running = new RunningReplica(replica, process);
            lock (_gate)
            {
                _running.Add(running);
            }
            var prefix = ReplicaCount > 1 ? $"[{Name}-{replica}] " : "";
            Pump(process.StandardOutput, prefix);
            Pump(process.StandardError, prefix);
            _ = WatchExitAsync(running);
        }
        StartedAt = DateTimeOffset.UtcNow;
    }

    private void Pump(StreamReader reader, string prefix) => _ = Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            Log.Append(prefix + line);
        }
    });

    private async Task WatchExitAsync(RunningReplica replica)
    {
        await replica.Process.WaitForExitAsync();
        // Members of the group (worker processes, helpers) go with their leader.
        Native.SignalGroup(replica.Process.Id, Native.SIGKILL);
        Context?.Registry.Remove(replica.Process.Id);
        bool last;
        lock (_gate)
        {
            _running.Remove(replica);
            last = _running.Count == 0;
        }
        if (!_stopping)
        {
            Log.Append($"[apphost] {Name} replica {replica.Index} exited unexpectedly with code {replica.Process.ExitCode}");
            if (last)
            {
                SetState(ResourceState.Exited, $"exit code {replica.Process.ExitCode}");
            }
            else
            {
                Health = HealthStatus.Unhealthy;
            }
        }
    }

    public override async Task StopAsync(TimeSpan grace)
    {
        _stopping = true;
        List<RunningReplica> running;
        lock (_gate)
        {
            running = [.. _running];
        }
        foreach (var replica in running)
        {
            Native.SignalGroup(replica.Process.Id, StopSignal);
        }
        using var timeout = new CancellationTokenSource(grace);
        foreach (var replica in running)
        {
            try
            {
                await replica.Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Log.Append($"[apphost] {Name} did not stop within {grace.TotalSeconds:0}s; killing it");
                Native.SignalGroup(replica.Process.Id, Native.SIGKILL);
                await replica.Process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    public override async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken)
    {
        List<RunningReplica> running;
        lock (_gate)
        {
            running = [.. _running];
        }
        if (running.Count < ReplicaCount)
        {
            return HealthStatus.Unhealthy;
        }
        foreach (var replica in running)
        {
            if (!await IsReplicaHealthyAsync(replica.Index, cancellationToken))
            {
                return HealthStatus.Unhealthy;
            }
        }
        return HealthStatus.Healthy;
    }

    /// <summary>Finds <paramref name="program"/> on PATH, like a shell would.</summary>
    protected static string? FindOnPath(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a short helper command (initdb, chown) to completion, failing with its output.</summary>
    protected static async Task RunToCompletionAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? runAsUser = null)
    {
        var info = new ProcessStartInfo(runAsUser is null ? fileName : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null)
        {
            foreach (var argument in new[] { $"--reuid={runAsUser}", $"--regid={runAsUser}", "--init-groups", "--", fileName })
            {
                info.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private sealed record RunningReplica(int Index, Process Process);
}
