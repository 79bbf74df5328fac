using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain;
using CourseHub.Domain.LiveClasses;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.LiveClasses;

/// <summary>
/// Live classes: a teacher's availability, the free slots students see, booking requests and the teacher's answer, cancel
/// and move, the admins' list, and each user's private calendar feed.
/// </summary>
public static class LiveClassEndpoints
{
    /// <summary>The longest range one slots request may ask for.</summary>
    public const int MaxSlotRangeDays = 62;

    public static IServiceCollection AddLiveClasses(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveClassOptions>().Bind(configuration.GetSection(LiveClassOptions.Section))
            .Validate(o => Uri.TryCreate(o.JitsiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "LiveClasses:JitsiBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        return services.AddScoped<LiveClassBookings>().AddScoped<CalendarFeeds>().AddScoped<GroupSessions>().AddScoped<LiveSessionRooms>();
    }

    public static IEndpointRouteBuilder MapLiveClassEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var teach = endpoints.MapGroup("/api/teach").WithTags("Live classes").RequireAuthorization(IdentitySetup.TeacherPolicy);
        teach.MapGet("/availability", GetAvailabilityAsync).WithSummary("Get my availability")
            .WithDescription("The signed-in teacher's live-class availability; an empty one (no windows) until it is first saved.");
        teach.MapPut("/availability", PutAvailabilityAsync).WithSummary("Set my availability")
            .WithDescription("Replaces the whole availability: IANA `timeZone`, `sessionMinutes`, `bufferMinutes`, `minNoticeHours`, `maxDaysAhead`, `weekly` windows (`day`, `start`, `end` as HH:mm local) and `exceptions` (`{date, available: false}` or `{date, start, end}`). Each wrong field is named.");
        teach.MapPost("/bookings/{id:guid}/approve", ApproveAsync).Refuses(404, 409).WithSummary("Approve a booking request")
            .WithDescription("Confirms a pending request: the session gets its meeting link and both people an invitation (.ics) by email, the admin in CC. 409 `wrong-status` or `hold-expired`.");
        teach.MapPost("/bookings/{id:guid}/reject", RejectAsync).Refuses(404, 409).WithSummary("Reject a booking request")
            .WithDescription("Declines a pending request with a `reason`; its slot is free again.");

        teach.MapPost("/sessions", CreateSessionAsync).Refuses(404, 409).WithSummary("Schedule a group session")
            .WithDescription("A group live class for one of your courses (`courseId`, `title`, `start`, `minutes`, `capacity`); enrolled students register until it is full. 409 `teacher-busy` when a booking overlaps.");

        var sessions = endpoints.MapGroup("/api/sessions").WithTags("Live classes").RequireAuthorization();
        sessions.MapGet("/{id:guid}", SessionAsync).Refuses(404).WithSummary("Get a group session")
            .WithDescription("A group session with its places taken; the meeting link for its teacher and registered students.");
        sessions.MapPost("/{id:guid}/register", RegisterAsync).Refuses(404, 409).WithSummary("Register for a group session")
            .WithDescription("Takes a place (again: the same answer). 403 `not-enrolled` outside the course, 409 `session-full` or `session-over`.");
        sessions.MapPost("/{id:guid}/leave", LeaveAsync).Refuses(404).WithSummary("Leave a group session")
            .WithDescription("Gives the place back (nothing happens when you had none).");

        endpoints.MapGet("/api/live-sessions/{id:guid}", LiveSessionAsync).WithTags("Live classes").RequireAuthorization().Refuses(404)
            .WithSummary("Get a live session's room")
            .WithDescription("A booking or group session as its live room shows it: times, when the room opens, the actual start and end, who came, and the caller's meeting link (with a signed Jitsi token when `LiveClasses:Jitsi:AppId` and `AppSecret` are set). Only the booking's teacher and student, the group session's teacher and registered students, and admins; 404 for anyone else.");

        var slots = endpoints.MapGroup("/api/teachers").WithTags("Live classes").RequireAuthorization();
        slots.MapGet("/{teacherId:guid}/live-classes", OfferAsync).Refuses(404).WithSummary("Get a teacher's live-class offer")
            .WithDescription("The session lengths a teacher offers, their time zone and booking horizon; 404 `no-availability` when they take no live classes, 403 `not-enrolled` as for the slots.");
        slots.MapGet("/{teacherId:guid}/slots", SlotsAsync).Refuses(404).WithSummary("List a teacher's free slots")
            .WithDescription("Free slots between `from` and `to` (UTC instants; default the next 7 days, at most 62) of `minutes` (default the teacher's shortest), as UTC instants: laid out in the teacher's zone, without booked or held times (and their buffer), the notice period or beyond the booking horizon. 403 `not-enrolled` for a student not enrolled in one of the teacher's courses.");

        var bookings = endpoints.MapGroup("/api/bookings").WithTags("Live classes").RequireAuthorization();
        bookings.MapPost("", CreateAsync).Refuses(404, 409).WithSummary("Request a live class")
            .WithDescription("Asks for one of the teacher's slots (`teacherId`, `start`, `minutes`, `note`); the slot is held while the teacher answers. 409 `slot-taken` when another request holds it, `student-busy` when you have another session then; 400 `not-a-slot` for a time the teacher does not offer.");
        bookings.MapPost("/{id:guid}/cancel", CancelAsync).Refuses(404, 409).WithSummary("Cancel a booking")
            .WithDescription("Cancels a pending or approved booking (student, teacher or admin) with a `reason`; a confirmed session's invitation is withdrawn (METHOD:CANCEL). 409 `too-late` inside the change notice.");
        bookings.MapPost("/{id:guid}/reschedule", RescheduleAsync).Refuses(404, 409).WithSummary("Move a booking")
            .WithDescription("Moves a booking to another offered `start` of the same length. The teacher's move takes effect and updates the invitation (higher SEQUENCE); a student's move waits for the teacher's approval again.");

        var me = endpoints.MapGroup("/api/me").WithTags("Live classes").RequireAuthorization();
        me.MapGet("/bookings", MineAsync).WithSummary("List my bookings")
            .WithDescription("Every booking the signed-in user is the student or teacher of, by start time.");
        me.MapGet("/sessions", MySessionsAsync).WithSummary("List my group sessions")
            .WithDescription("The group sessions of the courses you teach or are enrolled in, by start, with whether you have a place and who came.");
        me.MapGet("/calendar-feed", FeedUrlAsync).WithSummary("Get my calendar feed address")
            .WithDescription("The private iCal address listing your upcoming sessions, to subscribe to from a calendar app. Anyone with it can read the feed: regenerate it to revoke.");
        me.MapPost("/calendar-feed", RegenerateFeedAsync).WithSummary("Regenerate my calendar feed address")
            .WithDescription("A new private address; the old one stops working at once.");

        endpoints.MapGet("/api/calendar-feeds/{token}", FeedAsync).WithTags("Live classes").AllowAnonymous().Refuses(404)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").WithSummary("Read a calendar feed")
            .WithDescription("The iCalendar feed of a private address (text/calendar): the owner's upcoming confirmed sessions.");

        var admin = endpoints.MapGroup("/api/admin/bookings").WithTags("Admin").RequireAuthorization(IdentitySetup.AdminPolicy);
        admin.MapGet("", AdminListAsync).WithSummary("List all bookings")
            .WithDescription("Every booking, by start, paged; `status` (pending, approved, rejected, cancelled, expired), `from` and `to` (UTC) narrow it.");
        admin.MapGet("/conflicts", ConflictsAsync).WithSummary("List conflicting bookings")
            .WithDescription("Upcoming confirmed sessions the teacher's availability no longer covers (changed hours, a day off, availability removed), for an admin to move or cancel.");
        return endpoints;
    }

    private static async Task<Ok<List<BookingConflictDto>>> ConflictsAsync(LiveClassBookings bookings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.ConflictsAsync(cancellationToken));

    private static async Task<Ok<AvailabilityDto>> GetAvailabilityAsync(HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var availability = await db.TeacherAvailabilities.AsNoTracking().SingleOrDefaultAsync(a => a.TeacherId == me, cancellationToken);
        return TypedResults.Ok(availability is null
            ? new AvailabilityDto("UTC", [60], 0, 24, 30, [], [])
            : AvailabilityRules.ToDto(availability));
    }

    private static async Task<Results<Ok<AvailabilityDto>, ValidationProblem>> PutAvailabilityAsync(AvailabilityDto request, HttpContext context,
        CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var errors = new Problems.Errors();
        if (AvailabilityRules.Read(request, me, clock.GetUtcNow(), errors) is not { } availability)
        {
            return errors.ToProblem();
        }
        var existing = await db.TeacherAvailabilities.SingleOrDefaultAsync(a => a.TeacherId == me, cancellationToken);
        if (existing is null)
        {
            db.TeacherAvailabilities.Add(availability);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(availability);
            existing.SessionMinutes = availability.SessionMinutes;
            existing.Weekly = availability.Weekly;
            existing.Exceptions = availability.Exceptions;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AvailabilityRules.ToDto(availability));
    }

    private static async Task<Ok<TeacherLiveOfferDto>> OfferAsync(Guid teacherId, HttpContext context, LiveClassBookings bookings, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        await bookings.RequireMayBookAsync(context.User, teacherId, cancellationToken);
        var availability = await bookings.RequireAvailabilityAsync(teacherId, cancellationToken);
        var name = await db.Users.Where(u => u.Id == teacherId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var offered = availability.SessionMinutes.Order().ToList();
        return TypedResults.Ok(new TeacherLiveOfferDto(teacherId, name, availability.TimeZone, offered, availability.MaxDaysAhead));
    }

    private static async Task<Results<Ok<List<SlotDto>>, ValidationProblem>> SlotsAsync(Guid teacherId, DateTimeOffset? from, DateTimeOffset? to,
        int? minutes, HttpContext context, LiveClassBookings bookings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var start = (from ?? clock.GetUtcNow()).ToUniversalTime();
        var end = (to ?? start.AddDays(7)).ToUniversalTime();
        if (end <= start)
        {
            return Problems.Field("to", "`to` must be after `from`.");
        }
        if (end - start > TimeSpan.FromDays(MaxSlotRangeDays))
        {
            return Problems.Field("to", $"Ask for at most {MaxSlotRangeDays} days at a time.");
        }
        await bookings.RequireMayBookAsync(context.User, teacherId, cancellationToken);
        var availability = await bookings.RequireAvailabilityAsync(teacherId, cancellationToken);
        var length = minutes ?? availability.SessionMinutes.DefaultIfEmpty(60).Min();
        if (!availability.SessionMinutes.Contains(length))
        {
            return Problems.Field("minutes", $"This teacher offers sessions of {string.Join(" or ", availability.SessionMinutes)} minutes.");
        }
        var slots = await bookings.SlotsAsync(availability, context.User.UserId()!.Value, length, start, end, cancellationToken);
        return TypedResults.Ok(slots.Select(s => new SlotDto(s.Start, s.End)).ToList());
    }

    private static async Task<Created<GroupSessionDto>> CreateSessionAsync(CreateGroupSessionRequest request, HttpContext context, GroupSessions sessions,
        CancellationToken cancellationToken)
    {
        var session = await sessions.CreateAsync(context.User, request, cancellationToken);
        return TypedResults.Created($"/api/sessions/{session.Id}", session);
    }

    private static async Task<Ok<GroupSessionDto>> SessionAsync(Guid id, HttpContext context, GroupSessions sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sessions.ReadAsync(context.User, id, cancellationToken));

    private static async Task<Ok<GroupSessionDto>> RegisterAsync(Guid id, HttpContext context, GroupSessions sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sessions.RegisterAsync(context.User, id, cancellationToken));

    private static async Task<NoContent> LeaveAsync(Guid id, HttpContext context, GroupSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.LeaveAsync(context.User, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LiveSessionDto>> LiveSessionAsync(Guid id, HttpContext context, LiveSessionRooms rooms, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rooms.ReadAsync(context.User, id, cancellationToken));

    private static async Task<Ok<List<GroupSessionDto>>> MySessionsAsync(HttpContext context, GroupSessions sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sessions.MineAsync(context.User, cancellationToken));

    private static async Task<Created<BookingDto>> CreateAsync(CreateBookingRequest request, HttpContext context, LiveClassBookings bookings,
        CancellationToken cancellationToken)
    {
        var booking = await bookings.CreateAsync(context.User, request, cancellationToken);
        return TypedResults.Created($"/api/bookings/{booking.Id}", booking);
    }

    private static async Task<Ok<BookingDto>> ApproveAsync(Guid id, HttpContext context, LiveClassBookings bookings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.ApproveAsync(context.User, id, cancellationToken));

    private static async Task<Ok<BookingDto>> RejectAsync(Guid id, BookingReasonRequest request, HttpContext context, LiveClassBookings bookings,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.RejectAsync(context.User, id, request.Reason, cancellationToken));

    private static async Task<Ok<BookingDto>> CancelAsync(Guid id, BookingReasonRequest request, HttpContext context, LiveClassBookings bookings,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.CancelAsync(context.User, id, request.Reason, cancellationToken));

    private static async Task<Ok<BookingDto>> RescheduleAsync(Guid id, RescheduleBookingRequest request, HttpContext context, LiveClassBookings bookings,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.RescheduleAsync(context.User, id, request.Start, cancellationToken));

    private static async Task<Ok<List<BookingDto>>> MineAsync(HttpContext context, LiveClassBookings bookings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.MineAsync(context.User.UserId()!.Value, cancellationToken));

    private static async Task<Results<Ok<PagedResult<BookingDto>>, ValidationProblem>> AdminListAsync(string? status, DateTimeOffset? from,
        DateTimeOffset? to, int? page, int? pageSize, LiveClassBookings bookings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(status) && !BookingStatus.All.Contains(status))
        {
            return Problems.Field("status", $"Status is one of {string.Join(", ", BookingStatus.All)}.");
        }
        return TypedResults.Ok(await bookings.AdminListAsync(status, from, to, page, pageSize, cancellationToken));
    }

    private static async Task<Ok<CalendarFeedDto>> FeedUrlAsync(HttpContext context, CalendarFeeds feeds, CancellationToken cancellationToken) =>
        TypedResults.Ok(feeds.UrlFor(context.Request, await feeds.TokenAsync(context.User.UserId()!.Value, regenerate: false, cancellationToken)));

    private static async Task<Ok<CalendarFeedDto>> RegenerateFeedAsync(HttpContext context, CalendarFeeds feeds, CancellationToken cancellationToken) =>
        TypedResults.Ok(feeds.UrlFor(context.Request, await feeds.TokenAsync(context.User.UserId()!.Value, regenerate: true, cancellationToken)));

    private static async Task<Results<ContentHttpResult, NotFoundProblem>> FeedAsync(string token, CalendarFeeds feeds, CancellationToken cancellationToken) =>
        await feeds.FeedAsync(token, cancellationToken) is { } calendar
            ? TypedResults.Text(calendar, "text/calendar; charset=utf-8")
            : Problems.NotFound("Feed not found", "This calendar address is unknown or was replaced by a new one.");
}
