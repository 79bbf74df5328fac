using System.Globalization;
using CourseHub.Domain;
using CourseHub.Domain.LiveClasses;
using CourseHub.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseHub.Worker.Features.LiveClasses;

/// <summary>
/// Reminds the registered students and the teacher of each group session at the reminder lead times
/// (<c>LiveClasses:ReminderLeadMinutes</c>, as for booked sessions). A scan every minute rather than a trigger per
/// session, because registrations come and go until the start: whoever is registered when a lead time comes is
/// reminded, a student who joins late gets the nearest reminder still ahead, and a scan after downtime catches up.
/// Each reminder is a row keyed by session, person and lead time, written in the transaction that stores the
/// notification (whose email follows the person's preferences), so it is given once across Worker replicas.
/// </summary>
[DisallowConcurrentExecution]
public sealed class GroupSessionRemindersJob(CourseHubDbContext db, IOptions<LiveClassReminderOptions> options, TimeProvider clock,
    ILogger<GroupSessionRemindersJob> logger) : IJob
{
    public static readonly JobKey Key = new("group-session-reminders", "live-classes");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var leads = options.Value.Leads.Order().ToList();
        if (leads.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var horizon = now.AddMinutes(leads[^1]);
        var sessions = await db.GroupSessions.AsNoTracking()
            .Where(s => s.StartsAt > now && s.StartsAt <= horizon && s.EndedAt == null)
            .Select(s => new { s.Id, s.Title, s.StartsAt, s.TeacherId, Students = db.GroupSessionRegistrations.Where(r => r.SessionId == s.Id).Select(r => r.StudentId).ToList() })
            .ToListAsync(cancellationToken);
        var given = 0;
        foreach (var session in sessions)
        {
            // Every lead time already reached counts as given; the nearest one is the reminder sent now.
            var due = leads.Where(lead => session.StartsAt.AddMinutes(-lead) <= now).ToList();
            if (due.Count == 0)
            {
                continue;
            }
            var nearest = due[0];
            var left = (int)Math.Ceiling((session.StartsAt - now).TotalMinutes);
            var inWords = LiveClassReminderJob.InWords(left);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var person in session.Students.Append(session.TeacherId).Distinct())
            {
                var fresh = 0;
                foreach (var lead in due)
                {
                    var added = await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO group_session_reminders (session_id, user_id, lead_minutes, sent_at) VALUES ({session.Id}, {person}, {lead}, {now})
                        ON CONFLICT DO NOTHING
                        """, cancellationToken);
                    fresh += lead == nearest ? added : 0;
                }
                if (fresh == 1)
                {
                    db.Notify(person, NotificationKinds.BookingReminder, $"Reminder: “{session.Title}” starts in {inWords}",
                        $"The group session starts at {session.StartsAt.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC.",
                        $"/live/{session.Id}", clock);
                    given++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (given > 0)
        {
            logger.LogInformation("Gave {Count} group-session reminders", given);
        }
    }
}
