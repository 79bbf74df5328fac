using System.Text.Json;

namespace CourseHub.AppHost.Hosting.Processes;

/// <summary>
/// A file listing the process groups this AppHost started (pid and the kernel's start time, so a
/// recycled pid is never mistaken for ours). If the AppHost is killed before it can stop them,
/// the next start reads the file and ends what is left.
/// </summary>
public sealed class ProcessRegistry(string file)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, string> _groups = [];

    public void Add(int pid)
    {
        lock (_gate)
        {
            _groups[pid] = StartTimeOf(pid) ?? "";
            Save();
        }
    }

    public void Remove(int pid)
    {
        lock (_gate)
        {
            _groups.Remove(pid);
            Save();
        }
    }

    /// <summary>Kills what a previous, killed AppHost left running; returns how many groups it ended.</summary>
    public int KillLeftovers()
    {
        if (!File.Exists(file))
        {
            return 0;
        }
        var leftovers = JsonSerializer.Deserialize<Dictionary<int, string>>(File.ReadAllText(file)) ?? [];
        var killed = 0;
        foreach (var (pid, startTime) in leftovers)
        {
            // The leader may be gone (the kernel killed it with the AppHost) while members live on.
            // A leader alive with another start time means the pid was reused: not ours, leave it.
            var leaderStart = StartTimeOf(pid);
            var ours = leaderStart == startTime || (leaderStart is null && ProcessTable.GroupHasLivingMembers(pid));
            if (ours && Native.SignalGroup(pid, Native.SIGKILL))
            {
                killed++;
            }
        }
        File.Delete(file);
        // Let the kernel finish them off (and release their ports and lock files) before we start anew.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && leftovers.Keys.Any(ProcessTable.GroupHasLivingMembers))
        {
            Thread.Sleep(100);
        }
        return killed;
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(_groups));
    }

    private static string? StartTimeOf(int pid) => ProcessTable.Stat(pid)?.StartTime;
}
