using System.Runtime.InteropServices;

namespace CourseHub.AppHost.Hosting.Processes;

/// <summary>The few POSIX calls .NET does not expose: signals to process groups, who we are, our parent.</summary>
internal static partial class Native
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetParentProcessId();

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals every process of the group led by <paramref name="groupLeader"/>.</summary>
    public static bool SignalGroup(int groupLeader, int signal) => Kill(-groupLeader, signal) == 0;

}
