using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Contracts.Chat;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Community;

/// <summary>Reports and the moderation queue on the running system: hiding at the threshold, the admin's five actions, audit.</summary>
[Collection(SystemCollection.Name)]
public sealed class ModerationTests(SystemFixture system)
{
    private async Task<StudioUser> EnrolledStudentAsync(ShopCourse course, string prefix = "moderated")
    {
        var student = await system.SignUpAsync("Student", prefix);
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        return student;
    }

    private static async Task<JsonElement> QueueItemAsync(StudioUser admin, Guid targetId, string status = "open")
    {
        var found = await QueueItemsAsync(admin, targetId, status);
        Assert.True(found.Count > 0, $"no {status} report of {targetId} in the queue");
        return found[0];
    }

    /// <summary>Every row of the queue that is about <paramref name="targetId"/>, through all its pages.</summary>
    private static async Task<List<JsonElement>> QueueItemsAsync(StudioUser admin, Guid targetId, string status = "open")
    {
        var found = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var queue = await admin.OkJsonAsync(HttpMethod.Get, $"/api/admin/moderation?status={status}&page={page}&pageSize=100");
            var items = queue.GetProperty("items").EnumerateArray().ToList();
            found.AddRange(items.Where(i => i.GetProperty("targetId").GetGuid() == targetId));
            if (items.Count < 100)
            {
                return found;
            }
        }
    }

    [Fact]
    public async Task Three_reports_hide_a_review_from_readers_and_the_rating_and_dismissing_brings_it_back()
    {
        var course = await system.PublishedCourseAsync("Moderated review course", priceMinor: 0);
        using var author = await EnrolledStudentAsync(course);
        var review = (await author.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews", new { rating = 1, text = "Buy my course instead" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var reporters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => system.SignUpAsync("Student", "reporter")));
        using var admin = await system.AdminAsync();
        try
        {
            // Bad reports name the field; a review's id is no lesson comment's; unknown content is 404.
            var bad = await reporters[0].SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "poster", targetId = review, reason = "spam" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("targetType", out _));
            Assert.Equal(HttpStatusCode.NotFound, (await reporters[0].SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "comment", targetId = review, reason = "spam" })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await reporters[0].SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "review", targetId = review, reason = " " })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await reporters[0].SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "review", targetId = Guid.NewGuid(), reason = "spam" })).StatusCode);

            var first = await reporters[0].OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "review", targetId = review, reason = "Advertising" }, HttpStatusCode.Created);
            Assert.False(first.GetProperty("hidden").GetBoolean());
            var again = await reporters[0].SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "review", targetId = review, reason = "Still advertising" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("already-reported", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            await reporters[1].OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "review", targetId = review, reason = "Spam" }, HttpStatusCode.Created);
            var third = await reporters[2].OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "review", targetId = review, reason = "Not a review" }, HttpStatusCode.Created);
            Assert.True(third.GetProperty("hidden").GetBoolean());

            // Hidden from readers and from the rating; the author still sees it as theirs.
            var reviews = await reporters[0].OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Id}/reviews");
            Assert.Equal(0, reviews.GetProperty("summary").GetProperty("count").GetInt32());
            Assert.Empty(reviews.GetProperty("reviews").GetProperty("items").EnumerateArray());
            Assert.Equal(review, (await author.OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Id}/reviews")).GetProperty("mine").GetProperty("id").GetGuid());
            await using (var db = system.CreateDbContext())
            {
                Assert.Equal(0, (await db.Courses.AsNoTracking().SingleAsync(c => c.Id == course.Id)).RatingCount);
            }

            // The queue shows it once, with its context, every reason and the author.
            var rows = await QueueItemsAsync(admin, review);
            Assert.Single(rows);
            var item = rows[0];
            Assert.Equal("Buy my course instead", item.GetProperty("content").GetString());
            Assert.Equal(3, item.GetProperty("openReports").GetInt32());
            Assert.Equal(["Advertising", "Spam", "Not a review"], item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(author.Email, item.GetProperty("author").GetProperty("email").GetString());
            Assert.True(item.GetProperty("hidden").GetBoolean());
            Assert.Equal($"/courses/{course.Slug}#reviews", item.GetProperty("link").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await reporters[0].SendAsync(HttpMethod.Get, "/api/admin/moderation")).StatusCode);

            // Dismissing resolves all three reports and shows the review again, in the rating too.
            var dismissed = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{item.GetProperty("id").GetGuid()}/resolve", new { action = "dismiss" });
            Assert.Equal("dismiss", dismissed.GetProperty("resolution").GetString());
            Assert.Equal(0, dismissed.GetProperty("openReports").GetInt32());
            Assert.Equal(1, (await reporters[0].OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Id}/reviews")).GetProperty("summary").GetProperty("count").GetInt32());
            var twice = await admin.SendAsync(HttpMethod.Post, $"/api/admin/moderation/{item.GetProperty("id").GetGuid()}/resolve", new { action = "hide", reason = "Late" });
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Empty(await QueueItemsAsync(admin, review));
            Assert.Single(await QueueItemsAsync(admin, review, "resolved"));
            await using (var db = system.CreateDbContext())
            {
                Assert.Equal(1, (await db.Courses.AsNoTracking().SingleAsync(c => c.Id == course.Id)).RatingCount);
                Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "content.hidden-by-reports" && a.Details!.Contains(review.ToString())));
                Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "moderation.dismiss" && a.Details!.Contains(review.ToString())));
            }
        }
        finally
        {
            foreach (var reporter in reporters)
            {
                reporter.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_admin_warns_deletes_and_bans_and_the_author_is_told_why()
    {
        var course = await system.PublishedCourseAsync("Moderated questions course", priceMinor: 0);
        using var asker = await EnrolledStudentAsync(course, "moderatedasker");
        using var troll = await EnrolledStudentAsync(course, "moderatedtroll");
        using var reporter = await EnrolledStudentAsync(course, "moderationreporter");
        using var admin = await system.AdminAsync();
        var path = $"/api/courses/{course.Id}/questions";
        var rude = (await asker.OkJsonAsync(HttpMethod.Post, path, new { title = "Rude title", bodyMarkdown = "Rude words" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var spam = (await asker.OkJsonAsync(HttpMethod.Post, path, new { title = "Spam title", bodyMarkdown = "Spam link" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var abusive = (await troll.OkJsonAsync(HttpMethod.Post, $"/api/questions/{rude}/replies", new { bodyMarkdown = "Abuse" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var (type, id) in new[] { ("question", rude), ("question", spam), ("reply", abusive) })
        {
            await reporter.OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = type, targetId = id, reason = "Not okay" }, HttpStatusCode.Created);
        }

        // Warn: a reason is required; the author is told, the question stays.
        var warnItem = await QueueItemAsync(admin, rude);
        var noReason = await admin.SendAsync(HttpMethod.Post, $"/api/admin/moderation/{warnItem.GetProperty("id").GetGuid()}/resolve", new { action = "warn" });
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/moderation/{warnItem.GetProperty("id").GetGuid()}/resolve", new { action = "shout", reason = "x" })).StatusCode);
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{warnItem.GetProperty("id").GetGuid()}/resolve", new { action = "warn", reason = "Please keep it civil." });
        await asker.OkJsonAsync(HttpMethod.Get, $"/api/questions/{rude}");

        // Delete: the question is gone.
        var deleteItem = await QueueItemAsync(admin, spam);
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{deleteItem.GetProperty("id").GetGuid()}/resolve", new { action = "delete", reason = "Spam is removed." });
        Assert.Equal(HttpStatusCode.NotFound, (await asker.SendAsync(HttpMethod.Get, $"/api/questions/{spam}")).StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            var notes = (await asker.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true")).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "moderation").Select(n => n.GetProperty("body").GetString()).ToList();
            return notes.Contains("Please keep it civil.") && notes.Contains("Spam is removed.");
        }, TimeSpan.FromSeconds(10), "the asker's two moderation notices");

        // Ban: the reply's author can no longer sign in or call the Api; the content is hidden; resolved reports are listed.
        var banItem = await QueueItemAsync(admin, abusive);
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{banItem.GetProperty("id").GetGuid()}/resolve", new { action = "ban", reason = "Abuse of other students." });
        await using (var db = system.CreateDbContext())
        {
            var trollId = troll.Id;
            Assert.NotNull((await db.Users.AsNoTracking().SingleAsync(u => u.Id == trollId)).BannedAt);
            Assert.NotNull((await db.QuestionReplies.AsNoTracking().SingleOrDefaultAsync(r => r.Id == abusive))?.HiddenAt);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "moderation.ban" && a.Details!.Contains(abusive.ToString())));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user.banned" && a.TargetUserId == trollId));
        }
        Assert.False((await troll.Client.LoginAsync(troll.Email)).IsSuccessStatusCode);
        var resolved = await QueueItemAsync(admin, abusive, status: "resolved");
        Assert.Equal("ban", resolved.GetProperty("resolution").GetString());
        Assert.True(resolved.GetProperty("author").GetProperty("banned").GetBoolean());
    }

    [Fact]
    public async Task A_hidden_question_takes_no_replies_or_votes_and_comes_back_with_its_replies_when_shown_again()
    {
        var course = await system.PublishedCourseAsync("Hidden question course", priceMinor: 0);
        using var asker = await EnrolledStudentAsync(course, "hiddenasker");
        using var reader = await EnrolledStudentAsync(course, "hiddenreader");
        using var admin = await system.AdminAsync();
        var question = (await asker.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/questions", new { title = "Hidden soon", bodyMarkdown = "Is it?" },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await reader.OkJsonAsync(HttpMethod.Post, $"/api/questions/{question}/replies", new { bodyMarkdown = "An early reply" }, HttpStatusCode.Created);
        await reader.OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "question", targetId = question, reason = "Off topic" }, HttpStatusCode.Created);
        var item = await QueueItemAsync(admin, question);
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{item.GetProperty("id").GetGuid()}/resolve", new { action = "hide", reason = "Off topic here." });

        // While hidden it is not found for anyone but admins, and nothing is stored under it.
        Assert.Equal(HttpStatusCode.NotFound, (await asker.SendAsync(HttpMethod.Get, $"/api/questions/{question}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asker.SendAsync(HttpMethod.Post, $"/api/questions/{question}/replies", new { bodyMarkdown = "Hello?" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.SendAsync(HttpMethod.Post, $"/api/questions/{question}/upvote")).StatusCode);
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(1, await db.QuestionReplies.CountAsync(r => r.QuestionId == question));
            Assert.Equal(0, await db.QuestionUpvotes.CountAsync(v => v.QuestionId == question));
        }
        var seenByAdmin = await admin.OkJsonAsync(HttpMethod.Get, $"/api/questions/{question}");
        Assert.Equal(question, seenByAdmin.GetProperty("id").GetGuid());

        // A second look: a new report, dismissed, shows it again with the reply it had.
        await asker.OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "question", targetId = question, reason = "Please look again" }, HttpStatusCode.Created);
        var again = await QueueItemAsync(admin, question);
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{again.GetProperty("id").GetGuid()}/resolve", new { action = "dismiss" });
        var shown = await reader.OkJsonAsync(HttpMethod.Get, $"/api/questions/{question}");
        Assert.Equal(["An early reply"], shown.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("bodyMarkdown").GetString()));
    }

    [Fact]
    public async Task Only_a_conversations_participants_report_its_messages_and_a_deleted_message_keeps_its_place()
    {
        var course = await system.PublishedCourseAsync("Moderated chat course", priceMinor: 0);
        using var student = await EnrolledStudentAsync(course, "moderatedchatter");
        using var stranger = await system.SignUpAsync("Student", "moderationstranger");
        using var admin = await system.AdminAsync();
        var conversation = (await student.OkJsonAsync(HttpMethod.Post, "/api/conversations", new { userId = course.Teacher.Id }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await using var hub = new HubConnectionBuilder().WithUrl(system.Project("realtime").Url + ChatHubNames.Path, options =>
        {
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(student.Token);
        }).Build();
        await hub.StartAsync();
        var sent = await hub.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage, new SendMessageRequest(conversation, Guid.NewGuid().ToString("N"), "Insulting words", null));

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "message", targetId = sent.Id, reason = "Nosy" })).StatusCode);
        await course.Teacher.OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "message", targetId = sent.Id, reason = "Insults" }, HttpStatusCode.Created);
        var item = await QueueItemAsync(admin, sent.Id);
        Assert.Equal("Insulting words", item.GetProperty("content").GetString());
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/moderation/{item.GetProperty("id").GetGuid()}/resolve", new { action = "delete", reason = "Insults are removed." });

        var messages = await course.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/conversations/{conversation}/messages");
        var kept = Assert.Single(messages.EnumerateArray());
        Assert.Equal(sent.Sequence, kept.GetProperty("sequence").GetInt64());
        Assert.Equal("This message was removed by a moderator.", kept.GetProperty("text").GetString());
    }
}
