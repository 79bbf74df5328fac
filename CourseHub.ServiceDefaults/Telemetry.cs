using System.Diagnostics;

namespace CourseHub.ServiceDefaults;

/// <summary>The activity source CourseHub's own spans (messaging, jobs) are written to.</summary>
public static class Telemetry
{
    public const string ActivitySourceName = "CourseHub";
    public static readonly ActivitySource Source = new(ActivitySourceName);
}
