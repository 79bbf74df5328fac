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
/// Emails a student the group session they took a place in, with an <c>.ics</c> invitation (METHOD:REQUEST, the teacher as
/// ORGANIZER and the student as the one ATTENDEE: other students are nobody's business), or its cancellation when they gave
/// the place back. Built from the event's snapshot; once per message (the inbox), with stable Message-IDs on a repeat.
/// </summary>
public sealed class GroupSessionPlaceHandler(CourseHubDbContext db, Inbox inbox, EmailSender sender, TimeProvider clock,
    ILogger<GroupSessionPlaceHandler> logger) : IEventHandler<GroupSessionPlaceChanged>
{
    public async Task HandleAsync(GroupSessionPlaceChanged message, MessageContext context, CancellationToken cancellationToken)
    {
        var result = await inbox.ProcessAsync(context.MessageId, context.Queue, async token =>
        {
            var people = await db.Users.AsNoTracking().Where(u => u.Id == message.TeacherId || u.Id == message.StudentId)
                .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(token);
            var teacher = people.SingleOrDefault(p => p.Id == message.TeacherId);
            var student = people.SingleOrDefault(p => p.Id == message.StudentId);
            if (teacher?.Email is null || student?.Email is null)
            {
                logger.LogWarning("Group session {SessionId}: teacher or student is gone; no invitation", message.SessionId);
                return;
            }
            var cancelled = !message.Registered;
            var ics = LiveClassCalendar.Invitation(new LiveClassEvent(message.Uid, message.Sequence, message.Start, message.End, teacher.DisplayName,
                teacher.Email, student.DisplayName, student.Email, cancelled ? null : message.MeetingUrl, cancelled, $"Group session: {message.Title}"),
                clock.GetUtcNow());
            var attachment = new EmailAttachment(cancelled ? "cancel.ics" : "invite.ics",
                $"text/calendar; method={(cancelled ? "CANCEL" : "REQUEST")}; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(ics));
            var when = $"{message.Start.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)}–{message.End.UtcDateTime:HH:mm} UTC";
            var (subject, lead) = cancelled
                ? ("Group session place given back", $"You gave back your place in “{message.Title}” with {teacher.DisplayName}")
                : ("Group session booked", $"You have a place in “{message.Title}” with {teacher.DisplayName}");
            var join = message.MeetingUrl is { Length: > 0 } url && !cancelled ? url : null;
            var html = $"<p>Hello {WebUtility.HtmlEncode(student.DisplayName)},</p><p>{WebUtility.HtmlEncode(lead)}, {WebUtility.HtmlEncode(when)}.</p>"
                + (join is not null ? $"<p>Join the meeting: <a href=\"{WebUtility.HtmlEncode(join)}\">{WebUtility.HtmlEncode(join)}</a></p>" : "")
                + "<p>The attached invitation updates your calendar.</p>";
            var text = $"Hello {student.DisplayName},\n\n{lead}, {when}.\n" + (join is not null ? $"\nJoin the meeting: {join}\n" : "")
                + "\nThe attached invitation updates your calendar.\n";
            await sender.SendAsync(context.MessageId, student.Email, $"{subject}: {message.Title}", html, text, token, [attachment]);
        }, cancellationToken);
        if (result.Outcome == InboxOutcome.ClaimedElsewhere)
        {
            throw new DeliveryDeferredException("another consumer is sending this group session's email", result.RetryAfter);
        }
    }
}
