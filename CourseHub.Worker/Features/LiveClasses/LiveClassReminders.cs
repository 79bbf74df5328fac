using System.Globalization;
using System.Net;
using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.LiveClasses;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.Worker.Features.Email;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CourseHub.Worker.Features.LiveClasses;

/// <summary><c>LiveClasses:ReminderLeadMinutes</c>: how long before a session its reminders go out (comma-separated; default 24 hours and 15 minutes).</summary>
public sealed class LiveClassReminderOptions
{
    public string ReminderLeadMinutes { get; set; } = "1440,15";

    public IReadOnlyList<int> Leads => [.. ReminderLeadMinutes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(lead => int.Parse(lead, CultureInfo.InvariantCulture)).Where(lead => lead > 0).Distinct()];
}

/// <summary>
/// Keeps each confirmed session's reminders in Quartz (the clustered ADO store, so each fires on one Worker replica only):
/// one job per booking with a trigger per lead time, replaced when the session moves and deleted when it is cancelled.
/// Lead times already past when the session is confirmed are skipped.
/// </summary>
public sealed class LiveClassReminderScheduler(ISchedulerFactory schedulers, Microsoft.Extensions.Options.IOptions<LiveClassReminderOptions> options,
    TimeProvider clock, ILogger<LiveClassReminderScheduler> logger) : IEventHandler<LiveClassChanged>
{
    public const string Group = "live-class-reminders";

    public static JobKey KeyFor(Guid bookingId) => new($"booking-{bookingId}", Group);

    public async Task HandleAsync(LiveClassChanged message, MessageContext context, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = KeyFor(message.BookingId);
        if (message.Change == LiveClassChanges.Cancelled)
        {
            await scheduler.DeleteJob(key, cancellationToken);
            logger.LogInformation("Booking {BookingId} cancelled: its reminders are unscheduled", message.BookingId);
            return;
        }
        var now = clock.GetUtcNow();
        var job = JobBuilder.Create<LiveClassReminderJob>().WithIdentity(key).StoreDurably(false)
            .UsingJobData(LiveClassReminderJob.BookingId, message.BookingId.ToString())
            .UsingJobData(LiveClassReminderJob.Start, message.Start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .UsingJobData(LiveClassReminderJob.MeetingUrl, message.MeetingUrl ?? "")
            .WithDescription("Reminds student and teacher of a live class").Build();
        var triggers = options.Value.Leads
            .Select(lead => (Lead: lead, At: message.Start.AddMinutes(-lead)))
            .Where(t => t.At > now)
            .Select(t => TriggerBuilder.Create().ForJob(key).WithIdentity($"booking-{message.BookingId}-{t.Lead}", Group)
                .UsingJobData(LiveClassReminderJob.LeadMinutes, t.Lead.ToString(CultureInfo.InvariantCulture))
                .StartAt(t.At).Build()) // one-shot: a misfire (every Worker down at that moment) fires as soon as one is back
            .ToList();
        // A repeated or out-of-order event replaces the whole set; an event about an older time than the one scheduled is
        // harmless too, since the job checks the booking's current start when it fires.
        await scheduler.DeleteJob(key, cancellationToken);
        if (triggers.Count > 0)
        {
            await scheduler.ScheduleJob(job, triggers[0]);
            foreach (var trigger in triggers.Skip(1))
            {
                await scheduler.ScheduleJob(trigger);
            }
        }
        logger.LogInformation("Booking {BookingId}: {Count} reminders scheduled before {Start:u}", message.BookingId, triggers.Count, message.Start);
    }
}

/// <summary>One reminder of one session: an email to the student and the teacher and an in-app notice to each.</summary>
[DisallowConcurrentExecution]
public sealed class LiveClassReminderJob(CourseHubDbContext db, EmailSender sender, TimeProvider clock, ILogger<LiveClassReminderJob> logger) : IJob
{
    public const string BookingId = "bookingId";
    public const string Start = "start";
    public const string LeadMinutes = "leadMinutes";
    public const string MeetingUrl = "meetingUrl";

    /// <summary>How long until a session, as its reminders say it: whole hours from two hours up, minutes below.</summary>
    public static string InWords(int minutes) =>
        minutes >= 120 ? $"{(int)Math.Round(minutes / 60.0)} hours" : minutes == 1 ? "1 minute" : $"{minutes} minutes";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var bookingId = Guid.Parse(data.GetString(BookingId)!);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(data.GetString(Start)!, CultureInfo.InvariantCulture));
        var lead = int.Parse(data.GetString(LeadMinutes)!, CultureInfo.InvariantCulture);
        var meetingUrl = data.GetString(MeetingUrl) is { Length: > 0 } url ? url : null;
        var booking = await db.LiveBookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null || booking.Status != BookingStatus.Approved || booking.StartsAt != start)
        {
            // Cancelled or moved after this trigger was made (its replacement, if any, is scheduled separately).
            logger.LogInformation("Reminder for booking {BookingId} skipped: no longer approved at {Start:u}", bookingId, start);
            return;
        }
        var people = await db.Users.AsNoTracking().Where(u => u.Id == booking.TeacherId || u.Id == booking.StudentId)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var inWords = InWords(lead);
        var when = $"{start.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC";
        foreach (var person in people.Where(p => p.Email is not null))
        {
            var other = people.FirstOrDefault(p => p.Id != person.Id)?.DisplayName ?? "your teacher";
            db.AddIntegrationEvent(new NotificationRequested($"user:{person.Id}", "Live class soon",
                $"Your live class with {other} starts in {inWords}.", $"/live/{bookingId}"), clock);
            await sender.SendAsync($"live-reminder-{bookingId}-{start.ToUnixTimeSeconds()}-{lead}.{person.Id:N}", person.Email!,
                $"Reminder: live class in {inWords}",
                $"<p>Hello {WebUtility.HtmlEncode(person.DisplayName)},</p><p>Your live class with {WebUtility.HtmlEncode(other)} starts in {inWords} ({WebUtility.HtmlEncode(when)}).</p>"
                    + (meetingUrl is null ? "" : $"<p>Join the meeting: <a href=\"{WebUtility.HtmlEncode(meetingUrl)}\">{WebUtility.HtmlEncode(meetingUrl)}</a></p>"),
                $"Hello {person.DisplayName},\n\nYour live class with {other} starts in {inWords} ({when}).\n" + (meetingUrl is null ? "" : $"\nJoin the meeting: {meetingUrl}\n"),
                cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
