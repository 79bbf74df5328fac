using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CourseHub.Contracts.Notifications;
using CourseHub.Domain.Notifications;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using CourseHub.Worker.Features.Cleanup;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CourseHub.Tests.Community;

/// <summary>In-app notifications on the running system: stored, pushed live to every tab on both Realtime replicas, read, cleaned up.</summary>
[Collection(SystemCollection.Name)]
public sealed class NotificationTests(SystemFixture system)
{
    [Fact]
    public async Task A_review_notifies_the_teacher_in_every_open_tab_and_the_list_counts_what_is_unread()
    {
        var course = await system.PublishedCourseAsync("Notified of reviews", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "notifyingstudent");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var before = await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications");

        // Two tabs of the teacher, one on each Realtime replica; neither subscribes to anything.
        var received = new ConcurrentQueue<(int Tab, NotificationItem Item)>();
        var tabs = new List<HubConnection>();
        foreach (var (replica, index) in system.Project("realtime").ReplicaUrls.Select((url, i) => (url, i)))
        {
            var tab = RealtimeClients.Connect(replica, course.Teacher.Token);
            tab.On<NotificationItem>(NotificationHubNames.NotificationReceived, item => received.Enqueue((index, item)));
            await tab.StartAsync();
            tabs.Add(tab);
        }
        try
        {
            await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/reviews", new { rating = 5, text = "Superb" }, HttpStatusCode.Created);
            await Eventually.TrueAsync(() => Task.FromResult(received.Select(r => r.Tab).Distinct().Count() == 2), TimeSpan.FromSeconds(20),
                "the notification in both tabs");
            var pushed = received.First().Item;
            Assert.Equal(NotificationKinds.ReviewReceived, pushed.Kind);
            Assert.Contains("5 stars", pushed.Body);
            Assert.Equal($"/courses/{course.Slug}#reviews", pushed.Url);
            Assert.Null(pushed.ReadAt);

            // The list has it, with the same id, as the newest and unread.
            var list = await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications");
            Assert.Equal(before.GetProperty("unreadCount").GetInt32() + 1, list.GetProperty("unreadCount").GetInt32());
            var newest = list.GetProperty("items")[0];
            Assert.Equal(pushed.Id, newest.GetProperty("id").GetGuid());
            Assert.Equal("New review", newest.GetProperty("title").GetString());

            // Marking read, once or twice; someone else's notification is not found; all read leaves none unread.
            Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Post, $"/api/me/notifications/{pushed.Id}/read")).StatusCode);
            var left = await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/me/notifications/{pushed.Id}/read");
            Assert.Equal(before.GetProperty("unreadCount").GetInt32(), left.GetProperty("count").GetInt32());
            await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/me/notifications/{pushed.Id}/read");
            var read = await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?pageSize=1");
            Assert.NotEqual(JsonValueKind.Null, read.GetProperty("items")[0].GetProperty("readAt").ValueKind);
            Assert.DoesNotContain((await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true")).GetProperty("items").EnumerateArray(),
                item => item.GetProperty("id").GetGuid() == pushed.Id);
            await course.Teacher.OkJsonAsync(HttpMethod.Post, "/api/me/notifications/read-all");
            var none = await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true");
            Assert.Equal(0, none.GetProperty("unreadCount").GetInt32());
            Assert.Empty(none.GetProperty("items").EnumerateArray());

            // The student is notified of the teacher's reply the same way.
            var review = (await student.OkJsonAsync(HttpMethod.Get, $"/api/courses/{course.Id}/reviews")).GetProperty("mine").GetProperty("id").GetGuid();
            await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/reviews/{review}/reply", new { text = "Thank you!" });
            await Eventually.TrueAsync(async () => (await student.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true"))
                .GetProperty("items").EnumerateArray().Any(item => item.GetProperty("kind").GetString() == NotificationKinds.ReviewReplied),
                TimeSpan.FromSeconds(10), "the student's reply notification");
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }
        }
        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/notifications")).StatusCode);
    }

    [Fact]
    public async Task The_cleanup_deletes_only_notifications_read_longer_ago_than_the_retention()
    {
        using var user = await system.SignUpAsync("Student", "notificationcleanup");
        var userId = user.Id;
        var now = DateTimeOffset.UtcNow;
        UserNotification Make(string title, DateTimeOffset created, DateTimeOffset? read) => new()
        {
            Id = Guid.CreateVersion7(), UserId = userId, Kind = "test", Title = title, Body = "Body", CreatedAt = created, ReadAt = read,
        };
        await using (var db = system.CreateDbContext())
        {
            db.UserNotifications.AddRange(
                Make("old unread", now.AddDays(-90), null),
                Make("read long ago", now.AddDays(-60), now.AddDays(-31)),
                Make("read recently", now.AddDays(-60), now.AddDays(-29)));
            await db.SaveChangesAsync();
        }

        await using (var db = system.CreateDbContext())
        {
            var job = new NotificationCleanupJob(db, Options.Create(new NotificationCleanupOptions { ReadRetention = TimeSpan.FromDays(30) }),
                new FakeTimeProvider(now), NullLogger<NotificationCleanupJob>.Instance);
            Assert.True(await job.CleanAsync(CancellationToken.None) >= 1);
        }
        await using (var db = system.CreateDbContext())
        {
            var left = await db.UserNotifications.Where(n => n.UserId == userId).Select(n => n.Title).OrderBy(t => t).ToListAsync();
            Assert.Equal(["old unread", "read recently"], left);
        }
    }
}
