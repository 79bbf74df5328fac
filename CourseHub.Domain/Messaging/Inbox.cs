using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain.Messaging;

public enum InboxOutcome
{
    /// <summary>The work ran and is recorded done.</summary>
    Processed,
    /// <summary>The message had been processed before; the work did not run again.</summary>
    AlreadyProcessed,
    /// <summary>Another consumer holds the claim on this message right now; come back after <see cref="InboxResult.RetryAfter"/>.</summary>
    ClaimedElsewhere,
}

public readonly record struct InboxResult(InboxOutcome Outcome, TimeSpan RetryAfter = default);

/// <summary>
/// At-least-once processing with deduplication, for work that talks to the world outside the database (SMTP,
/// SignalR): no transaction is open while it runs. Per (message, consumer):
/// <list type="number">
/// <item>claim the inbox row (committed at once; a copy of the message arriving meanwhile is told to come back later),</item>
/// <item>do the work,</item>
/// <item>record it done (a copy arriving later is skipped).</item>
/// </list>
/// A crash between 2 and 3 leaves a claim that expires after <see cref="ClaimLease"/>; the broker redelivers the
/// message and it is processed again. So the work can happen twice (never zero times): it should make a repeat
/// recognisable as the same (an email's Message-ID, a notification's id). Work that only changes this database
/// needs none of this: it can commit together with its inbox row and happen exactly once.
/// </summary>
public sealed class Inbox(CourseHubDbContext db, TimeProvider clock)
{
    /// <summary>How long a claim holds. Longer than the work takes, or a copy may run it a second time meanwhile.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(1);

    // A copy that finds the message claimed checks back soon: the claim usually ends within a second, and one left
    // by a crash ends with its lease.
    private static readonly TimeSpan MinRecheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRecheck = TimeSpan.FromSeconds(2);

    public async Task<InboxResult> ProcessAsync(string messageId, string consumer, Func<CancellationToken, Task> work,
        CancellationToken cancellationToken)
    {
        var now = ToMicroseconds(clock.GetUtcNow());
        var claimedUntil = now + ClaimLease;
        // One statement, so one short transaction of its own: a new row, or the row of an abandoned claim, becomes ours.
        // A concurrent copy's insert waits on the primary key until this commits and then updates nothing.
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO inbox_messages (message_id, consumer, claimed_until) VALUES ({messageId}, {consumer}, {claimedUntil})
            ON CONFLICT (message_id, consumer) DO UPDATE SET claimed_until = excluded.claimed_until
            WHERE inbox_messages.processed_at IS NULL AND inbox_messages.claimed_until <= {now}
            """, cancellationToken);
        if (claimed == 0)
        {
            return await WhyNotClaimedAsync(messageId, consumer, now, cancellationToken);
        }

        try
        {
            await work(cancellationToken);
        }
        catch
        {
            await ReleaseAsync(messageId, consumer, claimedUntil);
            throw;
        }

        // Not cancellable: the work has happened, and recording it is what keeps a redelivery from repeating it.
        await Row(messageId, consumer).ExecuteUpdateAsync(update => update
            .SetProperty(row => row.ProcessedAt, clock.GetUtcNow())
            .SetProperty(row => row.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        return new InboxResult(InboxOutcome.Processed);
    }

    private async Task<InboxResult> WhyNotClaimedAsync(string messageId, string consumer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await Row(messageId, consumer).AsNoTracking()
            .Select(row => new { row.ProcessedAt, row.ClaimedUntil })
            .SingleOrDefaultAsync(cancellationToken);
        if (row?.ProcessedAt is not null)
        {
            return new InboxResult(InboxOutcome.AlreadyProcessed);
        }
        // Claimed (or released a moment ago, when the row is gone): either way, try again shortly.
        var left = (row?.ClaimedUntil ?? now) - now;
        return new InboxResult(InboxOutcome.ClaimedElsewhere, left < MinRecheck ? MinRecheck : left > MaxRecheck ? MaxRecheck : left);
    }

    /// <summary>A failed attempt gives up its claim, so the retry need not wait out the lease.</summary>
    private async Task ReleaseAsync(string messageId, string consumer, DateTimeOffset claimedUntil)
    {
        try
        {
            // Only our own claim: if it expired meanwhile, someone else may hold the row now.
            await Row(messageId, consumer).Where(row => row.ProcessedAt == null && row.ClaimedUntil == claimedUntil)
                .ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is unwell too; the claim then simply expires with its lease.
        }
    }

    private IQueryable<InboxMessage> Row(string messageId, string consumer) =>
        db.InboxMessages.Where(row => row.MessageId == messageId && row.Consumer == consumer);

    // PostgreSQL keeps microseconds: a claim is later matched by its expiry, so it must be one the database can store exactly.
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) => new(time.Ticks - time.Ticks % 10, TimeSpan.Zero);
}
