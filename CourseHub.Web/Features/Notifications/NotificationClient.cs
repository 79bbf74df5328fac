using CourseHub.Contracts.Notifications;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Notifications;

/// <summary>The signed-in user's notifications through the Api: the list with its unread count, marking read.</summary>
public sealed class NotificationClient(ApiCaller api)
{
    public Task<ApiResult<NotificationList>> ListAsync(int page = 1, int pageSize = 10, bool unreadOnly = false) =>
        api.SendAsync<NotificationList>(HttpMethod.Get, $"/api/me/notifications?page={page}&pageSize={pageSize}&unreadOnly={(unreadOnly ? "true" : "false")}", null);

    public Task<ApiResult<UnreadCount>> MarkReadAsync(Guid id) =>
        api.SendAsync<UnreadCount>(HttpMethod.Post, $"/api/me/notifications/{id}/read", null);

    public Task<ApiResult<UnreadCount>> MarkAllReadAsync() =>
        api.SendAsync<UnreadCount>(HttpMethod.Post, "/api/me/notifications/read-all", null);
}
