using CourseHub.Domain.Messaging;

namespace CourseHub.Domain.IntegrationEvents;

/// <summary>
/// A live class was confirmed, moved or cancelled: the Worker emails student and teacher (the admin in CC) with an
/// <c>.ics</c> built from this snapshot — the booking as it was in the transaction that wrote this event, so a later change
/// does not alter an earlier email. <see cref="Change"/> is one of <see cref="LiveClassChanges"/>.
/// </summary>
public sealed record LiveClassChanged(
    Guid BookingId,
    string Change,
    string Uid,
    int Sequence,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TeacherId,
    Guid StudentId,
    string? MeetingUrl,
    string? CcEmail,
    string? Reason) : IIntegrationEvent;

public static class LiveClassChanges
{
    public const string Approved = "approved";
    public const string Rescheduled = "rescheduled";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// A student took or gave back a place in a group session: the Worker emails them an <c>.ics</c> (METHOD:REQUEST, or
/// METHOD:CANCEL when they left) with the session's UID, so their calendar adds or removes the one event. The SEQUENCE
/// rises with each change (seconds since the session was created), so a place taken again after leaving updates it.
/// </summary>
public sealed record GroupSessionPlaceChanged(
    Guid SessionId,
    Guid StudentId,
    bool Registered,
    string Uid,
    int Sequence,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Title,
    Guid TeacherId,
    string? MeetingUrl) : IIntegrationEvent;
