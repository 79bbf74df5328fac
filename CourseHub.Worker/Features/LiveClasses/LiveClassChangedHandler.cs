using System.Globalization;
using System.Net;
using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.LiveClasses;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.Worker.Features.Email;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.LiveClasses;

/// <summary>
/// Emails a confirmed, moved or cancelled live class to its student and its teacher (the admin in CC of each), each with an
/// <c>.ics</c> invitation — METHOD:REQUEST with the booking's UID and SEQUENCE, or METHOD:CANCEL — so a calendar app adds,
/// updates or removes the one event. Built from the event's snapshot; once per message (the inbox), and a repeat after a
/// crash sends with the same Message-IDs.
/// </summary>
public sealed class LiveClassChangedHandler(CourseHubDbContext db, Inbox inbox, EmailSender sender, TimeProvider clock,
    ILogger<LiveClassChangedHandler> logger) : IEventHandler<LiveClassChanged>
{
    public async Task HandleAsync(LiveClassChanged message, MessageContext context, CancellationToken cancellationToken)
    {
        var result = await inbox.ProcessAsync(context.MessageId, context.Queue, async token =>
        {
            var people = await db.Users.AsNoTracking().Where(u => u.Id == message.TeacherId || u.Id == message.StudentId)
                .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(token);
            var teacher = people.SingleOrDefault(p => p.Id == message.TeacherId);
            var student = people.SingleOrDefault(p => p.Id == message.StudentId);
            if (teacher?.Email is null || student?.Email is null)
            {
                logger.LogWarning("Booking {BookingId}: teacher or student is gone; no invitation", message.BookingId);
                return;
            }
            var cancelled = message.Change == LiveClassChanges.Cancelled;
            var ics = LiveClassCalendar.Invitation(new LiveClassEvent(message.Uid, message.Sequence, message.Start, message.End, teacher.DisplayName,
                teacher.Email, student.DisplayName, student.Email, cancelled ? null : message.MeetingUrl, cancelled), clock.GetUtcNow());
            var attachment = new EmailAttachment(cancelled ? "cancel.ics" : "invite.ics",
                $"text/calendar; method={(cancelled ? "CANCEL" : "REQUEST")}; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(ics));
            var cc = message.CcEmail is { Length: > 0 } admin ? new[] { admin } : [];
            var (subject, lead) = message.Change switch
            {
                LiveClassChanges.Approved => ("Live class confirmed", "Your live class is confirmed."),
                LiveClassChanges.Rescheduled => ("Live class moved", "Your live class has moved to a new time."),
                _ => ("Live class cancelled", "Your live class is cancelled."),
            };
            var when = $"{message.Start.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)}–{message.End.UtcDateTime:HH:mm} UTC";
            foreach (var (role, person, other) in new[] { ("student", student, teacher), ("teacher", teacher, student) })
            {
                var withWhom = $"with {other.DisplayName}";
                var join = cancelled || message.MeetingUrl is null ? "" : message.MeetingUrl;
                var reason = message.Reason is { Length: > 0 } r ? r : null;
                var html = $"<p>Hello {WebUtility.HtmlEncode(person.DisplayName)},</p><p>{lead} {WebUtility.HtmlEncode(withWhom)}, {WebUtility.HtmlEncode(when)}.</p>"
                    + (join.Length > 0 ? $"<p>Join the meeting: <a href=\"{WebUtility.HtmlEncode(join)}\">{WebUtility.HtmlEncode(join)}</a></p>" : "")
                    + (reason is not null ? $"<p>Reason: {WebUtility.HtmlEncode(reason)}</p>" : "")
                    + "<p>The attached invitation updates your calendar.</p>";
                var text = $"Hello {person.DisplayName},\n\n{lead} {withWhom}, {when}.\n"
                    + (join.Length > 0 ? $"\nJoin the meeting: {join}\n" : "") + (reason is not null ? $"\nReason: {reason}\n" : "")
                    + "\nThe attached invitation updates your calendar.\n";
                await sender.SendAsync($"{context.MessageId}.{role}", person.Email!, $"{subject}: {when}", html, text, token, [attachment], cc);
            }
        }, cancellationToken);
        if (result.Outcome == InboxOutcome.ClaimedElsewhere)
        {
            throw new DeliveryDeferredException("another consumer is sending this live class's emails", result.RetryAfter);
        }
    }
}
