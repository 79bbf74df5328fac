using CourseHub.Domain;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CourseHub.Worker.Features.Notifications;

public sealed class UnreadMessagesEmailOptions
{
    /// <summary>How long a chat message stays unread before its recipient gets an email about it.</summary>
    public TimeSpan UnreadEmailAfter { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How often the Worker looks for such messages.</summary>
    public TimeSpan UnreadEmailScanInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// A chat participant with messages unread for <see cref="UnreadMessagesEmailOptions.UnreadEmailAfter"/> gets one email
/// per conversation listing them (unless they turned chat emails off). The participant's read-state row is locked (SKIP
/// LOCKED) and its <c>emailed_up_to_sequence</c> moved in the transaction that writes the email to the outbox, so every
/// unread message is mentioned once, whatever number of Worker replicas scan at the same moment.
/// </summary>
[DisallowConcurrentExecution]
public sealed class UnreadMessagesEmailJob(CourseHubDbContext db, NotificationEmails emails, IOptions<UnreadMessagesEmailOptions> options,
    TimeProvider clock, ILogger<UnreadMessagesEmailJob> logger) : IJob
{
    public static readonly JobKey Key = new("unread-messages-email", "notifications");
    private const int BatchSize = 200;

    // Messages older than this are not mailed any more: after long downtime, a flood of stale "you have a message" mails helps nobody.
    private static readonly TimeSpan OldestMentioned = TimeSpan.FromDays(2);

    private sealed record Pending(Guid ConversationId, Guid UserId, long Since);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await SendAsync(cancellationToken);

    /// <summary>Returns how many emails were written.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var (batch, emailed) = await SendBatchAsync(cancellationToken);
            sent += emailed;
            if (batch < BatchSize)
            {
                break;
            }
        }
        if (sent > 0)
        {
            logger.LogInformation("Emailed {Count} participants about unread chat messages", sent);
        }
        return sent;
    }

    private async Task<(int Batch, int Emailed)> SendBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.UnreadEmailAfter;
        var oldest = now - OldestMentioned;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = await db.Database.SqlQuery<Pending>($"""
            SELECT r.conversation_id AS "ConversationId", r.user_id AS "UserId",
                   GREATEST(r.last_read_sequence, r.emailed_up_to_sequence) AS "Since"
            FROM conversation_read_states AS r
            JOIN conversations AS c ON c.id = r.conversation_id
            WHERE c.last_message_at >= {oldest}
              AND c.last_sequence > GREATEST(r.last_read_sequence, r.emailed_up_to_sequence)
              AND EXISTS (SELECT 1 FROM conversation_messages AS m
                          WHERE m.conversation_id = r.conversation_id AND m.sender_id <> r.user_id
                            AND m.sequence > GREATEST(r.last_read_sequence, r.emailed_up_to_sequence)
                            AND m.sent_at <= {cutoff} AND m.sent_at >= {oldest})
            LIMIT {BatchSize}
            FOR UPDATE OF r SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var emailed = 0;
        foreach (var row in pending)
        {
            var unread = await db.ConversationMessages.AsNoTracking()
                .Where(m => m.ConversationId == row.ConversationId && m.Sequence > row.Since && m.SenderId != row.UserId)
                .OrderBy(m => m.Sequence).Select(m => new { m.Sequence, m.Text, m.SenderId, Files = m.Attachments.Count })
                .ToListAsync(cancellationToken);
            var upTo = unread.Max(m => m.Sequence);
            await db.ConversationReadStates.Where(r => r.ConversationId == row.ConversationId && r.UserId == row.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.EmailedUpToSequence, upTo), cancellationToken);
            if (await db.EmailModeAsync(row.UserId, NotificationKinds.Message, cancellationToken) == EmailMode.Off)
            {
                continue;
            }
            var people = await db.Users.AsNoTracking().Where(u => u.Id == row.UserId || u.Id == unread[0].SenderId)
                .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
            var recipient = people.SingleOrDefault(p => p.Id == row.UserId);
            var sender = people.SingleOrDefault(p => p.Id == unread[0].SenderId);
            if (recipient?.Email is null)
            {
                continue;
            }
            var texts = unread.Select(m => m.Text.Length > 0 ? m.Text : $"({m.Files} attachment{(m.Files == 1 ? "" : "s")})").ToList();
            var token = await db.UnsubscribeTokenAsync(row.UserId, clock, cancellationToken);
            db.AddIntegrationEvent(emails.UnreadMessages(recipient.Email, recipient.DisplayName, token, sender?.DisplayName ?? "Someone", row.ConversationId, texts), clock);
            emailed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (pending.Count, emailed);
    }
}
