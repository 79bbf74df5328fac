namespace CourseHub.Api.Features.Status;

/// <summary>Which process this is, as telemetry names it: Aspire and Container Apps set <c>service.instance.id</c>.</summary>
public static class ServiceInstance
{
    private const string InstanceIdAttribute = "service.instance.id";

    /// <summary>
    /// The <c>service.instance.id</c> of an <c>OTEL_RESOURCE_ATTRIBUTES</c> value, or null when it has none.
    /// The value is a comma-separated list of <c>key=value</c> pairs whose values may be percent-encoded
    /// (the OpenTelemetry SDK environment-variable specification).
    /// </summary>
    public static string? FromResourceAttributes(string? attributes)
    {
        foreach (var pair in (attributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && pair[..separator].Trim() == InstanceIdAttribute)
            {
                var value = Uri.UnescapeDataString(pair[(separator + 1)..].Trim());
                return value.Length > 0 ? value : null;
            }
        }
        return null;
    }

    /// <summary>This process's instance id, or the machine name where telemetry names none.</summary>
    public static string Id(IConfiguration configuration) =>
        FromResourceAttributes(configuration["OTEL_RESOURCE_ATTRIBUTES"]) ?? Environment.MachineName;
}
