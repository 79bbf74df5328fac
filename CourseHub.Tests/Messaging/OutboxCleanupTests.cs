using CourseHub.Domain.Messaging;
using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CourseHub.Tests.Messaging;

/// <summary>The nightly cleanup's retention on a fake clock, on a database of the test's own (it deletes across the tables).</summary>
[Collection(SystemCollection.Name)]
public sealed class OutboxCleanupTests(SystemFixture system)
{
    [Fact]
    public async Task Published_outbox_rows_and_inbox_rows_older_than_the_retention_are_deleted_newer_and_unfinished_ones_kept()
    {
        await using var database = await ScratchDatabase.CreateMigratedAsync(system, "cleanup");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 3, 30, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        var older = now - OutboxCleanupJob.Retention - TimeSpan.FromMinutes(1);
        var newer = now - OutboxCleanupJob.Retention + TimeSpan.FromMinutes(1);
        await using (var db = database.CreateDbContext())
        {
            db.OutboxMessages.AddRange(
                Outbox("sent-long-ago", occurredAt: older, sentAt: older),
                Outbox("sent-recently", occurredAt: older, sentAt: newer),
                Outbox("never-sent", occurredAt: older, sentAt: null));
            db.InboxMessages.AddRange(
                new InboxMessage { MessageId = "processed-long-ago", Consumer = "tests", ProcessedAt = older },
                new InboxMessage { MessageId = "processed-recently", Consumer = "tests", ProcessedAt = newer },
                new InboxMessage { MessageId = "abandoned-long-ago", Consumer = "tests", ClaimedUntil = older },
                new InboxMessage { MessageId = "claimed-now", Consumer = "tests", ClaimedUntil = now + Inbox.ClaimLease });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var removed = await new OutboxCleanupJob(db, clock, NullLogger<OutboxCleanupJob>.Instance).CleanAsync(CancellationToken.None);
            Assert.Equal((1, 2), removed);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["never-sent", "sent-recently"], (await db.OutboxMessages.Select(row => row.Type).ToListAsync()).Order());
            Assert.Equal(["claimed-now", "processed-recently"], (await db.InboxMessages.Select(row => row.MessageId).ToListAsync()).Order());
        }
    }

    // The type column names each row, which is all this test needs of it.
    private static OutboxMessage Outbox(string name, DateTimeOffset occurredAt, DateTimeOffset? sentAt) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = name,
        Payload = "{}",
        OccurredAt = occurredAt,
        NextAttemptAt = occurredAt,
        SentAt = sentAt,
    };
}
