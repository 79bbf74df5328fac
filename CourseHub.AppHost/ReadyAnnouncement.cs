using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseHub.AppHost;

/// <summary>
/// Says once, in the AppHost's own log, when every resource is healthy, how long that took and where the front doors
/// are — the line a developer waits for after F5 (and what scripts and the process tests wait for).
/// </summary>
internal sealed class ReadyAnnouncement(DistributedApplicationModel model, ResourceNotificationService notifications, ILogger<ReadyAnnouncement> logger)
    : BackgroundService
{
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();

    public static void AddTo(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHostedService<ReadyAnnouncement>();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Parameters have no health, and what starts only when asked (Aspire's hidden project rebuilders) may never start.
        var resources = model.Resources
            .Where(resource => resource is not ParameterResource && !resource.HasAnnotationOfType<ExplicitStartupAnnotation>())
            .ToList();
        try
        {
            await Task.WhenAll(resources.Select(resource => notifications.WaitForResourceHealthyAsync(resource.Name, stoppingToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var doors = resources.OfType<ProjectResource>()
            .Where(project => project.Name is "web" or "api")
            .Select(project => $"{project.Name} {project.GetEndpoint("http").Url}");
        logger.LogInformation("CourseHub is ready: all {Count} resources healthy after {Seconds:0.0} s — {Doors}",
            resources.Count, _sinceStart.Elapsed.TotalSeconds, string.Join(", ", doors));
    }
}
