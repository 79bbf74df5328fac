using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Notifications;
using CourseHub.EventBus;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Worker.Features.Notifications;

/// <summary>
/// Decides, once per stored notification, what email it gets according to the user's preference for its kind: one now
/// (written to the outbox in the same transaction as the decision, so exactly once), a line in the next daily digest, or
/// none. Kinds with an email of their own (<see cref="NotificationKinds.WithOwnEmail"/>) get only the digest line here.
/// </summary>
public sealed class NotificationEmailHandler(CourseHubDbContext db, NotificationEmails emails, TimeProvider clock) : IEventHandler<NotificationRequested>
{
    public async Task HandleAsync(NotificationRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        if (message.NotificationId is not { } id)
        {
            return; // A broadcast to a topic, not a user's stored notification: nothing to email.
        }
        var facts = await (from n in db.UserNotifications.AsNoTracking()
                           join u in db.Users on n.UserId equals u.Id
                           where n.Id == id
                           select new { n.UserId, n.Kind, n.Title, n.Body, n.Url, u.Email, u.DisplayName, n.EmailDecidedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null || facts.EmailDecidedAt is not null || facts.Email is null)
        {
            return; // Deleted meanwhile, or decided by an earlier copy of this message.
        }
        var mode = await db.EmailModeAsync(facts.UserId, facts.Kind, cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var decided = await db.UserNotifications.Where(n => n.Id == id && n.EmailDecidedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(n => n.EmailDecidedAt, now).SetProperty(n => n.AwaitsDigest, mode == EmailMode.Digest), cancellationToken);
        if (decided == 0)
        {
            return; // A concurrent copy decided first.
        }
        if (mode == EmailMode.On && !NotificationKinds.WithOwnEmail.Contains(facts.Kind))
        {
            var token = await db.UnsubscribeTokenAsync(facts.UserId, clock, cancellationToken);
            db.AddIntegrationEvent(emails.Single(facts.Email, facts.DisplayName, token, facts.Kind, facts.Title, facts.Body, facts.Url), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
