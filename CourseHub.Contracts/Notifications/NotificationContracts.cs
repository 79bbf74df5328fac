namespace CourseHub.Contracts.Notifications;

/// <summary>One in-app notification as the bell's list shows it; <see cref="Url"/> is where it leads (a path of the Web).</summary>
public sealed record NotificationItem(Guid Id, string Kind, string Title, string Body, string? Url, DateTimeOffset? ReadAt, DateTimeOffset CreatedAt);

/// <summary>A page of the user's notifications, newest first, with how many are unread in all (the bell's badge).</summary>
public sealed record NotificationList(IReadOnlyList<NotificationItem> Items, int Total, int Page, int PageSize, int UnreadCount);

/// <summary>How many notifications are unread after marking.</summary>
public sealed record UnreadCount(int Count);

/// <summary>The names on <c>/hubs/notifications</c>: the stored notification pushed to every open tab of its user.</summary>
public static class NotificationHubNames
{
    public const string Path = "/hubs/notifications";
    public const string NotificationReceived = "NotificationReceived";
}
