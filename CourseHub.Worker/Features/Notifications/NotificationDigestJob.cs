using CourseHub.Domain;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CourseHub.Worker.Features.Notifications;

/// <summary>
/// Once a day, one email per user listing the notifications of the kinds they take as a digest. Each user's lines are
/// claimed under row locks (SKIP LOCKED) and cleared in the transaction that writes the email to the outbox, so two
/// runs at once (two Worker replicas, a misfire catch-up) never send a line twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NotificationDigestJob(CourseHubDbContext db, NotificationEmails emails, TimeProvider clock, ILogger<NotificationDigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("notification-digest", "notifications");
    private const int UsersPerRun = 5000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await SendAsync(cancellationToken);

    /// <summary>Returns how many digest emails were written.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var users = await db.UserNotifications.Where(n => n.AwaitsDigest).Select(n => n.UserId).Distinct().Take(UsersPerRun).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var userId in users)
        {
            sent += await SendToAsync(userId, cancellationToken) ? 1 : 0;
        }
        logger.LogInformation("Sent {Count} notification digests", sent);
        return sent;
    }

    private async Task<bool> SendToAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var waiting = await db.UserNotifications
            .FromSql($"SELECT * FROM user_notifications WHERE user_id = {userId} AND awaits_digest ORDER BY created_at FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return false; // Taken by a concurrent run.
        }
        var ids = waiting.Select(n => n.Id).ToList();
        await db.UserNotifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(u => u.SetProperty(n => n.AwaitsDigest, false), cancellationToken);
        // A kind switched to off since it was queued is left out; one switched to on is still listed (it was never emailed).
        var lines = new List<DigestLine>();
        foreach (var kind in waiting.Select(n => n.Kind).Distinct())
        {
            if (await db.EmailModeAsync(userId, kind, cancellationToken) != EmailMode.Off)
            {
                lines.AddRange(waiting.Where(n => n.Kind == kind).Select(n => new DigestLine(n.Title, n.Body, n.Url, n.CreatedAt)));
            }
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (lines.Count > 0 && user?.Email is not null)
        {
            var token = await db.UnsubscribeTokenAsync(userId, clock, cancellationToken);
            db.AddIntegrationEvent(emails.DailyDigest(user.Email, user.DisplayName, token, lines.OrderBy(l => l.At).ToList()), clock);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return lines.Count > 0;
    }
}
