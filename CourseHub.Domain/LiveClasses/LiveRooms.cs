using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain.LiveClasses;

/// <summary>A live session as the live room sees it: a one-to-one booking or a group session, by the same kind of id.</summary>
public sealed record LiveSessionInfo(
    Guid Id,
    string Kind,
    string? Title,
    Guid TeacherId,
    Guid? StudentId,
    string Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string MeetingRoom,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    public const string BookingKind = "booking";
    public const string GroupKind = "group";

    /// <summary>The room opens this long before the booked start (a countdown shows until then).</summary>
    public DateTimeOffset OpensAt(TimeSpan lead) => StartsAt - lead;

    /// <summary>A booking has a room only once approved; a group session from when it is scheduled.</summary>
    public bool HasRoom => Kind == GroupKind || Status == BookingStatus.Approved;
}

/// <summary>
/// The one rule of who may enter a live room (the Api's room page and Realtime's hub both ask it): a booking's teacher and
/// student, a group session's teacher and registered students, and admins. Also the room's writes: attendance and the
/// actual start and end, each a single conditional statement so two replicas (or two tabs) cannot record them twice.
/// </summary>
public static class LiveRooms
{
    /// <summary>The session if <paramref name="userId"/> may enter its room; null when it does not exist or is not theirs.</summary>
    public static async Task<LiveSessionInfo?> FindForAsync(this CourseHubDbContext db, Guid id, Guid userId, bool isAdmin,
        CancellationToken cancellationToken)
    {
        var booking = await db.LiveBookings.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new LiveSessionInfo(b.Id, LiveSessionInfo.BookingKind, null, b.TeacherId, b.StudentId, b.Status, b.StartsAt, b.EndsAt,
                b.MeetingRoom, b.StartedAt, b.EndedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (booking is not null)
        {
            return isAdmin || booking.TeacherId == userId || booking.StudentId == userId ? booking : null;
        }
        var group = await db.GroupSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new LiveSessionInfo(s.Id, LiveSessionInfo.GroupKind, s.Title, s.TeacherId, null, BookingStatus.Approved, s.StartsAt, s.EndsAt,
                s.MeetingRoom, s.StartedAt, s.EndedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }
        return isAdmin || group.TeacherId == userId
               || await db.GroupSessionRegistrations.AnyAsync(r => r.SessionId == id && r.StudentId == userId, cancellationToken)
            ? group
            : null;
    }

    /// <summary>Records the first join (a later join of the same person keeps the first time and clears the last leave).</summary>
    public static Task RecordJoinAsync(this CourseHubDbContext db, Guid sessionId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO live_attendances (session_id, user_id, first_joined_at, last_left_at) VALUES ({sessionId}, {userId}, {now}, NULL)
            ON CONFLICT (session_id, user_id) DO UPDATE SET last_left_at = NULL
            """, cancellationToken);

    public static Task RecordLeftAsync(this CourseHubDbContext db, Guid sessionId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE live_attendances SET last_left_at = {now} WHERE session_id = {sessionId} AND user_id = {userId}", cancellationToken);

    /// <summary>Sets the actual start once (a second start keeps the first); false when the session had already ended.</summary>
    public static async Task<bool> RecordStartAsync(this CourseHubDbContext db, LiveSessionInfo session, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.Kind == LiveSessionInfo.BookingKind
            ? await db.Database.ExecuteSqlAsync(
                $"UPDATE live_bookings SET started_at = COALESCE(started_at, {now}) WHERE id = {session.Id} AND ended_at IS NULL", cancellationToken) == 1
            : await db.Database.ExecuteSqlAsync(
                $"UPDATE group_sessions SET started_at = COALESCE(started_at, {now}) WHERE id = {session.Id} AND ended_at IS NULL", cancellationToken) == 1;

    /// <summary>Sets the actual end once, only after a start; false when it was not running.</summary>
    public static async Task<bool> RecordEndAsync(this CourseHubDbContext db, LiveSessionInfo session, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.Kind == LiveSessionInfo.BookingKind
            ? await db.Database.ExecuteSqlAsync(
                $"UPDATE live_bookings SET ended_at = {now} WHERE id = {session.Id} AND started_at IS NOT NULL AND ended_at IS NULL", cancellationToken) == 1
            : await db.Database.ExecuteSqlAsync(
                $"UPDATE group_sessions SET ended_at = {now} WHERE id = {session.Id} AND started_at IS NOT NULL AND ended_at IS NULL", cancellationToken) == 1;
}
