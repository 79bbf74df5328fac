using System.Diagnostics;
using System.Diagnostics.Metrics;
using CourseHub.ServiceDefaults;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CourseHub.Tests.ServiceDefaults;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (the AppHost points it at its dashboard), a service sends
/// logs, metrics and traces over OTLP, traces from every client integration's source included. The
/// collector is the tests' stand-in (<see cref="TelemetryCollector"/>; OTLP/HTTP protobuf: names are plain UTF-8).
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
        await using var collector = await TelemetryCollector.StartAsync();

        var builder = ServiceHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
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
            await Eventually.TrueAsync(() => Task.FromResult(collector.Text("logs").Contains("A log line for the collector")),
                TimeSpan.FromSeconds(20), "the log line at the collector");
        }
        finally
        {
            // Stopping flushes every signal to the collector.
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var traces = collector.Text("traces");
        var metrics = collector.Text("metrics");
        var logs = collector.Text("logs");
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
}
