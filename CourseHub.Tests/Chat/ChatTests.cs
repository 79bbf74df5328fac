using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Contracts.Chat;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Chat;

/// <summary>Live chat on the running system: who may talk, the hub on both Realtime replicas, history, files and monitoring.</summary>
[Collection(SystemCollection.Name)]
public sealed class ChatTests(SystemFixture system)
{
    private sealed record Pair(StudioUser Teacher, Guid TeacherId, StudioUser Student, Guid StudentId, Guid ConversationId) : IDisposable
    {
        public void Dispose()
        {
            Teacher.Dispose();
            Student.Dispose();
        }
    }

    /// <summary>A chat client that records every event it receives.</summary>
    private sealed class ChatClient : IAsyncDisposable
    {
        public HubConnection Connection { get; }
        public ConcurrentQueue<ChatMessage> Messages { get; } = new();
        public ConcurrentQueue<TypingStarted> Typing { get; } = new();
        public ConcurrentQueue<ReadUpTo> Reads { get; } = new();
        public ConcurrentQueue<PresenceChanged> Presence { get; } = new();

        public ChatClient(string url, string token)
        {
            Connection = new HubConnectionBuilder()
                .WithUrl(url + ChatHubNames.Path, options =>
                {
                    options.SkipNegotiation = true;
                    options.Transports = HttpTransportType.WebSockets;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            Connection.On<ChatMessage>(ChatHubNames.MessageReceived, Messages.Enqueue);
            Connection.On<TypingStarted>(ChatHubNames.TypingStarted, Typing.Enqueue);
            Connection.On<ReadUpTo>(ChatHubNames.ReadUpTo, Reads.Enqueue);
            Connection.On<PresenceChanged>(ChatHubNames.PresenceChanged, Presence.Enqueue);
        }

        public static async Task<ChatClient> StartAsync(string url, string token)
        {
            var client = new ChatClient(url, token);
            await client.Connection.StartAsync();
            return client;
        }

        public Task<ChatMessage> SendAsync(Guid conversationId, string text, string? clientMessageId = null, IReadOnlyList<Guid>? attachmentIds = null) =>
            Connection.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage,
                new SendMessageRequest(conversationId, clientMessageId ?? Guid.NewGuid().ToString("N"), text, attachmentIds));

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    /// <summary>A teacher with a free published course, a student enrolled in it, and their conversation (started by the student).</summary>
    private async Task<Pair> EnrolledPairAsync(string title)
    {
        var course = await system.PublishedCourseAsync(title, priceMinor: 0);
        var student = await system.SignUpAsync("Student", "chatstudent");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var teacherId = course.Teacher.Id;
        var conversation = await student.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = teacherId }, HttpStatusCode.Created);
        return new Pair(course.Teacher, teacherId, student, student.Id, conversation.GetProperty("id").GetGuid());
    }

    private IReadOnlyList<string> Replicas()
    {
        var replicas = system.Project("realtime").ReplicaUrls;
        Assert.Equal(2, replicas.Count);
        return replicas;
    }

