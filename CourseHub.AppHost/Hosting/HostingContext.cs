using CourseHub.AppHost.Hosting.Processes;

namespace CourseHub.AppHost.Hosting;

/// <summary>What every resource needs to start: where its data goes and how to launch processes.</summary>
public sealed class HostingContext(string dataDirectory, ProcessLauncher launcher, ProcessRegistry registry, string environmentName)
{
    public string DataDirectory { get; } = dataDirectory;
    public ProcessLauncher Launcher { get; } = launcher;
    public ProcessRegistry Registry { get; } = registry;
    public string EnvironmentName { get; } = environmentName;
    public bool IsRoot { get; } = Native.IsRoot;

    public string ResourceDirectory(string resourceName)
    {
        var path = Path.Combine(DataDirectory, resourceName);
        Directory.CreateDirectory(path);
        return path;
    }
}
