using System.Runtime.InteropServices;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace CourseHub.AppHost.LocalServers;

/// <summary>The few libc calls the local servers need: who we run as, and signals for PostgreSQL's fast shutdown.</summary>
internal static partial class Native
{
    public const int SIGINT = 2;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    public static bool IsRoot => GetEffectiveUserId() == 0;
}
