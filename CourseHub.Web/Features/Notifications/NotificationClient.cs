using CourseHub.Contracts.Notifications;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Notifications;

/// <summary>The signed-in user's notifications through the Api: the list with its unread count, marking read, email preferences.</summary>
public sealed class NotificationClient(ApiCaller api)
{
    public Task<ApiResult<NotificationList>> ListAsync(int page = 1, int pageSize = 10, bool unreadOnly = false) =>
        api.SendAsync<NotificationList>(HttpMethod.Get, $"/api/me/notifications?page={page}&pageSize={pageSize}&unreadOnly={(unreadOnly ? "true" : "false")}", null);

    public Task<ApiResult<UnreadCount>> MarkReadAsync(Guid id) =>
        api.SendAsync<UnreadCount>(HttpMethod.Post, $"/api/me/notifications/{id}/read", null);

    public Task<ApiResult<UnreadCount>> MarkAllReadAsync() =>
        api.SendAsync<UnreadCount>(HttpMethod.Post, "/api/me/notifications/read-all", null);

    public Task<ApiResult<List<NotificationPreferenceItem>>> PreferencesAsync() =>
        api.SendAsync<List<NotificationPreferenceItem>>(HttpMethod.Get, "/api/me/notification-preferences", null);

    public Task<ApiResult<List<NotificationPreferenceItem>>> SetPreferencesAsync(IReadOnlyList<NotificationPreferenceChange> changes) =>
        api.SendAsync<List<NotificationPreferenceItem>>(HttpMethod.Put, "/api/me/notification-preferences", changes);

    /// <summary>From an email's link, without a signed-in user: the token in the link says whose preference it is.</summary>
    public Task<ApiResult<UnsubscribeResult>> UnsubscribeAsync(string token, string? kind) =>
        api.SendAsync<UnsubscribeResult>(HttpMethod.Post, "/api/notifications/unsubscribe", new UnsubscribeRequest(token, kind), authenticated: false);
}
