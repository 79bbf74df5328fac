using System.Text.RegularExpressions;
using CourseHub.Authentication;
using CourseHub.Realtime.Features.Connections;
using Microsoft.AspNetCore.SignalR;

namespace CourseHub.Realtime.Features.Notifications;

/// <summary>
/// What a browser receives on the "notification" method. <paramref name="Id"/> is the same for every delivery of one
/// notification (delivery is at least once), so a client that has shown it can drop a repeat.
/// </summary>
public sealed record Notification(string Id, string Topic, string Title, string Body, string? Link, DateTimeOffset SentAt);

/// <summary>
/// Browsers subscribe to topics and receive notifications published to them. Public topics are open
/// to anyone; a personal topic <c>user:{id}</c> only to the signed-in user with that id (the
/// access token, verified with the Api's keys, says who that is), and a signed-in connection is in its own from the
/// start. Stored notifications also arrive as <c>NotificationReceived</c>, in the shape of the Api's list items.
/// </summary>
public sealed partial class NotificationsHub(SignedInConnections connections) : Hub
{
    public const string NotificationMethod = "notification";

    public override async Task OnConnectedAsync()
    {
        connections.Add(Context);
        // A signed-in connection receives its user's notifications without asking: every tab's bell stays current.
        if (Context.User?.FindFirst(CourseHubJwt.SubjectClaim)?.Value is { } userId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf("user:" + userId.ToLowerInvariant()));
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public Task Subscribe(string topic) => Groups.AddToGroupAsync(Context.ConnectionId, Validate(topic));

    public Task Unsubscribe(string topic) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Validate(topic));

    public static string GroupOf(string topic) => "topic:" + topic;

    private string Validate(string topic)
    {
        if (!TopicPattern().IsMatch(topic ?? ""))
        {
            throw new HubException("A topic is 1-100 characters of a-z, 0-9, '-', '.' or ':'.");
        }
        if (topic!.StartsWith("user:", StringComparison.Ordinal))
        {
            var userId = Context.User?.FindFirst(CourseHubJwt.SubjectClaim)?.Value;
            if (userId is null)
            {
                throw new HubException("Personal topics need a signed-in user.");
            }
            if (!string.Equals(topic, "user:" + userId, StringComparison.OrdinalIgnoreCase))
            {
                throw new HubException("You can only subscribe to your own personal topic.");
            }
        }
        return GroupOf(topic);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.:-]{0,99}$")]
    private static partial Regex TopicPattern();
}
