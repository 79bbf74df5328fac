using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Persistence;
using CourseHub.EventBus;
using CourseHub.Worker.Features.Accounts;
using CourseHub.Worker.Features.Certificates;
using CourseHub.Worker.Features.Cleanup;
using CourseHub.Worker.Features.Email;
using CourseHub.Worker.Features.LiveClasses;
using CourseHub.Worker.Features.Notifications;
using CourseHub.Worker.Features.Outbox;
using CourseHub.Worker.Features.Payments;
using CourseHub.Worker.Features.Scheduling;
using CourseHub.Worker.Features.Video;

namespace CourseHub.Worker;

public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.RequireConfiguration(RequiredConfiguration.Keys);
        builder.AddPostgresDbContext<CourseHubDbContext>("coursehub");
        builder.AddRedisConnection("redis"); // course page views waiting for the analytics roll-up
        builder.AddEventBus("messaging");
        builder.AddAzureBlobClient("blobs");

        // Registered first: the scheduler and the relay start only once the Api has migrated the schema.
        builder.Services.AddDatabaseReadyGate();

        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddScheduling(builder.Configuration.GetConnectionString("coursehub")!, builder.Configuration);

        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
        builder.Services.Configure<MediaSweepOptions>(builder.Configuration.GetSection("MediaSweep"));
        builder.Services.Configure<NotificationCleanupOptions>(builder.Configuration.GetSection("Notifications"));
        builder.Services.AddSingleton(SmtpEndpoint.Parse(builder.Configuration.GetConnectionString("mail")!));
        builder.Services.AddScoped<EmailSender>();
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddEventHandler<EmailRequested, EmailRequestedHandler>("worker.email-requested");

        // Payments: Stripe's events (recorded by the Api's webhook) and the receipts that follow a payment or refund.
        builder.Services.AddScoped<OrderPayments>();
        builder.Services.AddScoped<OrderReceipts>();
        builder.Services.AddEventHandler<StripeEventReceived, StripeEventReceivedHandler>("worker.stripe-event-received");
        builder.Services.AddEventHandler<OrderPaid, ReceiptEmailHandlers>("worker.order-paid");
        builder.Services.AddEventHandler<OrderRefunded, ReceiptEmailHandlers>("worker.order-refunded");
        builder.Services.AddEventHandler<CourseCompleted, CourseCompletedHandler>("worker.course-completed");
        // Live classes: the invitation emails (.ics) of a confirmed, moved or cancelled session.
        builder.Services.AddEventHandler<LiveClassChanged, LiveClassChangedHandler>("worker.live-class-changed");
        builder.Services.AddEventHandler<GroupSessionPlaceChanged, GroupSessionPlaceHandler>("worker.group-session-place");
        // …and their reminders in Quartz (a queue of its own, so a mail outage does not hold up scheduling, nor the reverse).
        builder.Services.Configure<LiveClassReminderOptions>(builder.Configuration.GetSection("LiveClasses"));
        builder.Services.AddEventHandler<LiveClassChanged, LiveClassReminderScheduler>("worker.live-class-reminders");

        // Notification emails: one per notification as the user's preferences say, the daily digest, unread chat messages.
        builder.Services.AddScoped<NotificationEmails>();
        builder.Services.Configure<UnreadMessagesEmailOptions>(builder.Configuration.GetSection("Chat"));
        builder.Services.AddEventHandler<NotificationRequested, NotificationEmailHandler>("worker.notification-email");

        // Accounts leaving: data exports (archive in blob storage, emailed link) and the erasure of deleted accounts after their grace period.
        builder.Services.Configure<DataExportOptions>(builder.Configuration.GetSection("DataExport"));
        builder.Services.Configure<AccountDeletionOptions>(builder.Configuration.GetSection("AccountDeletion"));
        builder.Services.AddScoped<DataExportArchive>();
        builder.Services.AddScoped<ExportLinks>();
        builder.Services.AddScoped<AccountErasure>();
        builder.Services.AddEventHandler<DataExportRequested, DataExportRequestedHandler>("worker.data-export-requested");

        // Video processing: jobs in lesson_videos, claimed under a lease; VideoUploaded wakes a slot of one replica, the poll those of the others.
        builder.Services.AddOptions<VideoOptions>().Bind(builder.Configuration.GetSection(VideoOptions.Section))
            .Validate(o => o.ConcurrentJobs >= 1 && o.SegmentSeconds >= 1 && o.Lease > o.Heartbeat && o.LadderHeights().All(h => h >= 16),
                "Video: ConcurrentJobs and SegmentSeconds must be positive, Lease longer than Heartbeat, Ladder heights of at least 16.")
            .ValidateOnStart();
        builder.Services.AddScoped<VideoJobs>();
        builder.Services.AddScoped<CourseHub.Worker.Features.Analytics.CourseViewFlush>();
        builder.Services.AddSingleton<VideoWakeUp>();
        builder.Services.AddSingleton<VideoProcessor>();
        builder.Services.AddHostedService<VideoProcessingService>();
        builder.Services.AddEventHandler<VideoUploaded, VideoUploadedHandler>("worker.video-uploaded");
        return builder;
    }
}
