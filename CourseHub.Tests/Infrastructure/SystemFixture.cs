using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CourseHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CourseHub.Tests.Infrastructure;

/// <summary>
/// The whole system, started from the real AppHost by Aspire.Hosting.Testing on random ports with throw-away data in a
/// temp folder, so test runs never touch a developer's <c>.coursehub/</c> and two runs can coexist. Api, Realtime and
/// Worker run two replicas each, so the tests can show what crosses instances. The demo catalog is seeded (the Api's
/// Development default).
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@coursehub.test";
    public const string LiveClassReminderLeads = "1440,15,1";
    // Not containing "admin" (the email's local part): the password rules refuse a password that contains it.
    public const string AdminPassword = "throwaway-test-passphrase-1";
    /// <summary>Downloads and resources are limited to 6 MiB here, so a test can go over the limit quickly.</summary>
    public const long MaxUploadFileBytes = 6 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _startupLogs = new();
    private volatile bool _started;
    private readonly CancellationTokenSource _stopWatching = new();

    public const int LiveRoomOpensMinutesBefore = 60;

    /// <summary>How long signed stream links work here (ten minutes by default), so a test sees one expire.</summary>
    public static readonly TimeSpan StreamUrlLifetime = TimeSpan.FromSeconds(20);

    public DistributedApplication App { get; private set; } = null!;
    public TelemetryCollector Telemetry { get; private set; } = null!;
    public string DataDirectory { get; } = TestDirectories.Create("system");

    /// <summary>How long the AppHost took from start to every resource healthy.</summary>
    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CourseHub_AppHost>(
        [
            $"--DataDirectory={DataDirectory}",
            "--DynamicPorts=true",
            "--Durable=false",
            "--Replicas:api=2",
            "--Replicas:realtime=2",
            "--Replicas:worker=2",
            // The first admin comes from configuration; these are throw-away test credentials.
            $"--Admin:Email={AdminEmail}",
            $"--Admin:Password={AdminPassword}",
            $"--Uploads:MaxFileBytes={MaxUploadFileBytes}",
            // Besides the real 24 hours and 15 minutes, a reminder one minute before, so a test sees reminders fire.
            $"--LiveClasses:ReminderLeadMinutes={LiveClassReminderLeads}",
            // Live rooms open this long before the start (10 minutes in production), so a test's session — the next free
            // slot, up to half an hour away — has an open room at once, while one hours ahead still counts down.
            $"--LiveClasses:RoomOpensMinutesBefore={LiveRoomOpensMinutesBefore}",
            // Video: a ladder that a small test clip (640x360) fills in part, and stream links that expire within a test.
            "--Video:Ladder=180,360,720",
            $"--Video:StreamUrlLifetime={StreamUrlLifetime}",
        ]);
        // What the dashboard would receive: every service exports logs, traces and metrics to the test's own collector.
        Telemetry = await TelemetryCollector.StartAsync();
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Url;
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                // Aspire exports metrics every second for a live dashboard; nine processes doing that cost the tests CPU.
                context.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] = "10000";
            }));
        }
        // The servers' and services' console output would bury the test output; the dashboard is where it belongs.
        // Services wait for a server that failed to start rather than failing with it, so a second start of the server
        // (see WaitForStartAsync) lets the whole system come up.
        appHost.Services.Configure<ResourceNotificationServiceOptions>(options => options.DefaultWaitBehavior = WaitBehavior.WaitOnResourceUnavailable);
        appHost.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("CourseHub.AppHost.Resources", LogLevel.None));
        App = await appHost.BuildAsync();
        _ = WatchAsync(_stopWatching.Token);
        // For people reading a CI log or tuning start-up: TestResults/system-start*.txt next to the test assembly.
        var results = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(results);
        try
        {
            await App.StartAsync().WaitAsync(TimeSpan.FromMinutes(3));
            await WaitForAllHealthyAsync(TimeSpan.FromMinutes(3));
            StartedIn = stopwatch.Elapsed;
            await File.WriteAllTextAsync(Path.Combine(results, "system-start.txt"),
                $"every resource healthy {StartedIn.TotalSeconds:0.0} s after the AppHost was built{Environment.NewLine}");
        }
        finally
        {
            _started = true;
            // Whatever the outcome: a start that failed is explained by these lines.
            await File.WriteAllLinesAsync(Path.Combine(results, "system-start-logs.txt"),
                StartupLogs.OrderBy(entry => entry.Key).SelectMany(entry => entry.Value.Select(line => $"{entry.Key}: {line}")));
        }
    }

    public async Task DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await App.StopAsync();
        await App.DisposeAsync();
        await Telemetry.DisposeAsync();
        TestDirectories.Delete(DataDirectory);
    }

    public ResourceNotificationService Notifications => App.ResourceNotifications;

    /// <summary>
    /// The model's resources in the order the AppHost declares them; not parameters, nor what starts only when asked
    /// (Aspire's hidden project rebuilders).
    /// </summary>
    public IReadOnlyList<IResource> Resources => App.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Where(resource => resource is not ParameterResource && !resource.HasAnnotationOfType<ExplicitStartupAnnotation>()).ToList();

    /// <summary>The latest state of every instance (replica) of a resource.</summary>
    public IReadOnlyList<CustomResourceSnapshot> Instances(string name) =>
        _latest.Values.Where(update => update.Resource.Name == name).OrderBy(update => update.ResourceId).Select(update => update.Snapshot).ToList();

    public ServiceView Project(string name) => new(this, name);

    /// <summary>
    /// Every console line each resource instance (by DCP id) wrote before the whole system was healthy: what a developer
    /// sees on the dashboard after a first start (the data folder is new for every run).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StartupLogs =>
        _startupLogs.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value.ToList());

    public string ConnectionString(string name) =>
        App.GetConnectionStringAsync(name).AsTask().GetAwaiter().GetResult() ?? throw new InvalidOperationException($"{name} has no connection string");

    public CourseHubDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<CourseHubDbContext>().UseNpgsql(ConnectionString("coursehub")).Options);

    public MailDevClient Mail => new(App.GetEndpoint("mail", "http").ToString().TrimEnd('/'));

    /// <summary>Stops a server the way the dashboard's Stop button does.</summary>
    public async Task StopAsync(string resource)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(ResourceId(resource), KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stopping {resource}: {result.Message}");
        await Notifications.WaitForResourceAsync(resource, [KnownResourceStates.Finished, KnownResourceStates.Exited]).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task StartAsync(string resource)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(ResourceId(resource), KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"starting {resource}: {result.Message}");
    }

    public Task WaitForHealthyAsync(string resource, TimeSpan timeout) =>
        Notifications.WaitForResourceHealthyAsync(resource).WaitAsync(timeout);

    /// <summary>The DCP id of a single-instance resource (name plus a random suffix), which commands address.</summary>
    public string ResourceId(string name) => _latest.Values.Single(update => update.Resource.Name == name).ResourceId;

    private async Task WaitForAllHealthyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await Task.WhenAll(Resources.Select(resource => WaitForStartAsync(resource, deadline.Token)));
        }
        catch (OperationCanceledException)
        {
            var states = _latest.Values.Select(update => $"{update.ResourceId}={update.Snapshot.State?.Text}/{update.Snapshot.HealthStatus}");
            var unhealthy = _latest.Values.Where(update => update.Snapshot.HealthStatus != HealthStatus.Healthy)
                .Select(update => update.Resource.Name).Distinct()
                .Select(name => $"{name}:{Environment.NewLine}{LogTail(name)}");
            throw new TimeoutException($"not every resource became healthy within {timeout}: {string.Join(", ", states)}{Environment.NewLine}"
                + string.Join(Environment.NewLine, unhealthy));
        }
    }

    /// <summary>
    /// Waits for one resource. A server that fails to start gets one more start, as a developer would press Start on the
    /// dashboard, so one unlucky start does not fail every test of the run; the first failure's console output is kept
    /// in TestResults/system-start-retries.txt, and a second failure throws with the server's last lines in the message.
    /// </summary>
    private async Task WaitForStartAsync(IResource resource, CancellationToken cancellationToken)
    {
        try
        {
            await Notifications.WaitForResourceHealthyAsync(resource.Name, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
            return;
        }
        catch (DistributedApplicationException ex) when (resource is not ExecutableResource)
        {
            throw new InvalidOperationException($"{ex.Message} Its last console lines:{Environment.NewLine}{LogTail(resource.Name)}", ex);
        }
        catch (DistributedApplicationException)
        {
            await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "system-start-retries.txt"),
                $"{resource.Name} failed to start; started once more. Its console output:{Environment.NewLine}{LogTail(resource.Name)}{Environment.NewLine}",
                cancellationToken);
            await App.ResourceCommands.ExecuteCommandAsync(ResourceId(resource.Name), KnownResourceCommands.StartCommand, cancellationToken);
        }
        // Through the failed state the first try left behind; a second failure ends in the deadline's message.
        await Notifications.WaitForResourceHealthyAsync(resource.Name, WaitBehavior.WaitOnResourceUnavailable, cancellationToken);
    }

    private string LogTail(string name) => string.Join(Environment.NewLine, _latest.Values
        .Where(update => update.Resource.Name == name)
        .SelectMany(update => _startupLogs.TryGetValue(update.ResourceId, out var lines) ? lines.TakeLast(40) : []));

    private async Task CollectStartupLogsAsync(ResourceLoggerService logs, string resourceId, CancellationToken cancellationToken)
    {
        var lines = _startupLogs.GetOrAdd(resourceId, _ => new ConcurrentQueue<string>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
            {
                if (_started)
                {
                    return;
                }
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var logs = App.Services.GetRequiredService<ResourceLoggerService>();
            await foreach (var update in Notifications.WatchAsync(cancellationToken))
            {
                if (_latest.TryAdd(update.ResourceId, update))
                {
                    _ = CollectStartupLogsAsync(logs, update.ResourceId, cancellationToken);
                }
                _latest[update.ResourceId] = update;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>A project as the tests reach it: its one (load-balanced) endpoint, each replica's own URL and environment.</summary>
public sealed class ServiceView(SystemFixture system, string name)
{
    /// <summary>The endpoint every client uses (DCP's proxy in front of the replicas), without a trailing slash.</summary>
    public string Url => system.App.GetEndpoint(name, "http").ToString().TrimEnd('/');

    /// <summary>Each replica's own address (what DCP gave it as <c>ASPNETCORE_URLS</c>), to reach one replica on purpose.</summary>
    public IReadOnlyList<string> ReplicaUrls => system.Instances(name)
        .Select(instance => EnvironmentOf(instance)["ASPNETCORE_URLS"].Split(';')[0].TrimEnd('/'))
        .ToList();

    public IReadOnlyList<int> ProcessIds => system.Instances(name)
        .Select(instance => Convert.ToInt32(instance.Properties.Single(property => property.Name == "executable.pid").Value))
        .ToList();

    /// <summary>The environment DCP gave the first replica.</summary>
    public IReadOnlyDictionary<string, string> Environment => EnvironmentOf(system.Instances(name)[0]);

    private static Dictionary<string, string> EnvironmentOf(CustomResourceSnapshot instance) =>
        instance.EnvironmentVariables.Where(variable => variable.IsFromSpec && variable.Value is not null)
            .ToDictionary(variable => variable.Name, variable => variable.Value!);
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
