using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using CourseHub.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CourseHub.Tests.ServiceDefaults;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (the AppHost points it at its dashboard), a service sends
/// logs, metrics and traces over OTLP, traces from every client integration's source included. The
/// collector here is a stand-in that keeps what it receives (OTLP/HTTP protobuf: names are plain UTF-8).
/// </summary>
public sealed class TelemetryExportTests
{
    // The sources the client integrations and the defaults trace; the fakes below stand in for real client calls.
    private static readonly string[] Sources =
    [
        "Npgsql",
        "OpenTelemetry.Instrumentation.StackExchangeRedis",
        "RabbitMQ.Client.Publisher",
        "RabbitMQ.Client.Subscriber",
        "Azure.Storage.Blobs.BlobContainerClient",
    ];

    [Fact]
    public async Task Logs_metrics_and_traces_of_the_service_and_of_every_client_integration_go_to_the_OTLP_endpoint()
    {
        var received = new ConcurrentQueue<(string Signal, string Body)>();
        await using var collector = await StartCollectorAsync(received);

        var builder = ServiceHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.First(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "otlp-export-tests",
        });
        var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        await app.StartAsync();
        try
        {
            using (var http = new HttpClient())
            {
                Assert.Equal("pong", await http.GetStringAsync($"{app.Urls.First()}/ping"));
            }
            // Real client calls: the checks reach for Postgres, Redis, RabbitMQ and blob storage (all down here).
            await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            foreach (var name in Sources)
            {
                using var source = new ActivitySource(name);
                source.StartActivity($"span of {name}")?.Dispose();
            }
            Telemetry.Source.StartActivity("span of CourseHub")?.Dispose();
            using (var meter = new Meter(Telemetry.MeterName))
            {
                meter.CreateCounter<int>("coursehub.tests.counted").Add(1);
                app.Logger.LogInformation("A log line for the collector");
            }
            // Exported in the next batch, without waiting for the flush at shutdown.
            await Infrastructure.Eventually.TrueAsync(() => Task.FromResult(received.Any(item => item.Signal == "logs" && item.Body.Contains("A log line for the collector"))),
                TimeSpan.FromSeconds(20), "the log line at the collector");
        }
        finally
        {
            // Stopping flushes every signal to the collector.
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var traces = string.Concat(received.Where(item => item.Signal == "traces").Select(item => item.Body));
        var metrics = string.Concat(received.Where(item => item.Signal == "metrics").Select(item => item.Body));
        var logs = string.Concat(received.Where(item => item.Signal == "logs").Select(item => item.Body));
        foreach (var name in Sources.Append("span of CourseHub"))
        {
            Assert.Contains(name, traces);
        }
        Assert.Contains("otlp-export-tests", traces);
        Assert.Contains("GET /ping", traces); // ASP.NET Core
        Assert.Contains("System.Net.Http", traces); // HttpClient
        Assert.Contains("BlobServiceClient.GetBlobContainers", traces); // the Azure SDK's own span, from the health check
        Assert.Contains("rabbitmq connect", traces); // Aspire's RabbitMQ connect span
        Assert.Contains("http.server.request.duration", metrics);
        Assert.Contains("http.client.request.duration", metrics);
        Assert.Contains("dotnet.gc", metrics); // runtime
        Assert.Contains("coursehub.tests.counted", metrics);
        Assert.Contains("A log line for the collector", logs);
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string, string)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((signal, Encoding.UTF8.GetString(body.ToArray())));
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
