using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.LiveClasses;
using CourseHub.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Api.Features.LiveClasses;

/// <summary>
/// Group live classes: a teacher schedules one for a course with a capacity; students enrolled in that course take a place
/// until it is full and may leave. The count only rises by a conditional update in the registering transaction, so
/// concurrent registrations never overfill a session (a check constraint backs it).
/// </summary>
public sealed class GroupSessions(CourseHubDbContext db, LiveClassBookings bookings, TimeProvider clock)
{
    public const int MaxCapacity = 500;

    public async Task<GroupSessionDto> CreateAsync(ClaimsPrincipal user, CreateGroupSessionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string>();
        if (request.CourseId is null)
        {
            errors["courseId"] = "Name the course the session is for.";
        }
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200)
        {
            errors["title"] = "Give the session a title of at most 200 characters.";
        }
        if (request.Start is not { } start || start <= now)
        {
            errors["start"] = "Give a start in the future (a UTC instant).";
        }
        if (request.Minutes is not (>= 15 and <= 240))
        {
            errors["minutes"] = "Sessions last 15 to 240 minutes.";
        }
        if (request.Capacity is not (>= 1 and <= MaxCapacity))
        {
            errors["capacity"] = $"The capacity is 1 to {MaxCapacity} students.";
        }
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors);
        }
        var me = user.UserId()!.Value;
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == request.CourseId).Select(c => new { c.Id, c.TeacherId }).SingleOrDefaultAsync(cancellationToken);
        if (course is null || (course.TeacherId != me && !user.IsInRole(Roles.Admin)))
        {
            throw Refusal.NotFound("course-not-found", "Course not found", "There is no course with this id among yours.");
        }
        var begins = request.Start!.Value.ToUniversalTime();
        var ends = begins.AddMinutes(request.Minutes!.Value);
        if ((await bookings.BusyAsync(course.TeacherId, null, begins, ends, null, cancellationToken)).Count > 0)
        {
            throw TeacherBusy();
        }
        var session = new GroupSession
        {
            Id = Guid.CreateVersion7(),
            TeacherId = course.TeacherId,
            CourseId = course.Id,
            Title = request.Title!.Trim(),
            StartsAt = begins,
            EndsAt = ends,
            Capacity = request.Capacity!.Value,
            MeetingRoom = LiveBooking.NewMeetingRoom(),
            CreatedAt = now,
        };
        db.GroupSessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
        {
            // A booking or another group session took the time between the check above and this write.
            db.ChangeTracker.Clear();
            throw TeacherBusy();
        }
        return await ReadAsync(user, session.Id, cancellationToken);
    }

    /// <summary>Takes a place (again: the same answer); 403 <c>not-enrolled</c>, 409 <c>session-full</c> or <c>session-over</c>.</summary>
    public async Task<GroupSessionDto> RegisterAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var session = await RequireAsync(id, cancellationToken);
        if (session.StartsAt <= clock.GetUtcNow())
        {
            throw Refusal.Conflict("session-over", "Too late", "This session has started or is over.");
        }
        if (!await db.Enrollments.AnyAsync(e => e.UserId == me && e.CourseId == session.CourseId && e.RevokedAt == null, cancellationToken))
        {
            throw Refusal.Forbidden("not-enrolled", "Not enrolled in this course", "Group sessions are for students enrolled in their course.");
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int added;
        try
        {
            added = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO group_session_registrations (session_id, student_id, registered_at) VALUES ({id}, {me}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            throw Refusal.Conflict("student-busy", "You have another live class then",
                "You already have a live class (held, confirmed or a group session) at an overlapping time.");
        }
        if (added == 1)
        {
            // Row-locked and re-checked against the latest count, so of many at once only as many as there are places get one.
            var counted = await db.Database.ExecuteSqlAsync(
                $"UPDATE group_sessions SET registered_count = registered_count + 1 WHERE id = {id} AND registered_count < capacity", cancellationToken);
            if (counted == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw Refusal.Conflict("session-full", "Session full", "Every place in this session is taken.");
            }
            await AnnouncePlaceAsync(session, me, registered: true, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return await ReadAsync(user, id, cancellationToken);
    }

    /// <summary>In the place's transaction: the Worker emails the student the session's invitation or its cancellation.</summary>
    private async Task AnnouncePlaceAsync(GroupSession session, Guid studentId, bool registered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(new GroupSessionPlaceChanged(session.Id, studentId, registered, LiveClassCalendar.GroupSessionUid(session.Id),
            (int)Math.Min(int.MaxValue, (now - session.CreatedAt).TotalSeconds), session.StartsAt, session.EndsAt, session.Title, session.TeacherId,
            registered ? bookings.MeetingUrlFor(session.MeetingRoom) : null), clock);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Refusal TeacherBusy() =>
        Refusal.Conflict("teacher-busy", "You have a session then", "A live class is booked, held or scheduled at an overlapping time.");

    public async Task LeaveAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var session = await RequireAsync(id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.GroupSessionRegistrations.Where(r => r.SessionId == id && r.StudentId == me).ExecuteDeleteAsync(cancellationToken);
        if (removed == 1)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE group_sessions SET registered_count = registered_count - 1 WHERE id = {id}", cancellationToken);
            await AnnouncePlaceAsync(session, me, registered: false, clock.GetUtcNow(), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<GroupSessionDto> ReadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var session = await RequireAsync(id, cancellationToken);
        var registered = await db.GroupSessionRegistrations.AnyAsync(r => r.SessionId == id && r.StudentId == me, cancellationToken);
        var showLink = registered || session.TeacherId == me || user.IsInRole(Roles.Admin);
        return new GroupSessionDto(session.Id, session.TeacherId, session.CourseId, session.Title, session.StartsAt, session.EndsAt, session.Capacity,
            session.RegisteredCount, registered, showLink ? bookings.MeetingUrlFor(session.MeetingRoom) : null);
    }

    /// <summary>
    /// The group sessions that concern the user: a teacher's own, and those of every course the user is enrolled in (with
    /// whether they have a place), by start; each with its course's title and who came.
    /// </summary>
    public async Task<List<GroupSessionDto>> MineAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var rows = await (from s in db.GroupSessions.AsNoTracking()
                          join c in db.Courses on s.CourseId equals c.Id
                          where s.TeacherId == me || db.Enrollments.Any(e => e.UserId == me && e.CourseId == s.CourseId && e.RevokedAt == null)
                          orderby s.StartsAt
                          select new
                          {
                              Session = s,
                              CourseTitle = c.Title,
                              Registered = db.GroupSessionRegistrations.Any(r => r.SessionId == s.Id && r.StudentId == me),
                          }).Take(200).ToListAsync(cancellationToken);
        var attendance = await bookings.AttendanceAsync(rows.Select(r => r.Session.Id).ToList(), cancellationToken);
        return [.. rows.Select(r => new GroupSessionDto(r.Session.Id, r.Session.TeacherId, r.Session.CourseId, r.Session.Title, r.Session.StartsAt,
            r.Session.EndsAt, r.Session.Capacity, r.Session.RegisteredCount, r.Registered,
            r.Registered || r.Session.TeacherId == me ? bookings.MeetingUrlFor(r.Session.MeetingRoom) : null, r.CourseTitle, r.Session.StartedAt,
            r.Session.EndedAt, attendance.GetValueOrDefault(r.Session.Id, [])))];
    }

    private async Task<GroupSession> RequireAsync(Guid id, CancellationToken cancellationToken) =>
        await db.GroupSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw Refusal.NotFound("session-not-found", "Session not found", "There is no group session with this id.");
}
