using System.Collections.Concurrent;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>Lifecycle states, named as in the Aspire dashboard.</summary>
public enum ResourceState { NotStarted, Waiting, Starting, Running, Stopping, Exited, FailedToStart }

public enum HealthStatus { Unknown, Healthy, Unhealthy }

public sealed record ResourceUrl(string Name, string Url);

/// <summary>
/// Something the AppHost runs or provides: a server process, a database inside one, or a project.
/// State changes and log lines are observable by the dashboard and by tests.
/// </summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;
    public abstract string Type { get; }
    public ResourceState State { get; private set; } = ResourceState.NotStarted;
    public HealthStatus Health { get; internal set; } = HealthStatus.Unknown;
    public string? StateMessage { get; private set; }
    public DateTimeOffset? StartedAt { get; protected set; }
    public List<Resource> WaitsFor { get; } = [];
    public List<Resource> References { get; } = [];
    public ResourceLog Log { get; } = new();

    /// <summary>Aspire's <c>IResourceWithConnectionString</c>: what <c>ConnectionStrings__{Name}</c> is set to.</summary>
    public virtual string? ConnectionString => null;

    public virtual IEnumerable<ResourceUrl> Urls => [];

    /// <summary>Environment of the resource's processes, as shown on the dashboard.</summary>
    public virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    /// <summary>Process ids of the resource's running processes (process-group leaders).</summary>
    public virtual IReadOnlyList<int> ProcessIds => [];

    /// <summary>A binary this resource needs and the command that installs it, when it is missing.</summary>
    public virtual IEnumerable<string> MissingPrerequisites() => [];

    public abstract Task StartAsync(HostingContext context, CancellationToken cancellationToken);
    public abstract Task StopAsync(TimeSpan grace);
    public abstract Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken);

    public bool IsReady => State == ResourceState.Running && Health == HealthStatus.Healthy;

    public void SetState(ResourceState state, string? message = null)
    {
        State = state;
        StateMessage = message;
        if (state is not ResourceState.Running)
        {
            Health = HealthStatus.Unknown;
        }
        Log.Append($"[apphost] {Name} is {state}{(message is null ? "" : ": " + message)}");
        StateChanged?.Invoke(this);
    }

    public event Action<Resource>? StateChanged;
}

/// <summary>The last lines a resource wrote, plus live subscribers (the dashboard's log stream).</summary>
public sealed class ResourceLog
{
    private const int Capacity = 5000;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<Guid, Action<string>> _subscribers = new();

    public string? FilePath { get; set; }

    public IReadOnlyList<string> Snapshot() => _lines.ToArray();

    public void Append(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }
        if (FilePath is not null)
        {
            try { File.AppendAllText(FilePath, line + "\n"); } catch (IOException) { /* the log file is a convenience only */ }
        }
        foreach (var subscriber in _subscribers.Values)
        {
            subscriber(line);
        }
    }

    public IDisposable Subscribe(Action<string> onLine)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = onLine;
        return new Unsubscriber(() => _subscribers.TryRemove(id, out _));
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
