using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Realtime.Features.Notifications;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Tests.Messaging;

[Collection(SystemCollection.Name)]
public sealed class RealtimeTests(SystemFixture system)
{
    [Fact]
    public async Task A_notification_reaches_subscribers_on_both_realtime_instances()
    {
        var replicas = system.Project("realtime").ReplicaUrls.ToList();
        Assert.Equal(2, replicas.Count);
        var topic = "announcements-" + Guid.NewGuid().ToString("N")[..8];

        var received = new List<TaskCompletionSource<Notification>>();
        var connections = new List<HubConnection>();
        foreach (var replica in replicas)
        {
            var connection = RealtimeClients.Connect(replica);
            var arrival = new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.On<Notification>(NotificationsHub.NotificationMethod, notification => arrival.TrySetResult(notification));
            await connection.StartAsync();
            await connection.InvokeAsync("Subscribe", topic);
            connections.Add(connection);
            received.Add(arrival);
        }

        // One Realtime instance consumes the event; the other client gets it only through the Redis backplane.
        Guid eventId;
        await using (var db = system.CreateDbContext())
        {
            eventId = db.AddIntegrationEvent(new NotificationRequested(topic, "New course", "Knife skills 101 is live", "/courses/knife-skills-101"), TimeProvider.System).Id;
            await db.SaveChangesAsync();
        }

        foreach (var arrival in received)
        {
            var notification = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("Knife skills 101 is live", notification.Body);
            Assert.Equal(topic, notification.Topic);
            // The event's id: the same on every instance and in every repeat of the delivery, so a client can drop repeats.
            Assert.Equal(eventId.ToString(), notification.Id);
        }
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Personal_topics_are_refused_without_a_signed_in_user()
    {
        await using var connection = RealtimeClients.Connect(system.Project("realtime").Url);
        await connection.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "user:someone-else"));
        Assert.Contains("signed-in", error.Message);
    }
}
