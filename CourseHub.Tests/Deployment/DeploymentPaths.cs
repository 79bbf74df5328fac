using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CourseHub.Tests.Deployment;

/// <summary>Where the repository, its deployment files and the Bicep CLI are, and how to run a tool.</summary>
internal static class DeploymentPaths
{
    public const string SolutionFileName = "CourseHub.sln";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder holding CourseHub.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string InRepository(params string[] relative) =>
        Path.Combine([RepositoryRoot, .. relative]);

    public static string MainBicep => InRepository("infra", "main.bicep");

    public static string MainParameters => InRepository("infra", "main.parameters.json");

    public static string AzureYaml => InRepository("azure.yaml");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No {SolutionFileName} found in {AppContext.BaseDirectory} or any folder above it.");
    }

    /// <summary>
    /// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (its path is baked into the
    /// test assembly by the test project), made executable: NuGet does not keep the file mode.
    /// </summary>
    public static string BicepExecutable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                "The deployment tests use the linux-x64 Bicep CLI package; run them on linux-x64 (as CI does).");
        }

        var path = typeof(DeploymentPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Bicep CLI not found at '{path}'. It comes from the Azure.Bicep.CommandLine.linux-x64 package; run 'dotnet restore'.");
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0)
        {
            return path;
        }
        try
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | execute);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only package cache: run a private copy instead.
            var copy = Path.Combine(Path.GetTempPath(), $"coursehub-bicep-{Environment.ProcessId}", "bicep");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy, overwrite: true);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | execute);
            return copy;
        }
    }

    /// <summary>A fresh, empty folder under the system temp folder (never inside the repository).</summary>
    public static string NewTempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"coursehub-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The dotnet host running the tests (so the tools use the same SDK), or dotnet on PATH.</summary>
    public static string DotnetExecutable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

internal static class Tool
{
    /// <summary>
    /// Runs a command to completion and captures its output. The child does not inherit the
    /// MSBuild variables of the test host's own build, and is killed (with its children) on timeout.
    /// </summary>
    public static ToolResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var name in startInfo.Environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout}.\n{stdout.Result}\n{stderr.Result}");
        }
        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase);
}
