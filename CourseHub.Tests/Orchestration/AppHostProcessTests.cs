using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CourseHub.AppHost.Hosting.Processes;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// The AppHost as a user runs it: its own process, stopped with signals, killed with SIGKILL.
/// In the system collection so it never competes for the two cores with the shared system's start.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AppHostProcessTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task After_SIGKILL_the_next_start_cleans_up_and_after_SIGTERM_no_process_survives()
    {
        var data = TestDirectories.Create("orphans");
        Process? first = null, second = null;
        try
        {
            // First run, killed without a chance to clean up.
            (first, var firstDashboard) = StartAppHost(data);
            var firstGroups = await WaitUntilHealthyAsync(first, firstDashboard);
            first.Kill(); // SIGKILL
            await first.WaitForExitAsync();

            // Second run: starts normally (same data, same ports chosen afresh) and ends what the first left.
            (second, var secondDashboard) = StartAppHost(data);
            var secondGroups = await WaitUntilHealthyAsync(second, secondDashboard);
            Assert.Empty(LivingMembersOf(firstGroups));

            var stopwatch = Stopwatch.StartNew();
            Signal(second.Id, 15); // SIGTERM
            Assert.True(second.WaitForExit(TimeSpan.FromSeconds(15)), "the AppHost did not exit after SIGTERM");
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed.TotalSeconds:0.0}s");
            Assert.Equal(0, second.ExitCode);
            Assert.Empty(LivingMembersOf(secondGroups));
        }
        finally
        {
            StopIfRunning(first);
            StopIfRunning(second);
            TestDirectories.Delete(data);
        }
    }

    [Fact]
    public async Task A_missing_prerequisite_is_reported_with_the_command_that_installs_it()
    {
        // A PATH with nothing but dotnet on it: redis-server, azurite and maildev cannot be found.
        var bin = TestDirectories.Create("path");
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), DotnetPath);
            var info = AppHostStartInfo(bin, TestDirectories.Create("unused"), FreePort());
            info.Environment["PATH"] = bin;
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("sudo apt-get install -y redis-server", output);
            Assert.Contains("npm install -g azurite", output);
            Assert.Contains("./eng/install-prerequisites.sh", output);
            Assert.DoesNotContain("   at ", output); // no stack trace
        }
        finally
        {
            TestDirectories.Delete(bin);
        }
    }

    private static string DotnetPath => Environment.ProcessPath is { } path && Path.GetFileName(path) == "dotnet"
        ? path
        : "/usr/bin/dotnet";

    private static string AppHostDll => Path.Combine(AppContext.BaseDirectory, "CourseHub.AppHost.dll");

    private static ProcessStartInfo AppHostStartInfo(string workingDirectory, string data, int dashboardPort)
    {
        var info = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { AppHostDll, $"--DataDirectory={data}", "--DynamicPorts=true", "--Durable=false", $"--Dashboard:Port={dashboardPort}" })
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private static (Process Process, string Dashboard) StartAppHost(string data)
    {
        var port = FreePort();
        var process = Process.Start(AppHostStartInfo(AppContext.BaseDirectory, data, port))!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, $"http://127.0.0.1:{port}");
    }

    /// <summary>Waits until the dashboard reports every resource healthy; returns the process groups it started.</summary>
    private static async Task<List<int>> WaitUntilHealthyAsync(Process appHost, string dashboard)
    {
        List<int> groups = [];
        var lastSeen = "nothing yet";
        var waiting = Eventually.TrueAsync(async () =>
        {
            Assert.False(appHost.HasExited, "the AppHost exited during start-up");
            try
            {
                var resources = await Http.GetFromJsonAsync<JsonElement>($"{dashboard}/api/resources");
                groups = resources.EnumerateArray().SelectMany(resource => resource.GetProperty("processIds").EnumerateArray().Select(id => id.GetInt32())).ToList();
                lastSeen = string.Join(", ", resources.EnumerateArray().Select(resource =>
                    $"{resource.GetProperty("name")}={resource.GetProperty("state")}/{resource.GetProperty("health")}"));
                return resources.EnumerateArray().All(resource =>
                    resource.GetProperty("state").GetString() == "Running" && resource.GetProperty("health").GetString() == "Healthy");
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(3), "every resource of the AppHost process to be healthy");
        try
        {
            await waiting;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; last seen: {lastSeen}", ex);
        }
        Assert.True(groups.Count >= 9, $"expected a process per server and project, got {groups.Count}");
        return groups;
    }

    /// <summary>Every process still alive in one of these process groups (the groups our children led).</summary>
    private static List<string> LivingMembersOf(IReadOnlyCollection<int> groups) =>
        ProcessTable.All()
            .Where(process => groups.Contains(process.ProcessGroup) && process.State is not ('Z' or 'X'))
            .Select(process => $"{process.Pid} {ReadCommandLine(process.Pid)}")
            .ToList();

    private static string ReadCommandLine(int pid)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A failed assertion must not leave a whole system running behind the test.</summary>
    private static void StopIfRunning(Process? appHost)
    {
        if (appHost is { HasExited: false })
        {
            Signal(appHost.Id, 15);
            if (!appHost.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                appHost.Kill();
            }
        }
    }

    private static void Signal(int pid, int signal) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();
}
