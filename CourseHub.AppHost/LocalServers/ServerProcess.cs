using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CourseHub.AppHost.LocalServers;

/// <summary>Starting the machine's own server binaries: finding them, and running them under a service account as root.</summary>
internal static class ServerProcess
{
    /// <summary>
    /// The command line DCP runs. As root, PostgreSQL refuses to start and RabbitMQ switches users itself, so both run
    /// under their Debian service account through setpriv, which execs: the process DCP watches and signals is the server.
    /// </summary>
    public static (string Command, string[] Arguments) Run(string binary, string? serviceAccount, params string[] arguments) =>
        serviceAccount is null
            ? (binary, arguments)
            : ("setpriv", [$"--reuid={serviceAccount}", $"--regid={serviceAccount}", "--init-groups", "--", binary, .. arguments]);

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Creates the folder and, for a service account, hands it (and everything in it) over.</summary>
    public static async Task PrepareFolderAsync(string folder, string? serviceAccount, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (serviceAccount is not null)
        {
            await RunToCompletionAsync("chown", ["-R", $"{serviceAccount}:{serviceAccount}", folder], null, cancellationToken);
        }
    }

    /// <summary>Runs a one-off command (initdb, chown), its output going to the resource's console log.</summary>
    public static async Task RunToCompletionAsync(string file, IEnumerable<string> arguments, ILogger? log, CancellationToken cancellationToken,
        string? serviceAccount = null)
    {
        var (command, prefixed) = Run(file, serviceAccount, [.. arguments]);
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefixed)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        foreach (var line in ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log?.LogInformation("{Line}", line);
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with code {process.ExitCode}");
        }
    }
}
