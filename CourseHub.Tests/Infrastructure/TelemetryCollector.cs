using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CourseHub.Tests.Infrastructure;

/// <summary>
/// Stands in for the Aspire dashboard's OTLP receiver in the tests (the testing builder runs no dashboard): an OTLP/HTTP
/// endpoint that keeps every export request it receives, protobuf bytes as they came.
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _received = new();

    private TelemetryCollector(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public static async Task<TelemetryCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = new TelemetryCollector(builder.Build());
        collector._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            collector._received.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await collector._app.StartAsync();
        return collector;
    }

    /// <summary>
    /// Export requests of <paramref name="signal"/> ("traces", "metrics", "logs") sent by the service named
    /// <paramref name="service"/>: one request carries one process's resource, whose <c>service.name</c> attribute is
    /// encoded as the key, then the string value (KeyValue.value = AnyValue{string_value}).
    /// </summary>
    public IEnumerable<byte[]> From(string service, string signal)
    {
        byte[] name = [.. "service.name"u8, 0x12, (byte)(service.Length + 2), 0x0A, (byte)service.Length, .. System.Text.Encoding.UTF8.GetBytes(service)];
        return _received.Where(item => item.Signal == signal && item.Body.AsSpan().IndexOf(name) >= 0).Select(item => item.Body);
    }

    /// <summary>Every export request of <paramref name="signal"/> as text: names, keys and string values are plain UTF-8 in protobuf.</summary>
    public string Text(string signal) =>
        string.Concat(_received.Where(item => item.Signal == signal).Select(item => System.Text.Encoding.UTF8.GetString(item.Body)));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
