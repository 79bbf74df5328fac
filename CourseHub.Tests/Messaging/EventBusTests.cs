using System.Diagnostics;
using System.Text;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace CourseHub.Tests.Messaging;

/// <summary>
/// The event bus end to end, with the production pieces: an <see cref="EmailRequested"/> written to
/// the outbox is relayed by the Worker replicas to RabbitMQ, consumed by the Worker's email handler
/// and delivered over SMTP to MailDev. Delivery is at least once; the inbox deduplicates, and a
/// repeat that gets through (a crash between the send and its record) is the same email.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EventBusTests(SystemFixture system)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_event_committed_with_its_change_arrives_as_one_email_whose_Message_ID_is_the_event_id()
    {
        var subject = Unique("Welcome");
        var id = await CommitEmailAsync(subject);

        var mails = await system.Mail.WaitForSubjectAsync(subject, DeliveryTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a wrong second delivery to show up
        Assert.Single(await system.Mail.WithSubjectAsync(subject));
        Assert.Equal("learner@example.com", mails[0].To.Single().Email);
        Assert.Equal($"{id}@coursehub.local", mails[0].MessageId);
    }

    [Fact]
    public async Task An_event_committed_while_RabbitMQ_is_down_waits_in_the_outbox_and_is_delivered_when_it_is_back()
    {
        await system.StopAsync("messaging");
        var subject = Unique("Written during the outage");
        try
        {
            var id = await CommitEmailAsync(subject);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await using (var db = system.CreateDbContext())
            {
                var row = await db.OutboxMessages.SingleAsync(message => message.Id == id);
                Assert.Null(row.SentAt); // nowhere to go: it waits in the outbox
                Assert.True(row.Attempts > 0, "the relay should have tried and backed off");
            }
            Assert.Empty(await system.Mail.WithSubjectAsync(subject));
        }
        finally
        {
            await system.StartAsync("messaging");
        }
        await system.WaitForHealthyAsync("messaging", TimeSpan.FromSeconds(60));

        await system.Mail.WaitForSubjectAsync(subject, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await system.Mail.WithSubjectAsync(subject));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_delivered_at_least_once_and_deduplicated()
    {
        var subject = Unique("Duplicate");
        var message = OutgoingMessage.Create(new EmailRequested("learner@example.com", subject, "<p>once</p>", "once"));
        await using var connection = new RabbitMqConnection(
            RabbitMqConnection.CreateFactory(system.ConnectionString("messaging"), "tests"), NullLogger<RabbitMqConnection>.Instance);
        await using var publisher = new EventPublisher(connection);

        await publisher.PublishAsync(message, CancellationToken.None);
        await publisher.PublishAsync(message, CancellationToken.None); // same message id: a redelivery

        await system.Mail.WaitForSubjectAsync(subject, DeliveryTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await system.Mail.WithSubjectAsync(subject));
        await using var db = system.CreateDbContext();
        Assert.Equal(1, await db.InboxMessages.CountAsync(row => row.MessageId == message.MessageId));
    }

    [Fact]
    public async Task A_resend_after_a_crash_between_the_send_and_its_record_is_the_same_email_with_the_same_Message_ID()
    {
        var subject = Unique("Resent");
        var message = OutgoingMessage.Create(new EmailRequested("learner@example.com", subject, "<p>again</p>", "again"));
        await using var connection = new RabbitMqConnection(
            RabbitMqConnection.CreateFactory(system.ConnectionString("messaging"), "tests"), NullLogger<RabbitMqConnection>.Instance);
        await using var publisher = new EventPublisher(connection);
        await publisher.PublishAsync(message, CancellationToken.None);
        await system.Mail.WaitForSubjectAsync(subject, DeliveryTimeout);

        // What a Worker that crashed right after the SMTP server took the mail leaves behind, once the claim's lease has
        // run out: the message claimed, never recorded done. The broker then delivers the message again.
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(1, await db.InboxMessages.Where(row => row.MessageId == message.MessageId)
                .ExecuteUpdateAsync(update => update
                    .SetProperty(row => row.ProcessedAt, (DateTimeOffset?)null)
                    .SetProperty(row => row.ClaimedUntil, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1))));
        }
        await publisher.PublishAsync(message, CancellationToken.None);

        // At least once: it is sent again. And recognisably the same email: one Message-ID, from the event's id.
        await Eventually.TrueAsync(async () => (await system.Mail.WithSubjectAsync(subject)).Count == 2,
            DeliveryTimeout, "the second copy of the mail");
        var copies = await system.Mail.WithSubjectAsync(subject);
        Assert.All(copies, copy => Assert.Equal($"{message.MessageId}@coursehub.local", copy.MessageId));
        await using (var db = system.CreateDbContext())
        {
            await Eventually.TrueAsync(async () => await db.InboxMessages.AnyAsync(row => row.MessageId == message.MessageId && row.ProcessedAt != null),
                TimeSpan.FromSeconds(10), "the resend to be recorded");
        }
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_dead_letter_queue_after_its_retries_with_its_trace()
    {
        // The request that wrote the event has a trace; it must follow the event through relay, broker and consumer.
        using var request = new Activity("test request").SetIdFormat(ActivityIdFormat.W3C).Start();
        Guid id;
        await using (var db = system.CreateDbContext())
        {
            // No SMTP server accepts this recipient, so every attempt fails.
            id = db.AddIntegrationEvent(new EmailRequested("this is not an address", Unique("Never"), "<p>x</p>", "x"), TimeProvider.System).Id;
            await db.SaveChangesAsync();
        }
        request.Stop();

        await using var connection = new RabbitMqConnection(
            RabbitMqConnection.CreateFactory(system.ConnectionString("messaging"), "tests"), NullLogger<RabbitMqConnection>.Instance);
        var deadLetterQueue = EventBusTopology.DeadLetterQueue("worker.email-requested");
        var channel = await (await connection.GetAsync(CancellationToken.None)).CreateChannelAsync();
        BasicGetResult? found = null;
        await Eventually.TrueAsync(async () =>
        {
            // Look through the dead letters for ours; put the others back.
            var seen = new List<ulong>();
            while (await channel.BasicGetAsync(deadLetterQueue, autoAck: false) is { } result)
            {
                if (result.BasicProperties.MessageId == id.ToString())
                {
                    found = result;
                    await channel.BasicAckAsync(result.DeliveryTag, false);
                    break;
                }
                seen.Add(result.DeliveryTag);
            }
            foreach (var tag in seen)
            {
                await channel.BasicNackAsync(tag, false, requeue: true);
            }
            return found is not null;
        }, TimeSpan.FromSeconds(90), "the message to reach the dead-letter queue");

        var headers = found!.BasicProperties.Headers;
        Assert.Equal(new ConsumerOptions().MaxAttempts, MessageHeaders.GetInt(headers, MessageHeaders.Attempt, 0));
        Assert.False(string.IsNullOrWhiteSpace(MessageHeaders.GetString(headers, MessageHeaders.LastError)));
        Assert.Contains("this is not an address", Encoding.UTF8.GetString(found.Body.Span));
        Assert.True(ActivityContext.TryParse(MessageHeaders.GetString(headers, MessageHeaders.TraceParent), null, out var carried));
        Assert.Equal(request.TraceId, carried.TraceId);
        await channel.CloseAsync();
    }

    private async Task<Guid> CommitEmailAsync(string subject)
    {
        await using var db = system.CreateDbContext();
        var row = db.AddIntegrationEvent(new EmailRequested("learner@example.com", subject, $"<p>{subject}</p>", subject), TimeProvider.System);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";
}
