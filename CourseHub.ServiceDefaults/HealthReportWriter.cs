using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CourseHub.ServiceDefaults;

/// <summary>Writes health reports as JSON: status only in production, every check in development.</summary>
internal static class HealthReportWriter
{
    public static Task WriteStatusOnly(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
    }

    public static Task WriteDetailed(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            totalMilliseconds = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    description = entry.Value.Description ?? entry.Value.Exception?.Message,
                    milliseconds = entry.Value.Duration.TotalMilliseconds,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
