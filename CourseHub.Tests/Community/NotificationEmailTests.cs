using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseHub.Contracts.Chat;
using CourseHub.Domain;
using CourseHub.Domain.Notifications;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using CourseHub.Worker.Features.Notifications;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseHub.Tests.Community;

/// <summary>
/// Notification emails on the running system: the preferences (on, off, daily digest), the unsubscribe links that work
/// without signing in, and the chat's emails about messages left unread.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class NotificationEmailTests(SystemFixture system)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(60);

    /// <summary>A course with its teacher, an enrolled student and a question of the student's (the teacher's reply notifies the student).</summary>
    private async Task<(ShopCourse Course, StudioUser Student, Guid QuestionId)> AskedAsync(string title)
    {
        var course = await system.PublishedCourseAsync(title, priceMinor: 0);
        var student = await system.SignUpAsync("Student", "mailasker");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var question = await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/questions",
            new { title = "How do I start?", bodyMarkdown = "Where is lesson one?" }, HttpStatusCode.Created);
        return (course, student, question.GetProperty("id").GetGuid());
    }

    private static Task<JsonElement> ReplyAsync(StudioUser teacher, Guid questionId, string text) =>
        teacher.OkJsonAsync(HttpMethod.Post, $"/api/questions/{questionId}/replies", new { bodyMarkdown = text }, HttpStatusCode.Created);

    private NotificationEmails Emails() =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:WebBaseUrl"] = system.Project("web").Url }).Build());

    /// <summary>Waits until the Worker decided the email of every notification of this kind for the user.</summary>
    private async Task WaitForEmailDecisionsAsync(Guid userId, string kind, int count)
    {
        await Eventually.TrueAsync(async () =>
        {
            await using var db = system.CreateDbContext();
            return await db.UserNotifications.CountAsync(n => n.UserId == userId && n.Kind == kind && n.EmailDecidedAt != null) >= count;
        }, TimeSpan.FromSeconds(30), $"the Worker's email decision for {count} {kind} notification(s)");
    }

    /// <summary>How many emails to <paramref name="to"/> with a subject like <paramref name="subjectLike"/> (SQL LIKE) the system wrote to its outbox.</summary>
    private async Task<int> EmailsWrittenAsync(string to, string subjectLike)
    {
        await using var db = system.CreateDbContext();
        return await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM outbox_messages
            WHERE type = 'EmailRequested' AND payload->>'to' = {to} AND payload->>'subject' LIKE {subjectLike}
            """).SingleAsync();
    }

    [GeneratedRegex(@"https?://\S+/notifications/unsubscribe\?token=[0-9a-f]+(&kind=[a-z-]+)?")]
    private static partial Regex UnsubscribeLink();

    [Fact]
    public async Task Preferences_list_every_kind_with_defaults_and_refuse_unknown_kinds_and_modes_by_field()
    {
        using var user = await system.SignUpAsync("Student", "prefs");
        var defaults = await user.OkJsonAsync(HttpMethod.Get, "/api/me/notification-preferences");
        var kinds = defaults.EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("email").GetString());
        Assert.Equal(NotificationCatalog.Kinds.Count, kinds.Count);
        Assert.Equal("on", kinds["question-replied"]);
        Assert.Equal("digest", kinds["review-received"]);
        Assert.All(defaults.EnumerateArray(), k => Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("label").GetString())));

        var refused = await user.SendAsync(HttpMethod.Put, "/api/me/notification-preferences",
            new object[] { new { kind = "question-replied", email = "off" }, new { kind = "fireworks", email = "on" }, new { kind = "message", email = "sometimes" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("[1].kind", out _));
        Assert.True(errors.TryGetProperty("[2].email", out _));
        // Nothing of a refused request is kept.
        var unchanged = await user.OkJsonAsync(HttpMethod.Get, "/api/me/notification-preferences");
        Assert.Equal("on", unchanged.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "question-replied").GetProperty("email").GetString());

        var changed = await user.OkJsonAsync(HttpMethod.Put, "/api/me/notification-preferences",
            new object[] { new { kind = "question-replied", email = "digest" }, new { kind = "message", email = "off" } });
        var now = changed.EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("email").GetString());
        Assert.Equal("digest", now["question-replied"]);
        Assert.Equal("off", now["message"]);
        Assert.Equal("digest", now["review-received"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = new Uri(system.Project("api").Url) }.GetAsync("/api/me/notification-preferences")).StatusCode);
    }

    [Fact]
    public async Task An_email_as_it_happens_carries_a_one_click_unsubscribe_that_works_without_signing_in_and_off_sends_none()
    {
        var (course, student, questionId) = await AskedAsync("Mail on course");
        await ReplyAsync(course.Teacher, questionId, "Lesson one is under Welcome.");
        var mail = await Eventually.ValueAsync(async () => (await system.Mail.ToAsync(student.Email)).SingleOrDefault(m => m.Subject == "New reply to your question"),
            MailWait, "the reply's email");
        Assert.Contains("Open in CourseHub", mail.Html);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        var oneClick = mail.Header("List-Unsubscribe")!.Trim('<', '>');
        Assert.Contains("/notifications/unsubscribe/one-click?token=", oneClick);
        var pageLink = UnsubscribeLink().Match(mail.Text!).Value;
        Assert.Contains("kind=question-replied", pageLink);

        // The link in the footer: an anonymous visitor's page says it is done, and the preference is off.
        using (var anonymous = new HttpClient())
        {
            var page = await anonymous.GetStringAsync(pageLink);
            Assert.Contains("unsubscribed", page);
            Assert.Contains("Replies to your questions", page);
            var wrong = await anonymous.GetStringAsync(Regex.Replace(pageLink, "token=[0-9a-f]+", "token=0123abcd"));
            Assert.Contains("not valid", wrong);
        }
        var preferences = await student.OkJsonAsync(HttpMethod.Get, "/api/me/notification-preferences");
        Assert.Equal("off", preferences.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "question-replied").GetProperty("email").GetString());

        // Off: the next reply is decided (in-app only) and no email is written for it.
        await ReplyAsync(course.Teacher, questionId, "And the quiz is in module two.");
        await WaitForEmailDecisionsAsync(student.Id, NotificationKinds.QuestionReplied, 2);
        await using (var db = system.CreateDbContext())
        {
            Assert.False(await db.UserNotifications.AnyAsync(n => n.UserId == student.Id && n.AwaitsDigest));
            Assert.Equal(1, await EmailsWrittenAsync(student.Email, "New reply to your question"));
        }

        // The one-click target (what a mail client POSTs, RFC 8058) turns another kind off the same way.
        await student.OkJsonAsync(HttpMethod.Put, "/api/me/notification-preferences", new object[] { new { kind = "question-replied", email = "on" } });
        using (var mailClient = new HttpClient())
        {
            var posted = await mailClient.PostAsync(oneClick, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        preferences = await student.OkJsonAsync(HttpMethod.Get, "/api/me/notification-preferences");
        Assert.Equal("off", preferences.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "question-replied").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_daily_digest_lists_the_days_notifications_in_one_email_even_when_two_Workers_send_at_once()
    {
        var (course, student, questionId) = await AskedAsync("Mail digest course");
        await student.OkJsonAsync(HttpMethod.Put, "/api/me/notification-preferences", new object[] { new { kind = "question-replied", email = "digest" } });
        await ReplyAsync(course.Teacher, questionId, "First answer for the digest.");
        await ReplyAsync(course.Teacher, questionId, "Second answer for the digest.");
        await WaitForEmailDecisionsAsync(student.Id, NotificationKinds.QuestionReplied, 2);
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(2, await db.UserNotifications.CountAsync(n => n.UserId == student.Id && n.AwaitsDigest));
        }

        // Two digest runs at the same moment, as two Worker replicas would: one email.
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = system.CreateDbContext();
            return await new NotificationDigestJob(db, Emails(), TimeProvider.System, NullLogger<NotificationDigestJob>.Instance).SendAsync(CancellationToken.None);
        }));
        Assert.True(runs.Sum() >= 1);
        var digest = await Eventually.ValueAsync(async () => (await system.Mail.ToAsync(student.Email)).SingleOrDefault(m => m.Subject.StartsWith("Your CourseHub digest")),
            MailWait, "the digest email");
        Assert.Equal("Your CourseHub digest: 2 updates", digest.Subject);
        Assert.Contains("New reply to your question", digest.Text);
        Assert.Contains("/notifications/unsubscribe/one-click?token=", digest.Header("List-Unsubscribe"));
        await using (var db = system.CreateDbContext())
        {
            Assert.False(await db.UserNotifications.AnyAsync(n => n.UserId == student.Id && n.AwaitsDigest));
        }
        // Nothing instant was sent for them, and a later run sends nothing new.
        Assert.DoesNotContain(await system.Mail.ToAsync(student.Email), m => m.Subject == "New reply to your question");
        await using (var db = system.CreateDbContext())
        {
            await new NotificationDigestJob(db, Emails(), TimeProvider.System, NullLogger<NotificationDigestJob>.Instance).SendAsync(CancellationToken.None);
        }
        Assert.Equal(1, await EmailsWrittenAsync(student.Email, "Your CourseHub digest%"));
    }

    [Fact]
    public async Task A_message_to_someone_away_notifies_them_in_app_and_once_by_email_when_it_stays_unread()
    {
        var course = await system.PublishedCourseAsync("Mail chat course", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "mailchat");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var conversationId = (await student.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = course.Teacher.Id }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        // The teacher has no chat connection: two messages make one bell entry.
        await using var chat = new HubConnectionBuilder()
            .WithUrl(system.Project("realtime").Url + ChatHubNames.Path, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(student.Token);
            }).Build();
        await chat.StartAsync();
        foreach (var text in new[] { "Hello, are you there?", "I have a question about module two." })
        {
            await chat.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage, new SendMessageRequest(conversationId, Guid.NewGuid().ToString("N"), text, null));
        }
        var bell = await Eventually.ValueAsync(async () =>
        {
            var items = (await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true")).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "message").ToList();
            return items.Count > 0 ? items : null;
        }, TimeSpan.FromSeconds(10), "the teacher's message notification");
        var entry = Assert.Single(bell);
        Assert.Equal($"/messages/{conversationId}", entry.GetProperty("url").GetString());
        Assert.Equal("Hello, are you there?", entry.GetProperty("body").GetString());

        // Not yet due: nothing is emailed before the unread period is over.
        await using (var db = system.CreateDbContext())
        {
            var early = new UnreadMessagesEmailJob(db, Emails(), Options.Create(new UnreadMessagesEmailOptions()), TimeProvider.System, NullLogger<UnreadMessagesEmailJob>.Instance);
            await early.SendAsync(CancellationToken.None);
            Assert.Equal(0L, await db.ConversationReadStates.Where(r => r.ConversationId == conversationId && r.UserId == course.Teacher.Id).Select(r => r.EmailedUpToSequence).SingleAsync());
        }

        // Once the unread period is over (none here instead of fifteen minutes; the email's outbox row is written at the
        // real time, so the clock stays real), two Workers scanning at once: one email with both messages.
        var due = Options.Create(new UnreadMessagesEmailOptions { UnreadEmailAfter = TimeSpan.Zero });
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = system.CreateDbContext();
            await new UnreadMessagesEmailJob(db, Emails(), due, TimeProvider.System, NullLogger<UnreadMessagesEmailJob>.Instance).SendAsync(CancellationToken.None);
        }));
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(2L, await db.ConversationReadStates.Where(r => r.ConversationId == conversationId && r.UserId == course.Teacher.Id).Select(r => r.EmailedUpToSequence).SingleAsync());
        }
        Assert.Equal(1, await EmailsWrittenAsync(course.Teacher.Email, "%sent you 2 messages"));
        var mail = await Eventually.ValueAsync(async () => (await system.Mail.ToAsync(course.Teacher.Email)).SingleOrDefault(m => m.Subject.Contains("sent you 2 messages")),
            MailWait, "the unread-messages email");
        Assert.Contains("I have a question about module two.", mail.Text);
        Assert.Contains($"/messages/{conversationId}", mail.Text);
        Assert.NotNull(mail.Header("List-Unsubscribe"));
        await using (var db = system.CreateDbContext())
        {
            // Scanning again mentions nothing twice.
            await new UnreadMessagesEmailJob(db, Emails(), due, TimeProvider.System, NullLogger<UnreadMessagesEmailJob>.Instance).SendAsync(CancellationToken.None);
            Assert.Equal(1, await EmailsWrittenAsync(course.Teacher.Email, "%sent you%"));
        }
    }

    [Fact]
    public async Task Chat_emails_turned_off_send_nothing_but_the_messages_count_as_mentioned()
    {
        var course = await system.PublishedCourseAsync("Mail chat off course", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "mailchatoff");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await student.OkJsonAsync(HttpMethod.Put, "/api/me/notification-preferences", new object[] { new { kind = "message", email = "off" } });
        var conversationId = (await course.Teacher.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = student.Id }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await using var chat = new HubConnectionBuilder()
            .WithUrl(system.Project("realtime").Url + ChatHubNames.Path, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(course.Teacher.Token);
            }).Build();
        await chat.StartAsync();
        await chat.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage, new SendMessageRequest(conversationId, Guid.NewGuid().ToString("N"), "Welcome aboard!", null));

        await using var db = system.CreateDbContext();
        await new UnreadMessagesEmailJob(db, Emails(), Options.Create(new UnreadMessagesEmailOptions { UnreadEmailAfter = TimeSpan.Zero }), TimeProvider.System,
            NullLogger<UnreadMessagesEmailJob>.Instance).SendAsync(CancellationToken.None);
        Assert.Equal(1L, await db.ConversationReadStates.Where(r => r.ConversationId == conversationId && r.UserId == student.Id).Select(r => r.EmailedUpToSequence).SingleAsync());
        Assert.Equal(0, await EmailsWrittenAsync(student.Email, "%sent you%"));
    }
}
