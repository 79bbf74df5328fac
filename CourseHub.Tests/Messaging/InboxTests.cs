using CourseHub.Domain.Messaging;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CourseHub.Tests.Messaging;

/// <summary>
/// The inbox's claim → work → record-done protocol against the system's PostgreSQL, with a fake clock for the claim's
/// lease. Each test uses a message id of its own.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class InboxTests(SystemFixture system)
{
    private const string Consumer = "tests.inbox";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_work_runs_outside_any_transaction_with_its_claim_already_committed_and_is_recorded_done()
    {
        var id = NewMessageId();
        await using var db = system.CreateDbContext();
        InboxMessage? seenDuringWork = null;
        var result = await new Inbox(db, _clock).ProcessAsync(id, Consumer, async _ =>
        {
            Assert.Null(db.Database.CurrentTransaction);
            // Another connection sees the claim: it was committed before the work began, so nothing is held open.
            await using var other = system.CreateDbContext();
            seenDuringWork = await other.InboxMessages.AsNoTracking().SingleAsync(row => row.MessageId == id);
            _clock.Advance(TimeSpan.FromSeconds(3));
        }, CancellationToken.None);

        Assert.Equal(InboxOutcome.Processed, result.Outcome);
        Assert.NotNull(seenDuringWork);
        Assert.Null(seenDuringWork.ProcessedAt);
        Assert.True(seenDuringWork.ClaimedUntil > _clock.GetUtcNow(), "the claim holds for a while");
        var row = await Row(id);
        Assert.Null(row.ClaimedUntil);
        Assert.Equal(_clock.GetUtcNow(), row.ProcessedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_message_recorded_done_is_skipped_when_it_comes_again()
    {
        var id = NewMessageId();
        var runs = 0;
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var db = system.CreateDbContext();
            await new Inbox(db, _clock).ProcessAsync(id, Consumer, _ => { runs++; return Task.CompletedTask; }, CancellationToken.None);
        }
        Assert.Equal(1, runs);
        await using var again = system.CreateDbContext();
        var result = await new Inbox(again, _clock).ProcessAsync(id, Consumer, _ => throw new InvalidOperationException("must not run"), CancellationToken.None);
        Assert.Equal(InboxOutcome.AlreadyProcessed, result.Outcome);
    }

    [Fact]
    public async Task A_copy_arriving_while_the_message_is_claimed_comes_back_later_and_does_not_run_the_work()
    {
        var id = NewMessageId();
        InboxResult copy = default;
        await using var db = system.CreateDbContext();
        await new Inbox(db, _clock).ProcessAsync(id, Consumer, async _ =>
        {
            await using var other = system.CreateDbContext();
            copy = await new Inbox(other, _clock).ProcessAsync(id, Consumer, _ => throw new InvalidOperationException("must not run"), CancellationToken.None);
        }, CancellationToken.None);

        Assert.Equal(InboxOutcome.ClaimedElsewhere, copy.Outcome);
        Assert.InRange(copy.RetryAfter, TimeSpan.FromSeconds(1), Inbox.ClaimLease);
    }

    [Fact]
    public async Task A_claim_abandoned_by_a_crash_is_taken_over_once_its_lease_has_run_out_so_the_work_happens_again()
    {
        var id = NewMessageId();
        await using var db = system.CreateDbContext();
        // A consumer claimed the message and died (after its send or before, nobody knows) without recording anything.
        db.InboxMessages.Add(new InboxMessage { MessageId = id, Consumer = Consumer, ClaimedUntil = _clock.GetUtcNow() + Inbox.ClaimLease });
        await db.SaveChangesAsync();
        var inbox = new Inbox(db, _clock);
        var runs = 0;

        var early = await inbox.ProcessAsync(id, Consumer, _ => { runs++; return Task.CompletedTask; }, CancellationToken.None);
        Assert.Equal(InboxOutcome.ClaimedElsewhere, early.Outcome);

        _clock.Advance(Inbox.ClaimLease + TimeSpan.FromSeconds(1));
        var late = await inbox.ProcessAsync(id, Consumer, _ => { runs++; return Task.CompletedTask; }, CancellationToken.None);
        Assert.Equal(InboxOutcome.Processed, late.Outcome);
        Assert.Equal(1, runs);
        Assert.NotNull((await Row(id)).ProcessedAt);
    }

    [Fact]
    public async Task A_failed_attempt_gives_up_its_claim_so_the_retry_runs_at_once()
    {
        var id = NewMessageId();
        await using var db = system.CreateDbContext();
        var inbox = new Inbox(db, _clock);
        await Assert.ThrowsAsync<TimeoutException>(() =>
            inbox.ProcessAsync(id, Consumer, _ => throw new TimeoutException("the SMTP server did not answer"), CancellationToken.None));
        Assert.False(await db.InboxMessages.AnyAsync(row => row.MessageId == id));

        var retry = await inbox.ProcessAsync(id, Consumer, _ => Task.CompletedTask, CancellationToken.None);
        Assert.Equal(InboxOutcome.Processed, retry.Outcome);
    }

    private static string NewMessageId() => Guid.CreateVersion7().ToString();

    private async Task<InboxMessage> Row(string id)
    {
        await using var db = system.CreateDbContext();
        return await db.InboxMessages.AsNoTracking().SingleAsync(row => row.MessageId == id && row.Consumer == Consumer);
    }
}
