using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts;
using CourseHub.Contracts.Notifications;
using CourseHub.Domain;
using CourseHub.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Me;

/// <summary>The signed-in user's in-app notifications: the list (all or unread, newest first), marking one or all read.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/me/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("", ListAsync).WithSummary("List my notifications")
            .WithDescription("Newest first, paged (`page`, `pageSize`); `unreadOnly=true` for the unread ones. `unreadCount` is the bell's badge.");
        group.MapPost("/{id:guid}/read", ReadAsync).Refuses(404).WithSummary("Mark a notification read")
            .WithDescription("Marking it again changes nothing. Answers the unread count left.");
        group.MapPost("/read-all", ReadAllAsync).WithSummary("Mark all my notifications read").WithDescription("Answers the unread count left (0).");
        return endpoints;
    }

    private static async Task<Ok<NotificationList>> ListAsync(bool? unreadOnly, int? page, int? pageSize, HttpContext context, CourseHubDbContext db,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var (number, size) = Paging.Of(page, pageSize);
        var mine = db.UserNotifications.AsNoTracking().Where(n => n.UserId == me);
        var listed = unreadOnly == true ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await listed.CountAsync(cancellationToken);
        var unread = unreadOnly == true ? total : await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await listed.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((number - 1) * size).Take(size)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Title, n.Body, n.Url, n.ReadAt, n.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new NotificationList(items, total, number, size, unread));
    }

    private static async Task<Ok<UnreadCount>> ReadAsync(Guid id, HttpContext context, CourseHubDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        // Someone else's notification is as unknown as one that does not exist.
        if (!await db.UserNotifications.AnyAsync(n => n.Id == id && n.UserId == me, cancellationToken))
        {
            throw Refusal.NotFound("notification-not-found", "Notification not found", "You have no notification with this id.");
        }
        var now = clock.GetUtcNow();
        await db.UserNotifications.Where(n => n.Id == id && n.ReadAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.Ok(new UnreadCount(await db.UserNotifications.CountAsync(n => n.UserId == me && n.ReadAt == null, cancellationToken)));
    }

    private static async Task<Ok<UnreadCount>> ReadAllAsync(HttpContext context, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = context.User.UserId()!.Value;
        var now = clock.GetUtcNow();
        await db.UserNotifications.Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.Ok(new UnreadCount(0));
    }
}
