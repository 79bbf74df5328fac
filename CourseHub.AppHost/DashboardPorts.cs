using CourseHub.AppHost.LocalServers;

namespace CourseHub.AppHost;

internal static class DashboardPorts
{
    private static readonly string[] Variables = ["ASPNETCORE_URLS", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"];

    /// <summary>
    /// The launch profile puts the dashboard on 18800 (its OTLP and resource endpoints on 18801 and 18802). When one of them
    /// is taken — another AppHost is running — use a free port instead of failing; the dashboard URL is printed either way.
    /// </summary>
    public static void MoveWhenTaken()
    {
        foreach (var variable in Variables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { } value && Uri.TryCreate(value.Split(';')[0], UriKind.Absolute, out var url)
                && url.Port > 0 && !LocalPorts.IsFree(url.Port))
            {
                Environment.SetEnvironmentVariable(variable, new UriBuilder(url) { Port = LocalPorts.Free() }.Uri.ToString().TrimEnd('/'));
            }
        }
    }
}
