using CourseHub.Authentication;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Domain;
using CourseHub.Domain.Identity;
using CourseHub.Domain.LiveClasses;
using CourseHub.Realtime.Features.Connections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CourseHub.Realtime.Features.LiveRooms;

/// <summary><c>LiveClasses:RoomOpensMinutesBefore</c> (the Api reads the same key for the countdown it shows).</summary>
public sealed class LiveRoomOptions
{
    public const string Section = "LiveClasses";
    public int RoomOpensMinutesBefore { get; set; } = 10;
}

/// <summary>
/// Live-class coordination: people join a session's room (the booking's teacher and student, a group session's teacher and
/// registered students, admins — <see cref="LiveRooms.FindForAsync"/>) from when it opens; everyone in it hears
/// <c>RoomChanged</c> with who is present and whose hand is up; the teacher starts and ends the session. Presence lives in
/// Redis and the room is a SignalR group, so people on different replicas see each other; the first join of each person
/// (attendance) and the actual start and end are written to PostgreSQL.
/// </summary>
[Authorize]
public sealed class LiveRoomHub(CourseHubDbContext db, LiveRoomPresence presence, SignedInConnections connections, IOptions<LiveRoomOptions> options,
    TimeProvider clock) : Hub
{
    private Guid Me => Context.User?.UserId() ?? throw new HubException("Sign in to enter a live room.");
    private TimeSpan Lead => TimeSpan.FromMinutes(Math.Max(0, options.Value.RoomOpensMinutesBefore));
    private static string Group(Guid sessionId) => $"live-room:{sessionId}";

    /// <summary>The rooms this connection is in, to leave them when it closes.</summary>
    private HashSet<Guid> Rooms => (HashSet<Guid>)(Context.Items.TryGetValue("rooms", out var rooms) ? rooms! : Context.Items["rooms"] = new HashSet<Guid>());

    public override async Task OnConnectedAsync()
    {
        connections.Add(Context);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        if (Context.User?.UserId() is { } me)
        {
            foreach (var sessionId in Rooms.ToList())
            {
                await LeaveRoomAsync(sessionId, me);
            }
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Enters the room once it is open (before, answers its state with <c>open: false</c> so the page counts down).</summary>
    public async Task<LiveRoomState> Join(Guid sessionId)
    {
        var me = Me;
        var session = await RequireAsync(sessionId);
        var now = clock.GetUtcNow();
        var open = now >= session.OpensAt(Lead);
        if (!open || session.EndedAt is not null)
        {
            return await StateAsync(session, open);
        }
        var isTeacher = session.TeacherId == me;
        await presence.AddAsync(sessionId, Context.ConnectionId, me, Context.User!.FindFirst(CourseHubJwt.NameClaim)?.Value ?? "Participant", isTeacher);
        Rooms.Add(sessionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(sessionId));
        await db.RecordJoinAsync(sessionId, me, now, Context.ConnectionAborted);
        return await AnnounceAsync(session);
    }

    public async Task Leave(Guid sessionId)
    {
        if (Rooms.Contains(sessionId))
        {
            await LeaveRoomAsync(sessionId, Me);
        }
    }

    /// <summary>The teacher opens the class: the actual start is recorded once.</summary>
    public async Task<LiveRoomState> Start(Guid sessionId)
    {
        var session = await RequireTeacherInRoomAsync(sessionId);
        if (session.StartedAt is not null)
        {
            throw new HubException("This session has already started.");
        }
        await db.RecordStartAsync(session, clock.GetUtcNow(), Context.ConnectionAborted);
        return await AnnounceAsync(await RequireAsync(sessionId));
    }

    /// <summary>The teacher closes the class: the actual end is recorded once and every hand goes down.</summary>
    public async Task<LiveRoomState> End(Guid sessionId)
    {
        var session = await RequireTeacherInRoomAsync(sessionId);
        if (!await db.RecordEndAsync(session, clock.GetUtcNow(), Context.ConnectionAborted))
        {
            throw new HubException(session.StartedAt is null ? "Start the session before ending it." : "This session has already ended.");
        }
        await presence.ClearHandsAsync(sessionId);
        return await AnnounceAsync(await RequireAsync(sessionId));
    }

    public async Task<LiveRoomState> RaiseHand(Guid sessionId, bool raised)
    {
        var me = Me;
        var session = await RequireAsync(sessionId);
        if (!await presence.IsInAsync(sessionId, Context.ConnectionId))
        {
            throw new HubException("Join the room first.");
        }
        if (session.TeacherId == me)
        {
            throw new HubException("The teacher has the floor already.");
        }
        if (session.EndedAt is not null)
        {
            throw new HubException("This session has ended.");
        }
        await presence.SetHandAsync(sessionId, me, raised);
        return await AnnounceAsync(session);
    }

    private async Task LeaveRoomAsync(Guid sessionId, Guid me)
    {
        Rooms.Remove(sessionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(sessionId));
        if (await presence.RemoveAsync(sessionId, Context.ConnectionId, me))
        {
            await db.RecordLeftAsync(sessionId, me, clock.GetUtcNow(), CancellationToken.None);
        }
        if (await db.FindForAsync(sessionId, me, isAdmin: true, CancellationToken.None) is { } session)
        {
            await AnnounceAsync(session);
        }
    }

    private async Task<LiveSessionInfo> RequireAsync(Guid sessionId)
    {
        var session = await db.FindForAsync(sessionId, Me, Context.User!.IsInRole(Roles.Admin), Context.ConnectionAborted)
            ?? throw new HubException("There is no live session with this id among yours.");
        if (!session.HasRoom)
        {
            throw new HubException("This session is not confirmed, so it has no room.");
        }
        return session;
    }

    private async Task<LiveSessionInfo> RequireTeacherInRoomAsync(Guid sessionId)
    {
        var session = await RequireAsync(sessionId);
        if (session.TeacherId != Me)
        {
            throw new HubException("Only the session's teacher can start or end it.");
        }
        if (!await presence.IsInAsync(sessionId, Context.ConnectionId))
        {
            throw new HubException("Join the room first.");
        }
        return session;
    }

    private async Task<LiveRoomState> StateAsync(LiveSessionInfo session, bool open) =>
        new(session.Id, session.OpensAt(Lead), open, session.StartedAt, session.EndedAt, open ? await presence.ParticipantsAsync(session.Id) : []);

    private async Task<LiveRoomState> AnnounceAsync(LiveSessionInfo session)
    {
        var state = await StateAsync(session, open: true);
        await Clients.Group(Group(session.Id)).SendAsync(LiveRoomHubNames.RoomChanged, state);
        return state;
    }
}
