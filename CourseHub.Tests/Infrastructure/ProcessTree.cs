namespace CourseHub.Tests.Infrastructure;

/// <summary>Reads /proc: which processes descend from a given one, and which of a set are still alive.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> DescendantsOf(int root)
    {
        var children = All().GroupBy(process => process.ParentPid).ToDictionary(group => group.Key, group => group.Select(process => process.Pid).ToList());
        var found = new List<int>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid, []))
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }
        return found;
    }

    /// <summary>
    /// Everything an AppHost started: its children, DCP (which detaches itself and watches the AppHost with
    /// <c>--monitor &lt;pid&gt;</c>) and everything DCP runs — servers, projects and their monitors.
    /// </summary>
    public static IReadOnlyList<int> StartedBy(int appHost)
    {
        var dcp = All().Select(process => process.Pid)
            .Where(pid => CommandLine(pid).Contains($"--monitor {appHost} ", StringComparison.Ordinal))
            .ToList();
        return [.. DescendantsOf(appHost), .. dcp, .. dcp.SelectMany(DescendantsOf)];
    }

    /// <summary>Those of <paramref name="pids"/> still running (zombies and dead ones aside), with their command lines.</summary>
    public static IReadOnlyList<string> Living(IEnumerable<int> pids)
    {
        var alive = All().Where(process => process.State is not ('Z' or 'X')).Select(process => process.Pid).ToHashSet();
        return pids.Where(alive.Contains).Select(pid => $"{pid} {CommandLine(pid)}").ToList();
    }

    private static IEnumerable<(int Pid, int ParentPid, char State)> All()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            yield return (pid, int.Parse(fields[1]), fields[0][0]);
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "(gone)";
        }
    }
}
