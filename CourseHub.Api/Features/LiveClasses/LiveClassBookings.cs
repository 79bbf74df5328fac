using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.LiveClasses;
using CourseHub.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using System.Security.Claims;

namespace CourseHub.Api.Features.LiveClasses;

/// <summary>
/// The booking rules: who may see a teacher's slots and ask for one, the hold, approval, rejection, cancel and move, and the
/// events that send the invitations. Overlaps are the database's to refuse (exclusion constraints, see
/// <see cref="LiveBookingSql"/>); this turns its refusal into a 409.
/// </summary>
public sealed class LiveClassBookings(CourseHubDbContext db, TimeProvider clock, IOptions<LiveClassOptions> options, IConfiguration configuration)
{
    private LiveClassOptions Options => options.Value;

    /// <summary>A student enrolled (not refunded) in one of the teacher's courses — the people a teacher takes live classes with.</summary>
    public Task<bool> IsEnrolledWithAsync(Guid studentId, Guid teacherId, CancellationToken cancellationToken) =>
        db.Enrollments.AnyAsync(e => e.UserId == studentId && e.RevokedAt == null
            && db.Courses.Any(c => c.Id == e.CourseId && c.TeacherId == teacherId), cancellationToken);

    /// <summary>The teacher themselves, an admin, or an enrolled student; anyone else is refused with 403 <c>not-enrolled</c>.</summary>
    public async Task RequireMayBookAsync(ClaimsPrincipal user, Guid teacherId, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        if (me == teacherId || user.IsInRole(Roles.Admin) || await IsEnrolledWithAsync(me, teacherId, cancellationToken))
        {
            return;
        }
        throw Refusal.Forbidden("not-enrolled", "Not enrolled with this teacher",
            "Live classes are for students enrolled in one of this teacher's courses.");
    }

    public async Task<TeacherAvailability> RequireAvailabilityAsync(Guid teacherId, CancellationToken cancellationToken) =>
        await db.TeacherAvailabilities.AsNoTracking().SingleOrDefaultAsync(a => a.TeacherId == teacherId, cancellationToken)
        ?? throw Refusal.NotFound("no-availability", "No live classes", "This teacher has not set up availability for live classes.");

    /// <summary>What holds time for these people now: approved sessions and live holds, optionally leaving one booking out.</summary>
    public async Task<List<TimeSlot>> BusyAsync(Guid teacherId, Guid? studentId, DateTimeOffset from, DateTimeOffset to, Guid? except,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.LiveBookings.AsNoTracking()
            .Where(b => (b.TeacherId == teacherId || (studentId != null && b.StudentId == studentId)) && b.Id != except
                && (b.Status == BookingStatus.Approved || (b.Status == BookingStatus.Pending && !(b.HoldExpiresAt <= now)))
                && b.StartsAt < to && b.EndsAt > from)
            .Select(b => new { b.StartsAt, b.EndsAt }).ToListAsync(cancellationToken);
        // The teacher's group sessions take their time too, and so do the student's places in group sessions (the
        // database refuses an overlap with either: LiveCalendarSql).
        var groups = await db.GroupSessions.AsNoTracking()
            .Where(s => (s.TeacherId == teacherId || (studentId != null && db.GroupSessionRegistrations.Any(r => r.SessionId == s.Id && r.StudentId == studentId)))
                && s.StartsAt < to && s.EndsAt > from)
            .Select(s => new { s.StartsAt, s.EndsAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TimeSlot(r.StartsAt, r.EndsAt)), .. groups.Select(g => new TimeSlot(g.StartsAt, g.EndsAt))];
    }

    public async Task<IReadOnlyList<TimeSlot>> SlotsAsync(TeacherAvailability availability, Guid viewerId, int minutes, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var margin = TimeSpan.FromMinutes(availability.BufferMinutes);
        var busy = await BusyAsync(availability.TeacherId, viewerId == availability.TeacherId ? null : viewerId, from - margin, to + margin, null, cancellationToken);
        return SlotGenerator.Generate(availability, minutes, from, to, clock.GetUtcNow(), busy);
    }

