using System.Security.Cryptography;
using System.Text;

namespace CourseHub.AppHost.Hosting.Resources;

/// <summary>
/// An infrastructure server started from the machine's own binaries, listening on 127.0.0.1.
/// Some servers refuse to run as root (PostgreSQL) or switch users themselves (RabbitMQ): when the
/// AppHost runs as root they run as their Debian service account and own their data folder.
/// </summary>
public abstract class ServerResource(string name) : ExecutableResource(name)
{
    public int Port { get; set; }

    /// <summary>Where a <see cref="ExecutableResource"/>'s data lives; kept between runs.</summary>
    protected string DataDirectory { get; private set; } = "";

    /// <summary>The Debian service account to run as when the AppHost is root, or null to run as whoever we are.</summary>
    protected virtual string? ServiceAccountWhenRoot => null;

    protected string? RunAsUser => Context?.IsRoot == true ? ServiceAccountWhenRoot : null;

    protected override async Task PrepareAsync(HostingContext context, CancellationToken cancellationToken)
    {
        DataDirectory = ChooseDataDirectory(context);
        Directory.CreateDirectory(DataDirectory);
        if (RunAsUser is { } user)
        {
            await RunToCompletionAsync("chown", ["-R", $"{user}:{user}", DataDirectory], cancellationToken);
        }
    }

    /// <summary>
    /// Normally <c>.coursehub/{name}</c>. A service account cannot always reach that folder (a
    /// checkout under a private home directory), so as root we fall back to a folder per checkout
    /// under /var/lib/coursehub that it can own.
    /// </summary>
    private string ChooseDataDirectory(HostingContext context)
    {
        var preferred = context.ResourceDirectory(Name);
        if (RunAsUser is null || EveryAncestorIsTraversable(preferred))
        {
            return preferred;
        }
        var checkout = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context.DataDirectory)))[..12].ToLowerInvariant();
        var fallback = Path.Combine("/var/lib/coursehub", checkout, Name);
        Log.Append($"[apphost] {ServiceAccountWhenRoot} cannot reach {preferred}; keeping {Name} data in {fallback}");
        return fallback;
    }

    private static bool EveryAncestorIsTraversable(string path)
    {
        for (var directory = Path.GetDirectoryName(path); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            if (!File.GetUnixFileMode(directory).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }
}
