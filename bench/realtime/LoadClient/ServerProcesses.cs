using System.Globalization;

namespace CourseHub.Bench.Realtime;

/// <summary>A Realtime process of the bench's AppHost: its pid, its own address (not the shared proxy) and what it connects to.</summary>
public sealed record RealtimeProcess(int Pid, string Url, string PostgresConnection, string RedisConnection, bool TelemetryOn);

/// <summary>
/// Finds the Realtime replicas the AppHost started, through /proc: DCP watches the AppHost (<c>--monitor &lt;pid&gt;</c>), the
/// replicas are its descendants, and each one's environment (Aspire's contract) names its address and connection strings.
/// Reaching a replica by its own port is what lets the two-replica scenario put a pair's two ends on different replicas.
/// </summary>
public static class ServerProcesses
{
    public static IReadOnlyList<RealtimeProcess> RealtimeOf(int appHostPid) =>
        DescendantsOf(appHostPid)
            .Where(process => process.Executable == "CourseHub.Realtime")
            .Select(process => (process.Pid, environment: EnvironmentOf(process.Pid)))
            .Select(p => new RealtimeProcess(p.Pid,
                p.environment["ASPNETCORE_URLS"].Split(';')[0].TrimEnd('/').Replace("//localhost:", "//127.0.0.1:", StringComparison.Ordinal),
                p.environment["ConnectionStrings__coursehub"], p.environment["ConnectionStrings__redis"],
                p.environment.GetValueOrDefault("OTEL_SDK_DISABLED") != "true"))
            .OrderBy(p => p.Url, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every process DCP runs for the AppHost (servers, services, PostgreSQL's backends), with its executable's file name.</summary>
    public static IReadOnlyList<(int Pid, string Executable)> DescendantsOf(int appHostPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }
        var dcp = parents.Keys.Where(pid => CommandLine(pid) is { } line && line.Contains("dcp", StringComparison.Ordinal)
            && line.Contains($"--monitor {appHostPid.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)).ToHashSet();
        bool Below(int pid)
        {
            for (var p = pid; parents.TryGetValue(p, out var up) && p > 1; p = up)
            {
                if (dcp.Contains(up))
                {
                    return true;
                }
            }
            return false;
        }
        return parents.Keys.Where(Below)
            .Select(pid => (pid, executable: ExecutableOf(pid) is { } path ? Path.GetFileName(path) : null))
            .Where(process => process.executable is not null)
            .Select(process => (process.pid, process.executable!))
            .ToList();
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name in parentheses may hold spaces: the fields after the last ')' are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string? CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string? ExecutableOf(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/exe").LinkTarget; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2)).Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0]).ToDictionary(group => group.Key, group => group.Last()[1]);
}

/// <summary>CPU time and resident memory of processes, read from /proc (clock ticks are 100 per second on Linux).</summary>
public sealed class ProcessSampler(IReadOnlyList<int> pids)
{
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds (user + system) a process has used, or null once it has gone.</summary>
    public static double? CpuSecondsIfRunning(int pid)
    {
        try
        {
            return CpuSeconds(pid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static long RssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    private readonly Dictionary<int, long> _peakRss = pids.ToDictionary(pid => pid, RssBytes);

    public IReadOnlyList<int> Pids => pids;

    /// <summary>Samples RSS every second until cancelled, keeping each process's peak.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var pid in pids)
                {
                    _peakRss[pid] = Math.Max(_peakRss[pid], RssBytes(pid));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public long PeakRss(int pid) => _peakRss[pid];
}
