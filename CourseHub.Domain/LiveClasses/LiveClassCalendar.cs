using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CourseHub.Domain.LiveClasses;

/// <summary>One live class as calendars see it: what an invitation and the private feed are built from.</summary>
public sealed record LiveClassEvent(
    string Uid,
    int Sequence,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TeacherName,
    string TeacherEmail,
    string StudentName,
    string StudentEmail,
    string? MeetingUrl,
    bool Cancelled,
    string? Title = null);

/// <summary>
/// iCalendar (RFC 5545, with Ical.Net) for live classes: an invitation or its cancellation (iTIP <c>METHOD:REQUEST</c> /
/// <c>METHOD:CANCEL</c>, the teacher as ORGANIZER and both people as ATTENDEEs, a UID for the booking's life and a SEQUENCE
/// that rises with each change, so calendar clients update the one event), and a subscribable feed (<c>METHOD:PUBLISH</c>).
/// Times are written in UTC.
/// </summary>
public static class LiveClassCalendar
{
    public const string ProductId = "-//CourseHub//Live classes//EN";

    /// <summary>A group session's UID, the same in every feed and invitation for its life.</summary>
    public static string GroupSessionUid(Guid sessionId) => $"group-session-{sessionId:N}@coursehub";

    public static string Invitation(LiveClassEvent session, DateTimeOffset stamp) =>
        Serialize(session.Cancelled ? "CANCEL" : "REQUEST", [session], stamp, null);

    public static string Feed(IEnumerable<LiveClassEvent> sessions, DateTimeOffset stamp, string name) =>
        Serialize("PUBLISH", sessions, stamp, name);

    private static string Serialize(string method, IEnumerable<LiveClassEvent> sessions, DateTimeOffset stamp, string? name)
    {
        var calendar = new Calendar { Method = method, ProductId = ProductId };
        if (name is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", name);
        }
        foreach (var session in sessions)
        {
            var item = new CalendarEvent
            {
                Uid = session.Uid,
                Sequence = session.Sequence,
                DtStamp = Utc(stamp),
                DtStart = Utc(session.Start),
                DtEnd = Utc(session.End),
                Summary = session.Title ?? $"Live class: {session.TeacherName} and {session.StudentName}",
                Description = session.MeetingUrl is null ? "A CourseHub live class." : $"A CourseHub live class. Join: {session.MeetingUrl}",
                Location = session.MeetingUrl,
                Status = session.Cancelled ? "CANCELLED" : "CONFIRMED",
                Organizer = new Organizer($"mailto:{session.TeacherEmail}") { CommonName = session.TeacherName },
            };
            if (session.MeetingUrl is not null)
            {
                item.Url = new Uri(session.MeetingUrl);
            }
            item.Attendees.Add(new Attendee($"mailto:{session.TeacherEmail}") { CommonName = session.TeacherName, Role = "CHAIR", ParticipationStatus = "ACCEPTED" });
            // A group session names no students: a feed shows its owner's calendar, not who else registered.
            if (session.StudentEmail.Length > 0)
            {
                item.Attendees.Add(new Attendee($"mailto:{session.StudentEmail}") { CommonName = session.StudentName, Role = "REQ-PARTICIPANT", ParticipationStatus = "ACCEPTED" });
            }
            calendar.Events.Add(item);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTimeOffset instant) => new(DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Utc));
}
