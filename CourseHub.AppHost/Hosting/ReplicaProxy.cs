using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace CourseHub.AppHost.Hosting;

/// <summary>
/// The one endpoint in front of a replicated project: YARP, round-robin, with cookie session
/// affinity so a SignalR negotiate and the connection that follows land on the same replica.
/// </summary>
public sealed class ReplicaProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReplicaProxy(WebApplication app) => _app = app;

    public static async Task<ReplicaProxy> StartAsync(string name, int port, IEnumerable<string> replicaUrls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var destinations = replicaUrls
            .Select((url, index) => (index, url))
            .ToDictionary(replica => $"{name}-{replica.index}", replica => new DestinationConfig { Address = replica.url });
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig
            {
                RouteId = name,
                ClusterId = name,
                Match = new RouteMatch { Path = "{**catch-all}" },
                // Transparent like Aspire's proxy: add no X-Forwarded-* of our own, pass the client's through.
                Transforms = [new Dictionary<string, string> { ["X-Forwarded"] = "Off" }],
                // No body limit of its own (Kestrel's default is 30 MB): each project sets its own per route, e.g. video uploads.
                MaxRequestBodySize = -1,
            }],
            [new ClusterConfig
            {
                ClusterId = name,
                LoadBalancingPolicy = "RoundRobin",
                SessionAffinity = new SessionAffinityConfig { Enabled = true, Policy = "Cookie", AffinityKeyName = $".coursehub.{name}.affinity" },
                Destinations = destinations,
            }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new ReplicaProxy(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
