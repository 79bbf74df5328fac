using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.LiveClasses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CourseHub.Api.Features.LiveClasses;

/// <summary>
/// What the Web's live room page shows of a session: the one rule of who may enter (<see cref="LiveRooms.FindForAsync"/>,
/// shared with Realtime's hub), the opening time, the actual start and end, attendance, and this viewer's meeting link —
/// signed for them when a Jitsi app id and secret are configured (a token is personal, so the invitations and the feed
/// carry the plain room URL and the room hands out the signed one).
/// </summary>
public sealed class LiveSessionRooms(CourseHubDbContext db, LiveClassBookings bookings, IOptions<LiveClassOptions> options, TimeProvider clock)
{
    public async Task<LiveSessionDto> ReadAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var session = await db.FindForAsync(id, me, user.IsInRole(Roles.Admin), cancellationToken)
            ?? throw Refusal.NotFound("session-not-found", "Session not found", "There is no live session with this id among yours.");
        var names = await db.Users.AsNoTracking().Where(u => u.Id == session.TeacherId || u.Id == session.StudentId || u.Id == me)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var teacherName = names.FirstOrDefault(n => n.Id == session.TeacherId)?.DisplayName ?? "Teacher";
        var studentName = names.FirstOrDefault(n => n.Id == session.StudentId)?.DisplayName;
        var viewer = names.First(n => n.Id == me);
        var now = clock.GetUtcNow();
        var settings = new JitsiSettings(options.Value.JitsiBaseUrl, options.Value.Jitsi.AppId, options.Value.Jitsi.AppSecret);
        var meetingUrl = session.HasRoom
            ? JitsiMeetingLinks.For(settings, session.MeetingRoom, new JitsiUser(me, viewer.DisplayName, viewer.Email, me == session.TeacherId), session.EndsAt, now)
            : null;
        var title = session.Title ?? $"Live class: {teacherName} with {studentName}";
        var status = session.Kind == LiveSessionInfo.BookingKind && session.Status == BookingStatus.Pending ? BookingStatus.Pending : session.Status;
        var attendance = await bookings.AttendanceAsync([session.Id], cancellationToken);
        return new LiveSessionDto(session.Id, session.Kind, title, session.TeacherId, teacherName, status, session.StartsAt, session.EndsAt,
            session.OpensAt(TimeSpan.FromMinutes(options.Value.RoomOpensMinutesBefore)), session.StartedAt, session.EndedAt, meetingUrl,
            session.TeacherId == me, attendance.GetValueOrDefault(session.Id, []));
    }
}
