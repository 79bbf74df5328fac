using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Contracts.Notifications;
using CourseHub.Domain;
using CourseHub.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Me;

/// <summary>
/// How each kind of notification reaches the user by email (on, off, daily digest), and the anonymous unsubscribe that
/// every notification email links to: its secret identifies the user, so no sign-in is needed.
/// </summary>
public static class NotificationPreferenceEndpoints
{
    public static IEndpointRouteBuilder MapNotificationPreferenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var mine = endpoints.MapGroup("/api/me/notification-preferences").WithTags("Notifications").RequireAuthorization();
        mine.MapGet("", GetAsync).WithSummary("My email preferences")
            .WithDescription("Every kind of notification with its email mode: `on` (as it happens), `off`, or `digest` (one email a day). In-app notifications always show.");
        mine.MapPut("", PutAsync).WithSummary("Change my email preferences")
            .WithDescription("A list of `{kind, email}`; kinds not listed keep their mode. Answers every kind's mode.");
        endpoints.MapPost("/api/notifications/unsubscribe", UnsubscribeAsync).WithTags("Notifications").AllowAnonymous().Refuses(404)
            .WithSummary("Unsubscribe from an email link")
            .WithDescription("`token` from the link identifies the user; `kind` turns one kind off, no kind turns every kind off. No sign-in needed.");
        return endpoints;
    }

    private static async Task<Ok<List<NotificationPreferenceItem>>> GetAsync(HttpContext context, CourseHubDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(db, context.User.UserId()!.Value, cancellationToken));

    private static async Task<Results<Ok<List<NotificationPreferenceItem>>, ValidationProblem>> PutAsync(List<NotificationPreferenceChange>? changes,
        HttpContext context, CourseHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return Problems.Field("", "Send a list of {kind, email} changes.");
        }
        var errors = new Problems.Errors();
        var parsed = new List<(string Kind, EmailMode Mode)>();
        for (var i = 0; i < changes.Count; i++)
        {
            var kind = changes[i]?.Kind?.Trim();
            var mode = NotificationCatalog.ParseEmailMode(changes[i]?.Email);
            if (kind is null || NotificationCatalog.Find(kind) is null)
            {
                errors.Add($"[{i}].kind", $"Unknown kind; one of: {string.Join(", ", NotificationCatalog.Kinds.Select(k => k.Kind))}.");
            }
            if (mode is null)
            {
                errors.Add($"[{i}].email", "Choose on, off or digest.");
            }
            if (kind is not null && mode is not null)
            {
                parsed.Add((kind, mode.Value));
            }
        }
        if (errors.Any)
        {
            return Problems.Fields(errors.ByField);
        }
        var me = context.User.UserId()!.Value;
        foreach (var (kind, mode) in parsed)
        {
            await db.SetEmailModeAsync(me, kind, mode, clock, cancellationToken);
        }
        return TypedResults.Ok(await ListAsync(db, me, cancellationToken));
    }

    private static async Task<Results<Ok<UnsubscribeResult>, ValidationProblem>> UnsubscribeAsync(UnsubscribeRequest? request, CourseHubDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = request?.Token?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return Problems.Field("token", "The link's token is missing; use the whole link from the email.");
        }
        var kind = string.IsNullOrWhiteSpace(request!.Kind) ? null : request.Kind.Trim();
        var info = kind is null ? null : NotificationCatalog.Find(kind);
        if (kind is not null && info is null)
        {
            return Problems.Field("kind", "This link names a kind of email we do not send any more.");
        }
        var userId = await db.UnsubscribeTokens.Where(t => t.Token == token).Select(t => (Guid?)t.UserId).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound("unsubscribe-link-unknown", "Unknown link", "This unsubscribe link is not valid (it may belong to an account that was deleted).");
        await db.SetEmailModeAsync(userId, kind, EmailMode.Off, clock, cancellationToken);
        return TypedResults.Ok(new UnsubscribeResult(kind, info?.Label ?? "All CourseHub notification emails"));
    }

    private static async Task<List<NotificationPreferenceItem>> ListAsync(CourseHubDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId)
            .ToDictionaryAsync(p => p.Kind, p => p.Email, cancellationToken);
        return NotificationCatalog.Kinds
            .Select(k => new NotificationPreferenceItem(k.Kind, k.Label, (chosen.TryGetValue(k.Kind, out var mode) ? mode : k.DefaultEmail).Wire()))
            .ToList();
    }
}
