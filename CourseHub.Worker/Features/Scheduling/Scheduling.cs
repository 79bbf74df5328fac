using Quartz;

namespace CourseHub.Worker.Features.Scheduling;

/// <summary>
/// Quartz with the ADO job store in PostgreSQL, clustered: every Worker replica runs a scheduler
/// with the same name and its own instance id, and the database's row locks make each firing run on
/// exactly one of them. Jobs survive restarts; a replica that dies mid-job has its work recovered.
/// </summary>
public static class Scheduling
{
    public const string SchedulerName = "coursehub";

    public static IServiceCollection AddScheduling(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        var digestCron = configuration["Notifications:DigestCron"] ?? "0 0 7 * * ?";
        var unreadScan = configuration.GetValue("Chat:UnreadEmailScanInterval", TimeSpan.FromMinutes(1));
        var erasureScan = configuration.GetValue("AccountDeletion:ScanInterval", TimeSpan.FromMinutes(15));
        var rollupInterval = configuration.GetValue("Analytics:RollupInterval", TimeSpan.FromMinutes(15));
        services.AddHostedService(provider => new SchedulerSchema(connectionString, provider.GetRequiredService<ILogger<SchedulerSchema>>())); // before Quartz's own hosted service, which needs the tables
        services.AddQuartz(quartz =>
        {
            ConfigureJobStore(quartz, connectionString);
            quartz.AddJob<OutboxCleanupJob>(job => job.WithIdentity(OutboxCleanupJob.Key).StoreDurably()
                .WithDescription("Deletes published outbox rows and old inbox rows"));
            quartz.AddTrigger(trigger => trigger.ForJob(OutboxCleanupJob.Key).WithIdentity("outbox-cleanup-nightly")
                .WithCronSchedule("0 30 3 * * ?"));
            quartz.AddJob<Cleanup.MediaSweepJob>(job => job.WithIdentity(Cleanup.MediaSweepJob.Key).StoreDurably()
                .WithDescription("Deletes course media blobs no row points at"));
            quartz.AddTrigger(trigger => trigger.ForJob(Cleanup.MediaSweepJob.Key).WithIdentity("media-sweep-nightly")
                .WithCronSchedule("0 0 4 * * ?"));
            quartz.AddJob<Cleanup.NotificationCleanupJob>(job => job.WithIdentity(Cleanup.NotificationCleanupJob.Key).StoreDurably()
                .WithDescription("Deletes notifications read longer ago than the retention period"));
            quartz.AddTrigger(trigger => trigger.ForJob(Cleanup.NotificationCleanupJob.Key).WithIdentity("notification-cleanup-nightly")
                .WithCronSchedule("0 30 4 * * ?"));
            quartz.AddJob<LiveClasses.ExpiredHoldsJob>(job => job.WithIdentity(LiveClasses.ExpiredHoldsJob.Key).StoreDurably()
                .WithDescription("Marks unanswered live-class requests expired once their hold runs out"));
            quartz.AddTrigger(trigger => trigger.ForJob(LiveClasses.ExpiredHoldsJob.Key).WithIdentity("live-class-expired-holds-every-minute")
                .WithCronSchedule("0 * * * * ?"));
            quartz.AddJob<LiveClasses.GroupSessionRemindersJob>(job => job.WithIdentity(LiveClasses.GroupSessionRemindersJob.Key).StoreDurably()
                .WithDescription("Reminds group sessions' students and teachers at the reminder lead times"));
            quartz.AddTrigger(trigger => trigger.ForJob(LiveClasses.GroupSessionRemindersJob.Key).WithIdentity("group-session-reminders-every-minute")
                .WithCronSchedule("30 * * * * ?"));
            quartz.AddJob<Notifications.NotificationDigestJob>(job => job.WithIdentity(Notifications.NotificationDigestJob.Key).StoreDurably()
                .WithDescription("Emails each user the day's notifications of the kinds they take as a digest"));
            quartz.AddTrigger(trigger => trigger.ForJob(Notifications.NotificationDigestJob.Key).WithIdentity("notification-digest-daily")
                .WithCronSchedule(digestCron));
            quartz.AddJob<Notifications.UnreadMessagesEmailJob>(job => job.WithIdentity(Notifications.UnreadMessagesEmailJob.Key).StoreDurably()
                .WithDescription("Emails chat participants about messages left unread"));
            quartz.AddTrigger(trigger => trigger.ForJob(Notifications.UnreadMessagesEmailJob.Key).WithIdentity("unread-messages-email-scan")
                .WithSimpleSchedule(schedule => schedule.WithInterval(unreadScan).RepeatForever()));
            quartz.AddJob<Accounts.AccountErasureJob>(job => job.WithIdentity(Accounts.AccountErasureJob.Key).StoreDurably()
                .WithDescription("Erases deleted accounts whose grace period is over; deletes expired data exports"));
            quartz.AddTrigger(trigger => trigger.ForJob(Accounts.AccountErasureJob.Key).WithIdentity("account-erasure-scan")
                .WithSimpleSchedule(schedule => schedule.WithInterval(erasureScan).RepeatForever()));
            // Runs at start as well (a simple schedule fires at once), so a Worker back after downtime catches up first thing.
            quartz.AddJob<Analytics.AnalyticsRollupJob>(job => job.WithIdentity(Analytics.AnalyticsRollupJob.Key).StoreDurably()
                .WithDescription("Rolls raw activity up into the dashboard's daily tables, up to yesterday"));
            quartz.AddTrigger(trigger => trigger.ForJob(Analytics.AnalyticsRollupJob.Key).WithIdentity("analytics-rollup-interval")
                .WithSimpleSchedule(schedule => schedule.WithInterval(rollupInterval).RepeatForever()));
            quartz.AddJobListener<JobRunRecorder>();
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The store settings every scheduler of the cluster must share (the tests schedule through them too).</summary>
    public static void ConfigureJobStore(IQuartzBuilder quartz, string connectionString)
    {
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            scheduler.GenerateInstanceId = true;
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.ConfigureStore(options =>
            {
                options.TablePrefix = SchedulerSchema.TablePrefix;
                options.StoreJobDataAsStrings = true;
            });
            // Quartz creates what is missing (never alters or drops); SchedulerSchema has normally done it already.
            store.ProvisionSchema();
            store.UseClustering(cluster =>
            {
                cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
            });
        });
    }
}
