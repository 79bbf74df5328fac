using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CourseHub.Contracts.LiveClasses;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.LiveClasses;

/// <summary>
/// The live room on the running system: who may enter, presence across both Realtime replicas, hands, the teacher's start
/// and end, and what lands in PostgreSQL (attendance, actual start and end).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LiveRoomTests(SystemFixture system)
{
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>A live-room client that keeps every state the room announces.</summary>
    private sealed class RoomClient : IAsyncDisposable
    {
        public HubConnection Connection { get; }
        public ConcurrentQueue<LiveRoomState> Changes { get; } = new();

        private RoomClient(string url, string token)
        {
            Connection = new HubConnectionBuilder()
                .WithUrl(url + LiveRoomHubNames.Path, options =>
                {
                    options.SkipNegotiation = true;
                    options.Transports = HttpTransportType.WebSockets;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            Connection.On<LiveRoomState>(LiveRoomHubNames.RoomChanged, Changes.Enqueue);
        }

        public static async Task<RoomClient> StartAsync(string url, string token)
        {
            var client = new RoomClient(url, token);
            await client.Connection.StartAsync();
            return client;
        }

        public LiveRoomState? Latest => Changes.LastOrDefault();

        public Task<LiveRoomState> JoinAsync(Guid sessionId) => Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Join, sessionId);

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    /// <summary>A teacher who takes 30-minute classes at any time of day with no notice (UTC), and their free course.</summary>
    private async Task<(StudioUser Teacher, Guid CourseId)> TeacherAsync(string title)
    {
        var course = await system.PublishedCourseAsync(title, priceMinor: 0);
        await course.Teacher.OkJsonAsync(HttpMethod.Put, "/api/teach/availability", new
        {
            timeZone = "UTC",
            sessionMinutes = new[] { 30 },
            bufferMinutes = 0,
            minNoticeHours = 0,
            maxDaysAhead = 7,
            weekly = Days.Select(day => (object)new { day, start = "00:00", end = "23:59" }).ToArray(),
            exceptions = Array.Empty<object>(),
        });
        return (course.Teacher, course.Id);
    }

    private async Task<StudioUser> StudentOfAsync(Guid courseId, string prefix)
    {
        var student = await system.SignUpAsync("Student", prefix);
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{courseId}/enroll");
        return student;
    }

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));

    /// <summary>The student books the first free slot at or after <paramref name="after"/>, and the teacher approves it.</summary>
    private static async Task<(Guid Id, DateTimeOffset Start)> ApprovedBookingAsync(StudioUser teacher, StudioUser student, DateTimeOffset after)
    {
        var slots = await student.OkJsonAsync(HttpMethod.Get, $"/api/teachers/{teacher.Id}/slots?from={Iso(after)}&to={Iso(after.AddDays(1))}&minutes=30");
        var start = slots.EnumerateArray().First().GetProperty("start").GetDateTimeOffset();
        var booking = await student.OkJsonAsync(HttpMethod.Post, "/api/bookings", new { teacherId = teacher.Id, start, minutes = 30, note = "Room test" },
            HttpStatusCode.Created);
        var id = booking.GetProperty("id").GetGuid();
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/bookings/{id}/approve");
        return (id, start);
    }

    private IReadOnlyList<string> Replicas()
    {
        var replicas = system.Project("realtime").ReplicaUrls;
        Assert.Equal(2, replicas.Count);
        return replicas;
    }

    [Fact]
    public async Task Teacher_and_student_on_two_replicas_see_each_other_the_teacher_starts_and_ends_and_attendance_is_recorded()
    {
        var (teacher, courseId) = await TeacherAsync("Live room presence course");
        using var _ = teacher;
        using var student = await StudentOfAsync(courseId, "roomstudent");
        using var classmate = await StudentOfAsync(courseId, "roomclassmate");
        var (sessionId, start) = await ApprovedBookingAsync(teacher, student, DateTimeOffset.UtcNow);
        var replicas = Replicas();

        // Someone else's session: the hub says it is not theirs, the Api does not know it.
        await using (var outsider = await RoomClient.StartAsync(replicas[0], classmate.Token))
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => outsider.JoinAsync(sessionId));
            Assert.Contains("no live session", refused.Message);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await classmate.SendAsync(HttpMethod.Get, $"/api/live-sessions/{sessionId}")).StatusCode);

        await using var studentRoom = await RoomClient.StartAsync(replicas[1], student.Token);
        var joined = await studentRoom.JoinAsync(sessionId);
        Assert.True(joined.Open);
        Assert.Equal(start.AddMinutes(-SystemFixture.LiveRoomOpensMinutesBefore), joined.OpensAt);
        Assert.Equal([student.Id], joined.Participants.Select(p => p.UserId));
        Assert.Null(joined.StartedAt);

        // The teacher on the other replica: both see both (the room is a SignalR group over the Redis backplane, presence in Redis).
        await using var teacherRoom = await RoomClient.StartAsync(replicas[0], teacher.Token);
        var both = await teacherRoom.JoinAsync(sessionId);
        Assert.Equal([teacher.Id, student.Id], both.Participants.Select(p => p.UserId));
        Assert.True(both.Participants[0].IsTeacher);
        await Eventually.TrueAsync(() => Task.FromResult(studentRoom.Latest?.Participants.Count == 2), Patience, "the student hears the teacher arrive");

        // A second tab of the student is still one participant.
        await using (var secondTab = await RoomClient.StartAsync(replicas[0], student.Token))
        {
            Assert.Equal(2, (await secondTab.JoinAsync(sessionId)).Participants.Count);
        }

        // Only the teacher starts; a student's hand goes up and every one sees it.
        var notTeacher = await Assert.ThrowsAsync<HubException>(() => studentRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Start, sessionId));
        Assert.Contains("Only the session's teacher", notTeacher.Message);
        await studentRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.RaiseHand, sessionId, true);
        await Eventually.TrueAsync(() => Task.FromResult(teacherRoom.Latest?.Participants.Single(p => p.UserId == student.Id).HandRaised == true),
            Patience, "the teacher sees the raised hand");

        var started = await teacherRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Start, sessionId);
        Assert.NotNull(started.StartedAt);
        await Eventually.TrueAsync(() => Task.FromResult(studentRoom.Latest?.StartedAt is not null), Patience, "the student hears the start");
        await Assert.ThrowsAsync<HubException>(() => teacherRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Start, sessionId));

        var ended = await teacherRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.End, sessionId);
        Assert.NotNull(ended.EndedAt);
        Assert.True(ended.EndedAt >= ended.StartedAt);
        Assert.DoesNotContain(ended.Participants, p => p.HandRaised);
        await Eventually.TrueAsync(() => Task.FromResult(studentRoom.Latest?.EndedAt is not null), Patience, "the student hears the end");

        // In PostgreSQL: the actual start and end, and both people's attendance.
        await using (var db = system.CreateDbContext())
        {
            var booking = await db.LiveBookings.AsNoTracking().SingleAsync(b => b.Id == sessionId);
            Assert.Equal(started.StartedAt!.Value.ToUnixTimeMilliseconds(), booking.StartedAt!.Value.ToUnixTimeMilliseconds());
            Assert.Equal(ended.EndedAt!.Value.ToUnixTimeMilliseconds(), booking.EndedAt!.Value.ToUnixTimeMilliseconds());
            var attendance = await db.LiveAttendances.AsNoTracking().Where(a => a.SessionId == sessionId).Select(a => a.UserId).ToListAsync();
            Assert.Equal(new[] { teacher.Id, student.Id }.Order(), attendance.Order());
        }

        // The student leaves: the teacher sees them go and their leaving time is kept.
        await studentRoom.Connection.StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(teacherRoom.Latest?.Participants.Select(p => p.UserId).SequenceEqual([teacher.Id]) == true),
            Patience, "the teacher sees the student leave");

        // The dashboards read it: the session with its actual times and who came.
        var mine = await teacher.OkJsonAsync(HttpMethod.Get, "/api/me/bookings");
        var row = mine.EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == sessionId);
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("startedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("endedAt").ValueKind);
        var room = await student.OkJsonAsync(HttpMethod.Get, $"/api/live-sessions/{sessionId}");
        var came = room.GetProperty("attendance").EnumerateArray().ToList();
        Assert.Equal(2, came.Count);
        Assert.NotEqual(JsonValueKind.Null, came.Single(a => a.GetProperty("userId").GetGuid() == student.Id).GetProperty("lastLeftAt").ValueKind);
        Assert.StartsWith("https://meet.jit.si/CourseHub-", room.GetProperty("meetingUrl").GetString());
        Assert.False(room.GetProperty("isTeacher").GetBoolean());
    }

    [Fact]
    public async Task A_room_counts_down_until_it_opens_and_a_group_session_admits_only_its_registered_students()
    {
        var (teacher, courseId) = await TeacherAsync("Live room opening course");
        using var _ = teacher;
        using var student = await StudentOfAsync(courseId, "roomearly");
        var later = DateTimeOffset.UtcNow.AddMinutes(SystemFixture.LiveRoomOpensMinutesBefore + 90);
        var (sessionId, start) = await ApprovedBookingAsync(teacher, student, later);
        var replicas = Replicas();

        await using var studentRoom = await RoomClient.StartAsync(replicas[0], student.Token);
        var waiting = await studentRoom.JoinAsync(sessionId);
        Assert.False(waiting.Open);
        Assert.Equal(start.AddMinutes(-SystemFixture.LiveRoomOpensMinutesBefore), waiting.OpensAt);
        Assert.Empty(waiting.Participants);
        // Not in the room, so no hand to raise; and the teacher cannot start a room that is not open.
        await Assert.ThrowsAsync<HubException>(() => studentRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.RaiseHand, sessionId, true));
        await using var teacherRoom = await RoomClient.StartAsync(replicas[1], teacher.Token);
        Assert.False((await teacherRoom.JoinAsync(sessionId)).Open);
        await Assert.ThrowsAsync<HubException>(() => teacherRoom.Connection.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Start, sessionId));
        var shown = await student.OkJsonAsync(HttpMethod.Get, $"/api/live-sessions/{sessionId}");
        Assert.Equal(start.AddMinutes(-SystemFixture.LiveRoomOpensMinutesBefore), shown.GetProperty("opensAt").GetDateTimeOffset());

        // A group session starting soon: its registered student enters, an enrolled student without a place does not.
        using var other = await StudentOfAsync(courseId, "roomnoplace");
        var group = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/sessions",
            new { courseId, title = "Office hour", start = DateTimeOffset.UtcNow.AddMinutes(5), minutes = 30, capacity = 5 }, HttpStatusCode.Created);
        var groupId = group.GetProperty("id").GetGuid();
        await student.OkJsonAsync(HttpMethod.Post, $"/api/sessions/{groupId}/register");
        Assert.True((await studentRoom.JoinAsync(groupId)).Open);
        await using var otherRoom = await RoomClient.StartAsync(replicas[1], other.Token);
        await Assert.ThrowsAsync<HubException>(() => otherRoom.JoinAsync(groupId));
        var sessions = await other.OkJsonAsync(HttpMethod.Get, "/api/me/sessions");
        var listed = sessions.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == groupId);
        Assert.False(listed.GetProperty("registered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("meetingUrl").ValueKind);
        Assert.Equal("Live room opening course", listed.GetProperty("courseTitle").GetString());
    }
}
