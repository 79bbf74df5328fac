namespace CourseHub.Contracts.LiveClasses;

// Live classes' wire types: availability, slots, bookings and the calendar feed (camelCase JSON). Times of day are
// "HH:mm" in the teacher's zone, dates "yyyy-MM-dd" there; every instant is UTC.

/// <summary>A weekly window: <c>day</c> is an English weekday name ("Monday"), <c>start</c> before <c>end</c>.</summary>
public sealed record WeeklyWindowDto(string? Day, string? Start, string? End);

/// <summary>A date exception: <c>{date, available: false}</c> is a day off; <c>{date, start, end}</c> an extra window that day.</summary>
public sealed record AvailabilityExceptionDto(string? Date, bool? Available, string? Start, string? End);

/// <summary><c>GET</c>/<c>PUT /api/teach/availability</c>: when the teacher takes live classes.</summary>
public sealed record AvailabilityDto(
    string? TimeZone,
    IReadOnlyList<int>? SessionMinutes,
    int? BufferMinutes,
    int? MinNoticeHours,
    int? MaxDaysAhead,
    IReadOnlyList<WeeklyWindowDto>? Weekly,
    IReadOnlyList<AvailabilityExceptionDto>? Exceptions);

/// <summary><c>GET /api/teachers/{teacherId}/live-classes</c>: what a teacher offers students (to pick a length before the slots).</summary>
public sealed record TeacherLiveOfferDto(Guid TeacherId, string TeacherName, string TimeZone, IReadOnlyList<int> SessionMinutes, int MaxDaysAhead);

/// <summary>A free slot, UTC instants (<c>GET /api/teachers/{teacherId}/slots</c>).</summary>
public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End);

/// <summary><c>POST /api/bookings</c>: ask for a slot the teacher offers.</summary>
public sealed record CreateBookingRequest(Guid? TeacherId, DateTimeOffset? Start, int? Minutes, string? Note);

/// <summary><c>…/reject</c> and <c>…/cancel</c>: why.</summary>
public sealed record BookingReasonRequest(string? Reason);

/// <summary><c>POST /api/bookings/{id}/reschedule</c>: the new start (same length).</summary>
public sealed record RescheduleBookingRequest(DateTimeOffset? Start);

/// <summary>
/// A booking. <c>status</c>: pending (held until <c>holdExpiresAt</c>), approved, rejected, cancelled or expired;
/// <c>meetingUrl</c> only once approved.
/// </summary>
public sealed record BookingDto(
    Guid Id,
    Guid TeacherId,
    string TeacherName,
    Guid StudentId,
    string StudentName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string? Note,
    string? Reason,
    string? MeetingUrl,
    DateTimeOffset? HoldExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    IReadOnlyList<AttendeeDto>? Attendance = null);

/// <summary><c>GET /api/me/calendar-feed</c>: the private iCal address (a secret: anyone with it reads the feed).</summary>
public sealed record CalendarFeedDto(string Url);

/// <summary>The booking statuses, as the Api writes them.</summary>
public static class BookingStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
}

/// <summary><c>POST /api/teach/sessions</c>: a group live class for one of the teacher's courses.</summary>
public sealed record CreateGroupSessionRequest(Guid? CourseId, string? Title, DateTimeOffset? Start, int? Minutes, int? Capacity);

/// <summary>
/// A group session: <c>registered</c> says whether the caller has a place; <c>meetingUrl</c> is shown to the teacher and to
/// registered students.
/// </summary>
public sealed record GroupSessionDto(
    Guid Id,
    Guid TeacherId,
    Guid CourseId,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Capacity,
    int RegisteredCount,
    bool Registered,
    string? MeetingUrl,
    string? CourseTitle = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    IReadOnlyList<AttendeeDto>? Attendance = null);

/// <summary>Someone who came to a live session: when they first joined the room and when they last left it.</summary>
public sealed record AttendeeDto(Guid UserId, string Name, DateTimeOffset FirstJoinedAt, DateTimeOffset? LastLeftAt);

/// <summary>The kinds of live session a room can be for.</summary>
public static class LiveSessionKinds
{
    public const string Booking = "booking";
    public const string Group = "group";
}

/// <summary>
/// <c>GET /api/live-sessions/{id}</c>: what the live room shows of a one-to-one booking or a group session — times, the room's
/// opening (<c>opensAt</c>), the actual start and end, and the meeting link for this viewer (with a Jitsi token when configured).
/// </summary>
public sealed record LiveSessionDto(
    Guid Id,
    string Kind,
    string Title,
    Guid TeacherId,
    string TeacherName,
    string Status,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset OpensAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? MeetingUrl,
    bool IsTeacher,
    IReadOnlyList<AttendeeDto> Attendance);

/// <summary>The live-room hub (<c>/hubs/live</c>) and its methods and events.</summary>
public static class LiveRoomHubNames
{
    public const string Path = "/hubs/live";
    /// <summary><c>Join(sessionId)</c> → <see cref="LiveRoomState"/>; the caller hears <see cref="RoomChanged"/> from then on.</summary>
    public const string Join = "Join";
    public const string Leave = "Leave";
    /// <summary>The teacher's: <c>Start(sessionId)</c>, <c>End(sessionId)</c> → <see cref="LiveRoomState"/>.</summary>
    public const string Start = "Start";
    public const string End = "End";
    /// <summary><c>RaiseHand(sessionId, raised)</c>: a student's hand up or down.</summary>
    public const string RaiseHand = "RaiseHand";
    /// <summary>Sent to everyone in the room whenever presence, hands or the session's state change.</summary>
    public const string RoomChanged = "RoomChanged";
}

/// <summary>Someone in the live room now (any of their devices), and whether their hand is up.</summary>
public sealed record RoomParticipant(Guid UserId, string Name, bool IsTeacher, bool HandRaised);

/// <summary>The room as everyone in it sees it.</summary>
public sealed record LiveRoomState(
    Guid SessionId,
    DateTimeOffset OpensAt,
    bool Open,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<RoomParticipant> Participants);

/// <summary><c>GET /api/admin/bookings/conflicts</c>: an upcoming confirmed session and what is wrong with it now.</summary>
public sealed record BookingConflictDto(BookingDto Booking, string Problem);
