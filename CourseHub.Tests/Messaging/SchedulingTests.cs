using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CourseHub.Tests.Messaging;

[Collection(SystemCollection.Name)]
public sealed class SchedulingTests(SystemFixture system)
{
    [Fact]
    public async Task A_job_scheduled_once_runs_exactly_once_across_two_worker_replicas()
    {
        await using var db = system.CreateDbContext();
        // Both Worker replicas have joined the cluster.
        await Eventually.TrueAsync(async () =>
            await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync() == 2,
            TimeSpan.FromSeconds(30), "two schedulers in the cluster");

        // Schedule through the same store settings the Worker uses, from a scheduler that never runs jobs itself.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(quartz => Scheduling.ConfigureJobStore(quartz, system.ConnectionString("coursehub")));
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var jobName = "cleanup-once-" + Guid.NewGuid().ToString("N")[..8];
        await scheduler.ScheduleJob(
            JobBuilder.Create<OutboxCleanupJob>().WithIdentity(jobName, "tests").Build(),
            TriggerBuilder.Create().WithIdentity(jobName, "tests").StartNow().Build());
        await scheduler.Shutdown();

        await Eventually.TrueAsync(async () => await db.JobRuns.AnyAsync(run => run.JobName == jobName && run.Succeeded == true),
            TimeSpan.FromSeconds(60), "the job to run");
        await Task.Delay(TimeSpan.FromSeconds(5)); // a second, wrong run would show up by now
        var runs = await db.JobRuns.Where(run => run.JobName == jobName).ToListAsync();
        Assert.Single(runs);
    }
}
