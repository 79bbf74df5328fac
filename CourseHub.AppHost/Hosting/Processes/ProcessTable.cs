namespace CourseHub.AppHost.Hosting.Processes;

/// <summary>Reads /proc: whether a process lives (zombies do not count), its group and start time.</summary>
public static class ProcessTable
{
    public sealed record ProcessStat(int Pid, char State, int ProcessGroup, string StartTime);

    /// <summary>Fields of /proc/PID/stat after the command name: state (3), process group (5), start time (22).</summary>
    public static ProcessStat? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcessStat(pid, fields[0][0], int.Parse(fields[2]), fields[19]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid) => Stat(pid) is { State: not ('Z' or 'X') };

    public static IEnumerable<ProcessStat> All() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => Stat(int.Parse(name!)))
            .OfType<ProcessStat>();

    public static bool GroupHasLivingMembers(int processGroup) =>
        All().Any(process => process.ProcessGroup == processGroup && process.State is not ('Z' or 'X'));
}
