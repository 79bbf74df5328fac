using CourseHub.Domain;
using CourseHub.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CourseHub.Worker.Features.Scheduling;

/// <summary>Writes every job execution to <c>job_runs</c>: which replica ran what, when, and how it ended.</summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, TimeProvider clock) : IJobListener
{
    public string Name => nameof(JobRunRecorder);

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        db.JobRuns.Add(new JobRun
        {
            JobName = context.JobDetail.Key.Name,
            FireInstanceId = context.FireInstanceId,
            SchedulerInstance = context.Scheduler.SchedulerInstanceId,
            StartedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CourseHubDbContext>();
        var finishedAt = clock.GetUtcNow();
        await db.JobRuns.Where(run => run.FireInstanceId == context.FireInstanceId).ExecuteUpdateAsync(update => update
            .SetProperty(run => run.FinishedAt, finishedAt)
            .SetProperty(run => run.Succeeded, jobException == null)
            .SetProperty(run => run.Error, jobException == null ? null : jobException.Message), cancellationToken);
    }
}
