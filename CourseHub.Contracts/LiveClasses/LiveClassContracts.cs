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
    DateTimeOffset CreatedAt);

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
    string? MeetingUrl);
