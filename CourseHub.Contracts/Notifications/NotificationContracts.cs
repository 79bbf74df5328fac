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

/// <summary>One kind on the preferences page: what it is, and how the user hears of it by email (<c>on</c>, <c>off</c> or <c>digest</c>: once a day).</summary>
public sealed record NotificationPreferenceItem(string Kind, string Label, string Email);

/// <summary>A change on the preferences page: the kind and its new email mode (<c>on</c>, <c>off</c> or <c>digest</c>).</summary>
public sealed record NotificationPreferenceChange(string? Kind, string? Email);

/// <summary>An unsubscribe link's contents: the user's secret and the kind (none for every kind).</summary>
public sealed record UnsubscribeRequest(string? Token, string? Kind);

/// <summary>What an unsubscribe turned off: the kind (none for every kind) and its label, for the confirmation page.</summary>
public sealed record UnsubscribeResult(string? Kind, string Label);
