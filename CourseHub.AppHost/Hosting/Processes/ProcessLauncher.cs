using System.Collections.Concurrent;
using System.Diagnostics;

namespace CourseHub.AppHost.Hosting.Processes;

/// <summary>What to run for one process of a resource.</summary>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string? RunAsUser = null);

/// <summary>
/// Starts every child process so that none can outlive the AppHost:
/// <list type="bullet">
/// <item><c>setsid</c> gives each child its own process group, so stopping it signals its whole tree
/// (and a Ctrl+C in the terminal reaches only the AppHost, which then stops things in order);</item>
/// <item><c>setpriv --pdeathsig KILL</c> makes the kernel kill the child if the AppHost dies, even by SIGKILL;</item>
/// <item>every group is recorded in the <see cref="ProcessRegistry"/>, so the next start removes
/// anything a killed AppHost left behind.</item>
/// </list>
/// The parent-death signal fires when the <em>thread</em> that forked the child ends, so all
/// children are forked from one dedicated thread that lives as long as the AppHost.
/// </summary>
public sealed class ProcessLauncher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public ProcessLauncher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "coursehub-process-launcher" };
        _thread.Start();
    }

    public Task<Process> StartAsync(ProcessSpec spec)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                started.SetResult(StartOnLauncherThread(spec));
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        });
        return started.Task;
    }

    private static Process StartOnLauncherThread(ProcessSpec spec)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A pipe nobody writes to: children never read the AppHost's terminal.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("setpriv");
        if (spec.RunAsUser is { } user)
        {
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={user}");
            info.ArgumentList.Add("--init-groups");
        }
        info.ArgumentList.Add("--pdeathsig");
        info.ArgumentList.Add("KILL");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {spec.FileName}");
    }

    public void Dispose() => _work.CompleteAdding();
}