    [Fact]
    public async Task Only_enrolled_students_and_their_teachers_and_admins_may_start_a_conversation()
    {
        using var pair = await EnrolledPairAsync("Chat matrix course");
        using var stranger = await system.SignUpAsync("Student", "chatstranger");
        using var otherTeacher = await system.SignUpAsync("Teacher", "chatotherteacher", onboardPayouts: false);
        using var admin = await system.AdminAsync();

        // The same conversation from the other side: one per pair.
        var again = await pair.Teacher.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = pair.StudentId });
        Assert.Equal(pair.ConversationId, again.GetProperty("id").GetGuid());
        Assert.Equal(pair.StudentId, again.GetProperty("otherUser").GetProperty("id").GetGuid());

        foreach (var (who, user, target) in new[] { ("stranger → teacher", stranger, pair.TeacherId), ("teacher → stranger", pair.Teacher, stranger.Id),
                     ("other teacher → student", otherTeacher, pair.StudentId) })
        {
            var refused = await user.SendAsync(HttpMethod.Post, "/api/conversations", new { userId = target });
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, who);
            Assert.Equal("chat-not-allowed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        await admin.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = stranger.Id }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.SendAsync(HttpMethod.Post, "/api/conversations", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.SendAsync(HttpMethod.Post, "/api/conversations", new { userId = stranger.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Post, "/api/conversations", new { userId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages")).StatusCode);

        // A stranger cannot send into someone else's conversation either.
        await using var strangerChat = await ChatClient.StartAsync(system.Project("realtime").Url, stranger.Token);
        var error = await Assert.ThrowsAsync<HubException>(() => strangerChat.SendAsync(pair.ConversationId, "hi"));
        Assert.Contains("not a participant", error.Message);
    }

    [Fact]
    public async Task A_message_is_stored_and_reaches_every_connection_of_both_users_on_both_replicas_once()
    {
        using var pair = await EnrolledPairAsync("Chat delivery course");
        var replicas = Replicas();
        await using var studentA = await ChatClient.StartAsync(replicas[0], pair.Student.Token);
        await using var studentB = await ChatClient.StartAsync(replicas[1], pair.Student.Token);
        await using var teacherA = await ChatClient.StartAsync(replicas[0], pair.Teacher.Token);
        await using var teacherB = await ChatClient.StartAsync(replicas[1], pair.Teacher.Token);

        var sent = await studentA.SendAsync(pair.ConversationId, "Hello, teacher! https://example.test", clientMessageId: "c-1");
        Assert.Equal(1, sent.Sequence);
        Assert.Equal(pair.StudentId, sent.SenderId);
        foreach (var client in new[] { studentA, studentB, teacherA, teacherB })
        {
            await Eventually.TrueAsync(() => Task.FromResult(client.Messages.Count == 1), TimeSpan.FromSeconds(15), "the chat event");
            Assert.Equal(sent.Id, client.Messages.Single().Id);
        }

        // A resend (say, after a reconnect) answers the stored message and delivers nothing new.
        var resent = await studentB.SendAsync(pair.ConversationId, "Hello, teacher! https://example.test", clientMessageId: "c-1");
        Assert.Equal(sent.Id, resent.Id);
        Assert.Equal(1, resent.Sequence);
        var reply = await teacherB.SendAsync(pair.ConversationId, "Hello back");
        Assert.Equal(2, reply.Sequence);
        // Events reach a connection in the order they were sent, so once the reply is here a duplicate of the resend
        // would be here too: the reply is the marker that nothing else is still on its way.
        await Eventually.TrueAsync(() => Task.FromResult(studentA.Messages.Any(m => m.Sequence == 2)), TimeSpan.FromSeconds(15), "the reply");
        Assert.Equal([1L, 2L], studentA.Messages.Select(m => m.Sequence).ToArray());
        await using var db = system.CreateDbContext();
        Assert.Equal(2, await db.ConversationMessages.CountAsync(m => m.ConversationId == pair.ConversationId));
    }

    [Fact]
    public async Task A_message_the_database_refuses_to_store_reaches_nobody_and_a_resend_delivers_it_once()
    {
        using var pair = await EnrolledPairAsync("Chat persisted first course");
        var replicas = Replicas();
        await using var student = await ChatClient.StartAsync(replicas[0], pair.Student.Token);
        await using var teacher = await ChatClient.StartAsync(replicas[1], pair.Teacher.Token);
        // A real failure of PostgreSQL's insert (for this conversation only, so nothing else in the running system is touched).
        var trigger = $"refuse_{Guid.NewGuid():N}";
        await using (var db = system.CreateDbContext())
        {
            // Names and ids made here, not input: raw SQL is fine (DDL takes no parameters).
            var create = $"""
                CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'storage refused for the test'; END $$;
                CREATE TRIGGER {trigger} BEFORE INSERT ON conversation_messages FOR EACH ROW
                WHEN (NEW.conversation_id = '{pair.ConversationId}') EXECUTE FUNCTION {trigger}();
                """;
            await db.Database.ExecuteSqlRawAsync(create);
        }
        try
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => student.SendAsync(pair.ConversationId, "Will this be kept?", clientMessageId: "kept-1"));
            Assert.Contains("could not be stored, so it was not sent", refused.Message);
        }
        finally
        {
            await using var db = system.CreateDbContext();
            var drop = $"DROP TRIGGER {trigger} ON conversation_messages; DROP FUNCTION {trigger}();";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        // The client resends with the same clientMessageId once storing works again: stored and delivered exactly once.
        var sent = await student.SendAsync(pair.ConversationId, "Will this be kept?", clientMessageId: "kept-1");
        await Eventually.TrueAsync(() => Task.FromResult(teacher.Messages.Any(m => m.Id == sent.Id)), TimeSpan.FromSeconds(15), "the resent message");
        var marker = await teacher.SendAsync(pair.ConversationId, "Yes, it is.");
        // Both connections get the answer, the sender's own too (through the backplane, so not always before the other side).
        await Eventually.TrueAsync(() => Task.FromResult(student.Messages.Any(m => m.Id == marker.Id) && teacher.Messages.Any(m => m.Id == marker.Id)),
            TimeSpan.FromSeconds(15), "the teacher's answer on both connections");
        // Nothing of the refused send reached either side: each connection has the resent message and the answer, once.
        Assert.Equal([sent.Id, marker.Id], teacher.Messages.Select(m => m.Id).ToArray());
        Assert.Equal([sent.Id, marker.Id], student.Messages.Select(m => m.Id).ToArray());
        Assert.Equal(1, sent.Sequence);
    }

    [Fact]
    public async Task A_refunded_student_reads_the_conversation_but_can_no_longer_write_in_it()
    {
        var course = await system.PublishedCourseAsync("Chat refunded course", 2500);
        using var student = await system.SignUpAsync("Student", "chatrefunded");
        var (checkout, _) = await system.BuyAsync(student, course.Id);
        var orderId = checkout.GetProperty("orderId").GetGuid();
        await student.OrderReachesAsync(orderId, "paid");
        var conversation = (await student.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = course.Teacher.Id }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await using var chat = await ChatClient.StartAsync(Replicas()[0], student.Token);
        var before = await chat.SendAsync(conversation, "Before the refund");

        Assert.Equal(HttpStatusCode.Accepted, (await student.SendAsync(HttpMethod.Post, $"/api/me/orders/{orderId}/refund")).StatusCode);
        await student.OrderReachesAsync(orderId, "refunded");
        var refused = await Assert.ThrowsAsync<HubException>(() => chat.SendAsync(conversation, "After the refund"));
        Assert.Contains("can no longer write in this conversation", refused.Message);
        // Neither side writes; the history stays, with nothing added.
        await using var teacherChat = await ChatClient.StartAsync(Replicas()[1], course.Teacher.Token);
        await Assert.ThrowsAsync<HubException>(() => teacherChat.SendAsync(conversation, "Are you still there?"));
        var messages = await student.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{conversation}/messages");
        Assert.Equal([before.Id], messages.EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_ban_closes_the_users_chat_connections_on_every_replica()
    {
        using var pair = await EnrolledPairAsync("Chat ban course");
        using var admin = await system.AdminAsync();
        var closed = new List<TaskCompletionSource>();
        var clients = new List<ChatClient>();
        foreach (var replica in Replicas())
        {
            var client = await ChatClient.StartAsync(replica, pair.Student.Token);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Connection.Closed += _ => { done.TrySetResult(); return Task.CompletedTask; };
            clients.Add(client);
            closed.Add(done);
        }
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/users/{pair.StudentId}/ban", new { reason = "chat abuse" })).StatusCode);
            foreach (var done in closed)
            {
                await done.Task.WaitAsync(TimeSpan.FromSeconds(45));
            }
            Assert.All(clients, client => Assert.Equal(HubConnectionState.Disconnected, client.Connection.State));
            // The teacher's own connection is untouched.
            await using var teacher = await ChatClient.StartAsync(Replicas()[0], pair.Teacher.Token);
            Assert.Equal(HubConnectionState.Connected, teacher.Connection.State);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
            await admin.SendAsync(HttpMethod.Post, $"/api/admin/users/{pair.StudentId}/unban");
        }
    }

    [Fact]
    public async Task Catch_up_after_sequence_has_no_gaps_or_duplicates_and_history_pages_backwards()
    {
        using var pair = await EnrolledPairAsync("Chat history course");
        var replicas = Replicas();
        await using var student = await ChatClient.StartAsync(replicas[0], pair.Student.Token);
        await using var teacher = await ChatClient.StartAsync(replicas[1], pair.Teacher.Token);
        // Both send at once: the sequence stays 1..n with no number taken twice.
        await Task.WhenAll(Enumerable.Range(1, 9).Select(i => (i % 2 == 0 ? student : teacher).SendAsync(pair.ConversationId, $"message {i}")));

        var caughtUp = await pair.Student.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages?afterSequence=3&limit=4");
        Assert.Equal([4L, 5L, 6L, 7L], caughtUp.EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()).ToArray());
        var rest = await pair.Student.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages?afterSequence=7");
        Assert.Equal([8L, 9L], rest.EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()).ToArray());
        var newest = await pair.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages?limit=3");
        Assert.Equal([7L, 8L, 9L], newest.EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()).ToArray());
        var older = await pair.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages?beforeSequence=7&limit=3");
        Assert.Equal([4L, 5L, 6L], older.EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()).ToArray());
        var first = older[0];
        foreach (var field in new[] { "id", "conversationId", "sequence", "senderId", "text", "attachments", "sentAt", "clientMessageId" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await pair.Teacher.SendAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages?limit=1000")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_resends_of_one_client_message_id_store_it_once_and_leave_no_gap_in_the_sequence()
    {
        using var pair = await EnrolledPairAsync("Chat concurrent resend course");
        var replicas = Replicas();
        await using var studentTab = await ChatClient.StartAsync(replicas[0], pair.Student.Token);
        await using var otherStudentTab = await ChatClient.StartAsync(replicas[1], pair.Student.Token);
        await using var teacher = await ChatClient.StartAsync(replicas[1], pair.Teacher.Token);
        // Two tabs resend the same message at once while the teacher writes: the losers of the race must take no number.
        var resends = Enumerable.Range(0, 6)
            .Select(i => (i % 2 == 0 ? studentTab : otherStudentTab).SendAsync(pair.ConversationId, "Sent twice by two tabs", clientMessageId: "same-1"))
            .ToList();
        var answers = Enumerable.Range(1, 3).Select(i => teacher.SendAsync(pair.ConversationId, $"answer {i}")).ToList();
        var stored = await Task.WhenAll(resends);
        await Task.WhenAll(answers);

        Assert.Single(stored.Select(m => m.Id).Distinct());
        var after = await teacher.SendAsync(pair.ConversationId, "the last one");
        Assert.Equal(5, after.Sequence);
        var history = await pair.Student.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{pair.ConversationId}/messages");
        Assert.Equal([1L, 2L, 3L, 4L, 5L], history.EnumerateArray().Select(m => m.GetProperty("sequence").GetInt64()).Order().ToArray());
    }

    [Fact]
    public async Task Typing_read_receipts_and_unread_counts()
    {
        using var pair = await EnrolledPairAsync("Chat receipts course");
        var replicas = Replicas();
        await using var student = await ChatClient.StartAsync(replicas[0], pair.Student.Token);
        await using var teacher = await ChatClient.StartAsync(replicas[1], pair.Teacher.Token);

        await student.Connection.InvokeAsync(ChatHubNames.Typing, pair.ConversationId);
        await student.Connection.InvokeAsync(ChatHubNames.Typing, pair.ConversationId);
        for (var i = 0; i < 3; i++)
        {
            await student.SendAsync(pair.ConversationId, $"question {i}");
        }
        // The messages were sent after both typing calls and reach the teacher's connection in order: once the last is
        // there, a second TypingStarted would be too. The throttle let only the first through, to the other side only.
        await Eventually.TrueAsync(() => Task.FromResult(teacher.Messages.Any(m => m.Text == "question 2")), TimeSpan.FromSeconds(15), "the last question");
        Assert.Equal(new TypingStarted(pair.ConversationId, pair.StudentId), Assert.Single(teacher.Typing));
        Assert.Empty(student.Typing);
        var list = await pair.Teacher.OkJsonAsync(HttpMethod.Get, "/api/conversations");
        var mine = list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == pair.ConversationId);
        Assert.Equal(3, mine.GetProperty("unreadCount").GetInt32());
        Assert.Equal("question 2", mine.GetProperty("lastMessage").GetProperty("text").GetString());
        Assert.Equal(0, (await pair.Student.OkJsonAsync(HttpMethod.Get, "/api/conversations"))[0].GetProperty("unreadCount").GetInt32());

        Assert.Equal(2, await teacher.Connection.InvokeAsync<long>(ChatHubNames.MarkRead, pair.ConversationId, 2L));
        await Eventually.TrueAsync(() => Task.FromResult(student.Reads.Any(r => r.Sequence == 2)), TimeSpan.FromSeconds(15), "the chat event");
        Assert.Equal(new ReadUpTo(pair.ConversationId, pair.TeacherId, 2), student.Reads.Single());
        list = await pair.Teacher.OkJsonAsync(HttpMethod.Get, "/api/conversations");
        Assert.Equal(1, list.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == pair.ConversationId).GetProperty("unreadCount").GetInt32());
        // Never past the newest message, never backwards.
        Assert.Equal(3, await teacher.Connection.InvokeAsync<long>(ChatHubNames.MarkRead, pair.ConversationId, 99L));
        Assert.Equal(3, await teacher.Connection.InvokeAsync<long>(ChatHubNames.MarkRead, pair.ConversationId, 1L));
    }

    [Fact]
    public async Task The_conversation_list_pages_by_activity_without_repeats_and_the_unread_total_counts_every_page()
    {
        // A teacher with five students, each of whom writes once, in order: the newest writer is first.
        var course = await system.PublishedCourseAsync("Chat paging course", priceMinor: 0);
        var students = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => system.SignUpAsync("Student", "chatpager")));
        try
        {
            var conversations = new List<Guid>();
            foreach (var student in students)
            {
                await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
                var id = (await student.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = course.Teacher.Id }, HttpStatusCode.Created))
                    .GetProperty("id").GetGuid();
                await using var chat = await ChatClient.StartAsync(system.Project("realtime").Url, student.Token);
                await chat.SendAsync(id, $"hello from {conversations.Count}");
                conversations.Add(id);
            }
            var newestFirst = Enumerable.Reverse(conversations).ToList();

            async Task<List<Guid>> AllPagesAsync(int limit)
            {
                var seen = new List<Guid>();
                var path = $"/api/conversations?limit={limit}";
                while (true)
                {
                    var page = (await course.Teacher.OkJsonAsync(HttpMethod.Get, path)).EnumerateArray().ToList();
                    Assert.True(page.Count <= limit);
                    seen.AddRange(page.Select(c => c.GetProperty("id").GetGuid()));
                    if (page.Count < limit)
                    {
                        return seen;
                    }
                    var last = page[^1];
                    path = $"/api/conversations?limit={limit}&before={Uri.EscapeDataString(last.GetProperty("activityAt").GetString()!)}&beforeId={last.GetProperty("id").GetGuid()}";
                }
            }

            Assert.Equal(newestFirst, await AllPagesAsync(2));
            // The first page is the two newest; the oldest conversation's new message brings it to the top.
            var first = (await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/conversations?limit=2")).EnumerateArray().ToList();
            Assert.Equal(newestFirst.Take(2), first.Select(c => c.GetProperty("id").GetGuid()));
            await using (var chat = await ChatClient.StartAsync(system.Project("realtime").Url, students[0].Token))
            {
                await chat.SendAsync(conversations[0], "me again");
            }
            Assert.Equal([conversations[0], .. newestFirst.Take(4)], await AllPagesAsync(2));
            // A page asked after the old cursor never shows a conversation twice: the moved one is not after it.
            var cursor = first[^1];
            var after = (await course.Teacher.OkJsonAsync(HttpMethod.Get,
                $"/api/conversations?limit=10&before={Uri.EscapeDataString(cursor.GetProperty("activityAt").GetString()!)}&beforeId={cursor.GetProperty("id").GetGuid()}"))
                .EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
            Assert.Equal(newestFirst.Skip(2).Take(2), after);

            // The badge's total covers every conversation, whatever page it is on: six messages in five conversations.
            var unread = await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/conversations/unread");
            Assert.Equal(5, unread.GetProperty("conversations").GetInt32());
            Assert.Equal(6, unread.GetProperty("messages").GetInt32());
            // One conversation by its id, for its participants only.
            var one = await course.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{conversations[2]}");
            Assert.Equal(1, one.GetProperty("unreadCount").GetInt32());
            Assert.Equal(HttpStatusCode.Forbidden, (await students[1].SendAsync(HttpMethod.Get, $"/api/conversations/{conversations[2]}")).StatusCode);

            // Bad paging is named by field.
            foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=101", "limit"), ($"beforeId={Guid.NewGuid()}", "before"), ("before=2026-01-01T00:00:00Z", "beforeId") })
            {
                var refused = await course.Teacher.SendAsync(HttpMethod.Get, $"/api/conversations?{query}");
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
            }
        }
        finally
        {
            foreach (var student in students)
            {
                student.Dispose();
            }
        }
    }

    [Fact]
    public async Task Empty_over_long_and_too_fast_messages_are_refused_with_a_clear_error()
    {
        using var pair = await EnrolledPairAsync("Chat limits course");
        await using var student = await ChatClient.StartAsync(system.Project("realtime").Url, pair.Student.Token);
        Assert.Contains("empty", (await Assert.ThrowsAsync<HubException>(() => student.SendAsync(pair.ConversationId, "   "))).Message);
        Assert.Contains("4000", (await Assert.ThrowsAsync<HubException>(() => student.SendAsync(pair.ConversationId, new string('x', 4001)))).Message);
        await student.SendAsync(pair.ConversationId, new string('x', 4000));

        // 25 more at once: whatever the timing, no 10 s holds more than 20 sends (the 4000-character one counts too).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 25).Select(async i =>
        {
            try
            {
                await student.SendAsync(pair.ConversationId, $"spam {i}");
                return (HubException?)null;
            }
            catch (HubException ex)
            {
                return ex;
            }
        }));
        var accepted = 1 + outcomes.Count(o => o is null);
        var limited = outcomes.FirstOrDefault(o => o is not null);
        Assert.NotNull(limited);
        Assert.Contains("too fast", limited.Message);
        Assert.True(accepted <= 20, $"{accepted} messages passed the limit of 20 per 10 s");
    }

    [Fact]
    public async Task Attachments_are_checked_by_content_sent_with_a_message_and_open_only_for_participants_and_admins()
    {
        using var pair = await EnrolledPairAsync("Chat files course");
        using var stranger = await system.SignUpAsync("Student", "chatfilestranger");
        using var admin = await system.AdminAsync();

        async Task<HttpResponseMessage> UploadAsync(StudioUser user, byte[] bytes, string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{pair.ConversationId}/attachments");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
            var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
            request.Content = form;
            return await user.Client.Http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(pair.Student, MediaTestFiles.WindowsExecutable(), "notes.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(stranger, MediaTestFiles.Pdf(), "notes.pdf")).StatusCode);
        var uploaded = await UploadAsync(pair.Student, MediaTestFiles.Pdf(), "notes.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachment = await uploaded.Content.ReadFromJsonAsync<ChatAttachment>();
        Assert.Equal("application/pdf", attachment!.ContentType);
        var linkPath = $"/api/conversations/{pair.ConversationId}/attachments/{attachment.Id}";
        // Not sent yet: only its uploader sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await pair.Teacher.SendAsync(HttpMethod.Get, linkPath)).StatusCode);

        await using var student = await ChatClient.StartAsync(system.Project("realtime").Url, pair.Student.Token);
        var message = await student.SendAsync(pair.ConversationId, "My notes", attachmentIds: [attachment.Id]);
        Assert.Equal(attachment.Id, Assert.Single(message.Attachments).Id);

        var link = await pair.Teacher.OkJsonAsync(HttpMethod.Get, linkPath);
        using var anonymous = new HttpClient();
        var file = await anonymous.GetAsync(link.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(MediaTestFiles.Pdf(), await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Get, linkPath)).StatusCode);
        await admin.OkJsonAsync(HttpMethod.Get, linkPath);
    }

    [Fact]
    public async Task Admins_list_and_read_any_conversation_and_every_read_is_audited()
    {
        using var pair = await EnrolledPairAsync("Chat monitoring course");
        using var admin = await system.AdminAsync();
        await using var student = await ChatClient.StartAsync(system.Project("realtime").Url, pair.Student.Token);
        await student.SendAsync(pair.ConversationId, "Please review me");

        var listed = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/conversations?userId={pair.StudentId}");
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(pair.ConversationId, item.GetProperty("id").GetGuid());
        Assert.Equal(1, item.GetProperty("messageCount").GetInt64());

        await using var db = system.CreateDbContext();
        var before = await db.AuditEntries.CountAsync(e => e.Action == "conversation.viewed" && e.Details!.Contains(pair.ConversationId.ToString()));
        var messages = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/conversations/{pair.ConversationId}/messages");
        Assert.Equal("Please review me", messages[0].GetProperty("text").GetString());
        await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/conversations/{pair.ConversationId}/messages");
        var after = await db.AuditEntries.CountAsync(e => e.Action == "conversation.viewed" && e.Details!.Contains(pair.ConversationId.ToString()));
        Assert.Equal(before + 2, after);
        Assert.Equal(HttpStatusCode.Forbidden, (await pair.Student.SendAsync(HttpMethod.Get, $"/api/admin/conversations/{pair.ConversationId}/messages")).StatusCode);
    }

    [Fact]
    public async Task Partners_see_each_other_come_online_and_go_offline_across_replicas()
    {
        using var pair = await EnrolledPairAsync("Chat presence course");
        var replicas = Replicas();
        await using var teacher = await ChatClient.StartAsync(replicas[0], pair.Teacher.Token);
        var student = await ChatClient.StartAsync(replicas[1], pair.Student.Token);
        await Eventually.TrueAsync(() => Task.FromResult(teacher.Presence.Any(p => p.UserId == pair.StudentId && p.Online)), TimeSpan.FromSeconds(15), "the chat event");
        var states = await teacher.Connection.InvokeAsync<List<PresenceChanged>>(ChatHubNames.GetPresence);
        Assert.True(Assert.Single(states).Online);
        await student.DisposeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(teacher.Presence.Any(p => p.UserId == pair.StudentId && !p.Online && p.LastSeenAt is not null)),
            TimeSpan.FromSeconds(15), "the chat event");
    }
}
