using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using CourseHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CourseHub.Tests.Orchestration;

/// <summary>
/// What a developer meets on a first start: the shared system starts on a new, empty data folder, so its start-up is
/// exactly that. It must tell a clean, truthful story and open nothing beyond this machine.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CleanStartTests(SystemFixture system, ITestOutputHelper output)
{
    // What the logs of .NET (console formatter), PostgreSQL, RabbitMQ, Redis and the npm servers call a failure.
    private static readonly string[] FailureMarkers = ["fail:", "crit:", "ERROR", "FATAL", "PANIC", "[error]", "[critical]", "Unhandled exception"];

    [Fact]
    public void A_first_start_logs_no_failure_in_any_resource()
    {
        var logs = system.StartupLogs;
        Assert.Contains(logs.Keys, id => id.StartsWith("api", StringComparison.Ordinal)); // the capture works at all
        var failures = logs
            .SelectMany(entry => entry.Value.Select(line => (Resource: entry.Key, Line: WithoutColours(line))))
            .Where(entry => FailureMarkers.Any(marker => entry.Line.Contains(marker, StringComparison.Ordinal)))
            .Select(entry => $"{entry.Resource}: {entry.Line}")
            .ToList();
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.Empty(failures);
    }

    /// <summary>The services' console logger colours its level names ("fail" on red): read them as text.</summary>
    private static string WithoutColours(string line) => Regex.Replace(line, @"\x1B\[[0-9;]*m", "");

    [Fact]
    public void A_first_start_says_what_it_did_migrations_applied_demo_seeded_and_who_can_sign_in()
    {
        var api = system.StartupLogs.Where(entry => entry.Key.StartsWith("api-", StringComparison.Ordinal)).SelectMany(entry => entry.Value).ToList();
        // Two replicas share one empty database: one applies every migration, the other finds none pending.
        Assert.Contains(api, line => line.Contains("Applied ", StringComparison.Ordinal) && line.Contains(" migrations to an empty database", StringComparison.Ordinal));
        Assert.Contains(api, line => line.Contains("Demo catalog seeded", StringComparison.Ordinal));
        Assert.Contains(api, line => line.Contains($"Admin account {SystemFixture.AdminEmail} created", StringComparison.Ordinal));
        Assert.DoesNotContain(api, line => line.Contains("no admin account", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_process_the_AppHost_started_listens_on_loopback_only()
    {
        var pids = system.Resources.OfType<IResourceWithEndpoints>()
            .SelectMany(resource => system.Instances(resource.Name))
            .SelectMany(instance => instance.Properties.Where(property => property.Name == "executable.pid"))
            .Select(property => Convert.ToInt32(property.Value, CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(pids);
        var processes = pids.Concat(pids.SelectMany(ProcessTree.DescendantsOf)).ToHashSet();
        var listeners = Sockets.Listening().Where(socket => processes.Overlaps(socket.Owners)).ToList();
        // postgres, redis, the broker and its port mapper, azurite, maildev (2) and every service replica
        Assert.True(listeners.Count >= 8, $"found only {listeners.Count} listening sockets: {string.Join(", ", listeners)}");
        var exposed = listeners.Where(socket => !IPAddress.IsLoopback(socket.Address)).ToList();
        Assert.True(exposed.Count == 0, $"listening beyond loopback: {string.Join(", ", exposed)}");
    }

    [Fact]
    public void Passwords_reach_the_Api_as_secret_parameters_the_dashboard_masks()
    {
        var parameters = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().ToList();
        foreach (var name in new[] { "demo-password", "admin-password" })
        {
            Assert.True(parameters.Single(parameter => parameter.Name == name).Secret, $"{name} is not a secret parameter");
        }
        Assert.Equal(SystemFixture.AdminPassword, system.Project("api").Environment["Admin__Password"]);
        Assert.StartsWith("demo-", system.Project("api").Environment["Seed__DemoPassword"], StringComparison.Ordinal);
    }
}
