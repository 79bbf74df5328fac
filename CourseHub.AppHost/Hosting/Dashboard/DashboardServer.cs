using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CourseHub.AppHost.Hosting.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CourseHub.AppHost.Hosting.Dashboard;

/// <summary>
/// The AppHost dashboard: every resource with type, state, health, start time, URLs and
/// environment; each one's console log streamed live; stop / start / restart.
/// </summary>
public sealed partial class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app) => _app = app;

    public static async Task<DashboardServer> StartAsync(DistributedApplication application, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();

        app.MapGet("/", () => Results.Content(IndexHtml.Value, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Json(application.Resources.Select(Describe)));
        app.MapGet("/api/resources/{name}/logs", (string name, HttpContext http) =>
            application.Resources.FirstOrDefault(resource => resource.Name == name) is { } resource
                ? StreamLogsAsync(resource, http)
                : Task.FromResult(Results.NotFound()));
        app.MapPost("/api/resources/{name}/{command}", (string name, string command) =>
        {
            var resource = application.Resources.FirstOrDefault(candidate => candidate.Name == name);
            if (resource is null)
            {
                return Results.NotFound();
            }
            // The command runs in the background; the page follows it through the state column.
            _ = command switch
            {
                "stop" => application.StopResourceAsync(resource),
                "start" => application.StartResourceAsync(resource),
                "restart" => application.RestartResourceAsync(resource),
                _ => null,
            };
            return command is "stop" or "start" or "restart"
                ? Results.Accepted()
                : Results.Problem($"Unknown command '{command}'; use stop, start or restart.", statusCode: 400);
        });

        await app.StartAsync();
        return new DashboardServer(app);
    }

    private static object Describe(Resource resource) => new
    {
        name = resource.Name,
        type = resource.Type,
        state = resource.State.ToString(),
        health = resource.Health.ToString(),
        stateMessage = resource.StateMessage,
        startedAt = resource.StartedAt,
        urls = resource.Urls,
        waitsFor = resource.WaitsFor.Select(dependency => dependency.Name),
        connectionString = resource.ConnectionString is { } connectionString ? MaskSecrets(connectionString) : null,
        replicas = resource is ExecutableResource executable ? executable.ReplicaCount : 0,
        processIds = resource.ProcessIds,
        environment = resource.Environment.ToDictionary(pair => pair.Key, pair => MaskSecrets(pair.Value)),
    };

    /// <summary>Passwords and keys inside connection strings are not shown on the page.</summary>
    private static string MaskSecrets(string value) =>
        UriPasswordPattern().Replace(SecretPattern().Replace(value, match => $"{match.Groups[1].Value}=******"), "://$1:******@");

    [GeneratedRegex("(Password|AccountKey|password)=[^;,]*")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("://([^:/@]+):[^@/]+@")]
    private static partial Regex UriPasswordPattern();

    private static async Task<IResult> StreamLogsAsync(Resource resource, HttpContext http)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var lines = Channel.CreateUnbounded<string>();
        using var subscription = resource.Log.Subscribe(line => lines.Writer.TryWrite(line));
        foreach (var line in resource.Log.Snapshot())
        {
            await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(line)}\n\n", http.RequestAborted);
        }
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(http.RequestAborted))
            {
                await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(line)}\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the page was closed
        }
        return Results.Empty;
    }

    private static readonly Lazy<string> IndexHtml = new(() =>
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("CourseHub.AppHost.Dashboard.index.html")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
