using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace CourseHub.AppHost.LocalServers;

/// <summary>
/// What every local server shares, read once per app model from the AppHost's configuration:
/// <c>DataDirectory</c> (default <c>.coursehub/</c> in the checkout), <c>DynamicPorts</c> (free ports instead of
/// the well-known defaults), <c>Durable</c> (false trades crash safety for speed, for throw-away test data), <c>Reset</c>
/// (<c>--reset</c>: delete the data folder first, for a fresh start).
/// </summary>
public sealed class LocalServerSettings
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, LocalServerSettings> PerBuilder = [];

    private LocalServerSettings(IDistributedApplicationBuilder builder)
    {
        DataDirectory = builder.Configuration["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".coursehub"));
        DynamicPorts = builder.Configuration.GetValue("DynamicPorts", false);
        Durable = builder.Configuration.GetValue("Durable", true);
        if (builder.Configuration.GetValue("Reset", false))
        {
            foreach (var folder in new[] { DataDirectory, FallbackFolder }.Where(Directory.Exists))
            {
                Console.WriteLine($"--reset: deleting local data in {folder}");
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Where service accounts keep their data when they cannot reach <see cref="DataDirectory"/>: one folder per checkout.</summary>
    private string FallbackFolder =>
        Path.Combine("/var/lib/coursehub", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..12].ToLowerInvariant());

    public string DataDirectory { get; }
    public bool DynamicPorts { get; }
    public bool Durable { get; }
    public bool IsRoot { get; } = Native.IsRoot;

    /// <summary>Commands that would install what is missing, collected so the AppHost can name them all at once.</summary>
    public List<string> MissingPrerequisites { get; } = [];

    public static LocalServerSettings For(IDistributedApplicationBuilder builder) =>
        PerBuilder.GetValue(builder, key => new LocalServerSettings(key));

    /// <summary>
    /// The server's data folder, normally <c>.coursehub/{name}</c>. A service account cannot always reach it (a checkout
    /// under a private home folder), so as root we fall back to a folder per checkout under /var/lib/coursehub that it can own.
    /// </summary>
    public string DataFolderFor(string name, string? serviceAccount)
    {
        var preferred = Path.Combine(DataDirectory, name);
        if (serviceAccount is null || EveryAncestorIsTraversable(preferred))
        {
            return preferred;
        }
        return Path.Combine(FallbackFolder, name);
    }

    /// <summary>The well-known port when it is free (and dynamic ports are off), otherwise one the OS hands out.</summary>
    public int Port(int preferred) => !DynamicPorts && LocalPorts.IsFree(preferred) ? preferred : LocalPorts.Free();

    private static bool EveryAncestorIsTraversable(string path)
    {
        for (var directory = Path.GetDirectoryName(path); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(directory) && !File.GetUnixFileMode(directory).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }
}
