using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain;
using CourseHub.Domain.LiveClasses;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CourseHub.Api.Features.LiveClasses;

/// <summary>Each user's private iCal feed: one secret token per user in its URL, replaced on request.</summary>
public sealed class CalendarFeeds(CourseHubDbContext db, LiveClassBookings bookings, TimeProvider clock)
{
    public async Task<string> TokenAsync(Guid userId, bool regenerate, CancellationToken cancellationToken)
    {
        var existing = await db.CalendarFeedTokens.SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (existing is not null && !regenerate)
        {
            return existing.Token;
        }
        var token = CalendarFeedToken.NewToken();
        var now = clock.GetUtcNow();
        // One statement, so two first requests at once end with one token (the later write wins when regenerating).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO calendar_feed_tokens (user_id, token, created_at) VALUES ({userId}, {token}, {now})
            ON CONFLICT (user_id) DO UPDATE SET token = CASE WHEN {regenerate} THEN excluded.token ELSE calendar_feed_tokens.token END,
                created_at = CASE WHEN {regenerate} THEN excluded.created_at ELSE calendar_feed_tokens.created_at END
            """, cancellationToken);
        return await db.CalendarFeedTokens.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.Token).SingleAsync(cancellationToken);
    }

    /// <summary>The feed's address on the host the caller reached the Api by (what a calendar app will fetch).</summary>
    public CalendarFeedDto UrlFor(HttpRequest request, string token) => new($"{request.Scheme}://{request.Host}{request.PathBase}/api/calendar-feeds/{token}");

    /// <summary>The calendar of the token's owner (upcoming confirmed sessions), or null for an unknown token.</summary>
    public async Task<string?> FeedAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 64)
        {
            return null;
        }
        var owner = await db.CalendarFeedTokens.AsNoTracking().Where(t => t.Token == token).Select(t => (Guid?)t.UserId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } userId)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var sessions = await (from b in db.LiveBookings.AsNoTracking()
                              join teacher in db.Users on b.TeacherId equals teacher.Id
                              join student in db.Users on b.StudentId equals student.Id
                              where (b.TeacherId == userId || b.StudentId == userId) && b.Status == BookingStatus.Approved && b.EndsAt > now
                              orderby b.StartsAt
                              select new { Booking = b, TeacherName = teacher.DisplayName, TeacherEmail = teacher.Email, StudentName = student.DisplayName, StudentEmail = student.Email })
            .Take(500).ToListAsync(cancellationToken);
        var groups = await (from g in db.GroupSessions.AsNoTracking()
                            join teacher in db.Users on g.TeacherId equals teacher.Id
                            where (g.TeacherId == userId || db.GroupSessionRegistrations.Any(r => r.SessionId == g.Id && r.StudentId == userId))
                                  && g.EndsAt > now && g.EndedAt == null
                            orderby g.StartsAt
                            select new { Session = g, TeacherName = teacher.DisplayName, TeacherEmail = teacher.Email })
            .Take(500).ToListAsync(cancellationToken);
        var events = sessions.Select(s => new LiveClassEvent(s.Booking.Uid, s.Booking.IcsSequence, s.Booking.StartsAt, s.Booking.EndsAt,
                s.TeacherName, s.TeacherEmail ?? "", s.StudentName, s.StudentEmail ?? "", bookings.MeetingUrl(s.Booking), Cancelled: false))
            .Concat(groups.Select(g => new LiveClassEvent(LiveClassCalendar.GroupSessionUid(g.Session.Id), 0, g.Session.StartsAt, g.Session.EndsAt, g.TeacherName,
                g.TeacherEmail ?? "", "", "", bookings.MeetingUrlFor(g.Session.MeetingRoom), Cancelled: false, Title: $"Group session: {g.Session.Title}")))
            .OrderBy(e => e.Start);
        return LiveClassCalendar.Feed(events, now, "CourseHub live classes");
    }
}