    public async Task<BookingDto> CreateAsync(ClaimsPrincipal user, CreateBookingRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (request.TeacherId is not { } teacherId || teacherId == Guid.Empty)
        {
            errors["teacherId"] = "Name the teacher by their id.";
            teacherId = Guid.Empty;
        }
        if (request.Start is null)
        {
            errors["start"] = "Give the slot's start (a UTC instant from the teacher's slots).";
        }
        if (request.Minutes is null)
        {
            errors["minutes"] = "Give the session length in minutes.";
        }
        if (request.Note is { Length: > 2000 })
        {
            errors["note"] = "Keep the note to 2,000 characters.";
        }
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors);
        }
        var studentId = user.UserId()!.Value;
        if (teacherId == studentId)
        {
            throw Refusal.Invalid("teacherId", "You cannot book a live class with yourself.");
        }
        await RequireMayBookAsync(user, teacherId, cancellationToken);
        var availability = await RequireAvailabilityAsync(teacherId, cancellationToken);
        var minutes = request.Minutes!.Value;
        var start = request.Start!.Value.ToUniversalTime();
        RequireOffered(availability, minutes, start);
        var end = start.AddMinutes(minutes);
        await RequireClearOfBufferAsync(availability, null, start, end, cancellationToken);

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var booking = new LiveBooking
        {
            Id = id,
            TeacherId = teacherId,
            StudentId = studentId,
            StartsAt = start,
            EndsAt = end,
            Status = BookingStatus.Pending,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            HoldExpiresAt = HoldUntil(now, start),
            MeetingRoom = LiveBooking.NewMeetingRoom(),
            Uid = $"{id}@coursehub",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await WriteGuardedAsync(booking, async token =>
        {
            db.LiveBookings.Add(booking);
            await db.SaveChangesAsync(token);
        }, cancellationToken);
        return (await ListAsync(db.LiveBookings.Where(b => b.Id == id), cancellationToken)).Single();
    }

    public async Task<BookingDto> ApproveAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var booking = await RequireAsTeacherAsync(user, id, cancellationToken);
        var now = clock.GetUtcNow();
        RequirePendingHold(booking, now);
        booking.Status = BookingStatus.Approved;
        booking.HoldExpiresAt = null;
        booking.UpdatedAt = now;
        Announce(booking, LiveClassChanges.Approved, null);
        await db.SaveChangesAsync(cancellationToken);
        return await OneAsync(id, cancellationToken);
    }

    public async Task<BookingDto> RejectAsync(ClaimsPrincipal user, Guid id, string? reason, CancellationToken cancellationToken)
    {
        var why = RequireReason(reason);
        var booking = await RequireAsTeacherAsync(user, id, cancellationToken);
        var now = clock.GetUtcNow();
        RequirePendingHold(booking, now);
        booking.Status = BookingStatus.Rejected;
        booking.Reason = why;
        booking.HoldExpiresAt = null;
        booking.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await OneAsync(id, cancellationToken);
    }

    public async Task<BookingDto> CancelAsync(ClaimsPrincipal user, Guid id, string? reason, CancellationToken cancellationToken)
    {
        var why = RequireReason(reason);
        var booking = await RequireInvolvedAsync(user, id, cancellationToken);
        var now = clock.GetUtcNow();
        if (!booking.Blocks(now))
        {
            throw Refusal.Conflict("wrong-status", "Nothing to cancel", $"This booking is {Shown(booking, now)}.");
        }
        RequireNotice(user, booking, now, "cancel");
        var wasApproved = booking.Status == BookingStatus.Approved;
        booking.Status = BookingStatus.Cancelled;
        booking.Reason = why;
        booking.HoldExpiresAt = null;
        booking.IcsSequence++;
        booking.UpdatedAt = now;
        if (wasApproved)
        {
            Announce(booking, LiveClassChanges.Cancelled, why);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await OneAsync(id, cancellationToken);
    }

    /// <summary>
    /// Moves a booking to another offered slot of the same length. The teacher's (or an admin's) move takes effect; a
    /// student's move of an approved session asks the teacher again (pending, with a new hold). Either way the old time is
    /// free at once and the new one is checked by the exclusion constraints like a new booking.
    /// </summary>
    public async Task<BookingDto> RescheduleAsync(ClaimsPrincipal user, Guid id, DateTimeOffset? start, CancellationToken cancellationToken)
    {
        if (start is null)
        {
            throw Refusal.Invalid("start", "Give the new start (a UTC instant from the teacher's slots).");
        }
        var booking = await RequireInvolvedAsync(user, id, cancellationToken);
        var now = clock.GetUtcNow();
        if (!booking.Blocks(now))
        {
            throw Refusal.Conflict("wrong-status", "Nothing to move", $"This booking is {Shown(booking, now)}.");
        }
        RequireNotice(user, booking, now, "move");
        var availability = await RequireAvailabilityAsync(booking.TeacherId, cancellationToken);
        var minutes = (int)(booking.EndsAt - booking.StartsAt).TotalMinutes;
        var newStart = start.Value.ToUniversalTime();
        RequireOffered(availability, minutes, newStart);
        var newEnd = newStart.AddMinutes(minutes);
        await RequireClearOfBufferAsync(availability, booking.Id, newStart, newEnd, cancellationToken);

        var me = user.UserId()!.Value;
        var byStudent = me == booking.StudentId && !user.IsInRole(Roles.Admin);
        var wasApproved = booking.Status == BookingStatus.Approved;
        booking.StartsAt = newStart;
        booking.EndsAt = newEnd;
        booking.IcsSequence++;
        booking.UpdatedAt = now;
        if (byStudent)
        {
            // The teacher agreed to the old time, not this one: it waits for them again.
            booking.Status = BookingStatus.Pending;
            booking.HoldExpiresAt = HoldUntil(now, newStart);
        }
        else if (wasApproved)
        {
            Announce(booking, LiveClassChanges.Rescheduled, null);
        }
        await WriteGuardedAsync(booking, token => db.SaveChangesAsync(token), cancellationToken);
        return await OneAsync(id, cancellationToken);
    }

    public Task<List<BookingDto>> MineAsync(Guid me, CancellationToken cancellationToken) =>
        ListAsync(db.LiveBookings.Where(b => b.TeacherId == me || b.StudentId == me).OrderBy(b => b.StartsAt), cancellationToken);

    public async Task<PagedResult<BookingDto>> AdminListAsync(string? status, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Of(page, pageSize);
        var now = clock.GetUtcNow();
        var query = db.LiveBookings.AsQueryable();
        query = status switch
        {
            null or "" => query,
            BookingStatus.Pending => query.Where(b => b.Status == BookingStatus.Pending && !(b.HoldExpiresAt <= now)),
            BookingStatus.Expired => query.Where(b => b.Status == BookingStatus.Expired || (b.Status == BookingStatus.Pending && b.HoldExpiresAt <= now)),
            _ => query.Where(b => b.Status == status),
        };
        if (from is { } f)
        {
            query = query.Where(b => b.EndsAt > f);
        }
        if (to is { } t)
        {
            query = query.Where(b => b.StartsAt < t);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await ListAsync(query.OrderBy(b => b.StartsAt).ThenBy(b => b.Id).Skip((number - 1) * size).Take(size), cancellationToken);
        return new PagedResult<BookingDto>(items, total, number, size);
    }

    /// <summary>
    /// Upcoming confirmed sessions that the teacher's availability no longer covers (hours changed, a day off added, the
    /// availability gone) — the sessions an admin may have to move or cancel. The database keeps sessions from overlapping,
    /// so availability is the only way one can come into conflict.
    /// </summary>
    public async Task<List<BookingConflictDto>> ConflictsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var upcoming = await db.LiveBookings.AsNoTracking().Where(b => b.Status == BookingStatus.Approved && b.EndsAt > now)
            .OrderBy(b => b.StartsAt).Take(1000).ToListAsync(cancellationToken);
        var teacherIds = upcoming.Select(b => b.TeacherId).Distinct().ToList();
        var availabilities = await db.TeacherAvailabilities.AsNoTracking().Where(a => teacherIds.Contains(a.TeacherId)).ToDictionaryAsync(a => a.TeacherId, cancellationToken);
        var problems = new Dictionary<Guid, string>();
        foreach (var booking in upcoming)
        {
            if (!availabilities.TryGetValue(booking.TeacherId, out var availability))
            {
                problems[booking.Id] = "The teacher no longer takes live classes.";
            }
            else if (!SlotGenerator.WithinHours(availability, booking.StartsAt, booking.EndsAt))
            {
                problems[booking.Id] = "Outside the teacher's current hours (their availability changed after approval).";
            }
        }
        if (problems.Count == 0)
        {
            return [];
        }
        var ids = problems.Keys.ToList();
        var rows = await ListAsync(db.LiveBookings.Where(b => ids.Contains(b.Id)).OrderBy(b => b.StartsAt), cancellationToken);
        return [.. rows.Select(r => new BookingConflictDto(r, problems[r.Id]))];
    }

    public string MeetingUrl(LiveBooking booking) => MeetingUrlFor(booking.MeetingRoom);

    public string MeetingUrlFor(string room) => $"{Options.JitsiBaseUrl.TrimEnd('/')}/{room}";

    private async Task<BookingDto> OneAsync(Guid id, CancellationToken cancellationToken) =>
        (await ListAsync(db.LiveBookings.Where(b => b.Id == id), cancellationToken)).Single();

    private async Task<List<BookingDto>> ListAsync(IQueryable<LiveBooking> bookings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await (from b in bookings.AsNoTracking()
                          join teacher in db.Users on b.TeacherId equals teacher.Id
                          join student in db.Users on b.StudentId equals student.Id
                          select new { Booking = b, Teacher = teacher.DisplayName, Student = student.DisplayName }).ToListAsync(cancellationToken);
        var attendance = await AttendanceAsync(rows.Select(r => r.Booking.Id).ToList(), cancellationToken);
        return [.. rows.Select(r => new BookingDto(r.Booking.Id, r.Booking.TeacherId, r.Teacher, r.Booking.StudentId, r.Student, r.Booking.StartsAt,
            r.Booking.EndsAt, Shown(r.Booking, now), r.Booking.Note, r.Booking.Reason,
            r.Booking.Status == BookingStatus.Approved ? MeetingUrl(r.Booking) : null,
            r.Booking.Status == BookingStatus.Pending ? r.Booking.HoldExpiresAt : null, r.Booking.CreatedAt, r.Booking.StartedAt, r.Booking.EndedAt,
            attendance.GetValueOrDefault(r.Booking.Id, [])))];
    }

    /// <summary>Who came to each of these sessions (the live room writes it), first to join first.</summary>
    public async Task<Dictionary<Guid, List<AttendeeDto>>> AttendanceAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        if (sessionIds.Count == 0)
        {
            return [];
        }
        var rows = await (from a in db.LiveAttendances.AsNoTracking()
                          join u in db.Users on a.UserId equals u.Id
                          where sessionIds.Contains(a.SessionId)
                          orderby a.FirstJoinedAt
                          select new { a.SessionId, a.UserId, u.DisplayName, a.FirstJoinedAt, a.LastLeftAt }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SessionId)
            .ToDictionary(g => g.Key, g => g.Select(r => new AttendeeDto(r.UserId, r.DisplayName, r.FirstJoinedAt, r.LastLeftAt)).ToList());
    }

    /// <summary>The status as people should see it: a pending request past its hold is expired even before a write marks it so.</summary>
    private static string Shown(LiveBooking booking, DateTimeOffset now) =>
        booking.Status == BookingStatus.Pending && booking.HoldExpiresAt <= now ? BookingStatus.Expired : booking.Status;

    private DateTimeOffset HoldUntil(DateTimeOffset now, DateTimeOffset start)
    {
        var hold = now.AddHours(Math.Max(1, Options.HoldHours));
        return hold < start ? hold : start;
    }

    private void Announce(LiveBooking booking, string change, string? reason)
    {
        var cc = Options.AdminEmail is { Length: > 0 } admin ? admin : configuration["Admin:Email"];
        db.AddIntegrationEvent(new LiveClassChanged(booking.Id, change, booking.Uid, booking.IcsSequence, booking.StartsAt, booking.EndsAt,
            booking.TeacherId, booking.StudentId, MeetingUrl(booking), string.IsNullOrWhiteSpace(cc) ? null : cc, reason), clock);
    }

    private void RequireOffered(TeacherAvailability availability, int minutes, DateTimeOffset start)
    {
        if (!availability.SessionMinutes.Contains(minutes))
        {
            throw Refusal.Invalid("minutes", $"This teacher offers sessions of {string.Join(" or ", availability.SessionMinutes)} minutes.");
        }
        if (!SlotGenerator.Offers(availability, minutes, start, clock.GetUtcNow()))
        {
            throw Refusal.Invalid("start", "That is not a slot this teacher offers (outside their hours, too soon or too far ahead).", "not-a-slot");
        }
    }

    /// <summary>
    /// The buffer between sessions is the application's rule (the constraints compare the sessions themselves): a time
    /// inside another session's buffer is taken too.
    /// </summary>
    private async Task RequireClearOfBufferAsync(TeacherAvailability availability, Guid? except, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        var buffer = TimeSpan.FromMinutes(availability.BufferMinutes);
        var busy = await BusyAsync(availability.TeacherId, null, start - buffer, end + buffer, except, cancellationToken);
        if (SlotGenerator.Collides(new TimeSlot(start, end), busy, buffer))
        {
            throw SlotTaken();
        }
    }

    /// <summary>
    /// Writes a new or moved booking in one transaction after expiring stale holds in its way, and turns a violated
    /// exclusion constraint (another request won the slot, or the student is busy then) into a 409.
    /// </summary>
    private async Task WriteGuardedAsync(LiveBooking booking, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ExpireStaleHoldsAsync(booking.TeacherId, booking.StudentId, booking.StartsAt, booking.EndsAt, clock.GetUtcNow(), cancellationToken);
            await write(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation } violation)
        {
            db.ChangeTracker.Clear();
            throw violation.ConstraintName is LiveBookingSql.StudentOverlap or LiveCalendarSql.StudentOverlap
                ? Refusal.Conflict("student-busy", "You have another session then",
                    "You already have a live class (held or confirmed) at an overlapping time.")
                : SlotTaken();
        }
    }

    private static Refusal SlotTaken() =>
        Refusal.Conflict("slot-taken", "Slot taken", "Someone else has just taken this slot (or it is too close to another session). Pick another one.");

    private static string RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Refusal.Invalid("reason", "Say why, in a few words.");
        }
        if (reason.Length > 2000)
        {
            throw Refusal.Invalid("reason", "Keep the reason to 2,000 characters.");
        }
        return reason.Trim();
    }

    private static void RequirePendingHold(LiveBooking booking, DateTimeOffset now)
    {
        if (booking.Status != BookingStatus.Pending)
        {
            throw Refusal.Conflict("wrong-status", "Not waiting for an answer", $"This booking is {booking.Status}.");
        }
        if (booking.HoldExpiresAt <= now)
        {
            throw Refusal.Conflict("hold-expired", "Request expired", "The request waited too long and no longer holds its slot; the student can ask again.");
        }
    }

    private void RequireNotice(ClaimsPrincipal user, LiveBooking booking, DateTimeOffset now, string what)
    {
        if (!user.IsInRole(Roles.Admin) && booking.StartsAt - now < TimeSpan.FromHours(Options.ChangeNoticeHours))
        {
            throw Refusal.Conflict("too-late", "Too close to the start",
                $"Sessions can be {what}ed up to {Options.ChangeNoticeHours} hours before they start; ask an admin.");
        }
    }

    private async Task<LiveBooking> RequireAsync(Guid id, CancellationToken cancellationToken) =>
        await db.LiveBookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
        ?? throw Refusal.NotFound("booking-not-found", "Booking not found", "There is no booking with this id.");

    /// <summary>The booking's teacher or an admin; anyone else is told it does not exist.</summary>
    private async Task<LiveBooking> RequireAsTeacherAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var booking = await RequireAsync(id, cancellationToken);
        if (booking.TeacherId != user.UserId() && !user.IsInRole(Roles.Admin))
        {
            throw Refusal.NotFound("booking-not-found", "Booking not found", "There is no booking with this id among yours.");
        }
        return booking;
    }

    private async Task<LiveBooking> RequireInvolvedAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var booking = await RequireAsync(id, cancellationToken);
        if (!booking.Involves(user.UserId()!.Value) && !user.IsInRole(Roles.Admin))
        {
            throw Refusal.NotFound("booking-not-found", "Booking not found", "There is no booking with this id among yours.");
        }
        return booking;
    }
}
