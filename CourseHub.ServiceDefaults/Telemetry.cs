using System.Diagnostics;

namespace CourseHub.ServiceDefaults;

/// <summary>
/// Where CourseHub's own telemetry goes: spans (messaging, jobs, mail) to <see cref="Source"/>; meters of
/// ours are named <see cref="MeterName"/>. The service defaults export both.
/// </summary>
public static class Telemetry
{
    public const string ActivitySourceName = "CourseHub";
    public const string MeterName = "CourseHub";
    public static readonly ActivitySource Source = new(ActivitySourceName);
}
