using System.Text;

namespace CourseHub.EventBus;

/// <summary>AMQP header names the bus uses, and reading them back (strings arrive as bytes).</summary>
public static class MessageHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string Attempt = "x-attempt";
    public const string LastError = "x-last-error";

    public static string? GetString(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => value.ToString(),
            }
            : null;

    public static int GetInt(IDictionary<string, object?>? headers, string name, int fallback) =>
        int.TryParse(GetString(headers, name), out var value) ? value : fallback;
}
