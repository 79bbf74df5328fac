using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.EventBus;
using CourseHub.ServiceDefaults;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using CourseHub.Worker.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CourseHub.Tests.Messaging;

/// <summary>
/// One trace from the request that wrote an event to the work its consumer does: the Api stores the
/// request's trace context on the outbox row, the Worker's relay publishes under it, and the consumer
/// (the production consumer and email handler, run here on a queue of the test's own so that their
/// spans can be watched) continues it down to the SMTP send.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TraceContextTests(SystemFixture system)
{
    [Fact]
    public async Task A_sign_up_is_one_trace_from_the_api_request_through_the_outbox_and_broker_to_the_smtp_send()
    {
        var queue = $"tests.trace-{Guid.NewGuid():N}";
        var finished = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var consumerServices = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_ => new RabbitMqConnection(
                RabbitMqConnection.CreateFactory(system.ConnectionString("messaging"), "tests"), NullLogger<RabbitMqConnection>.Instance))
            .AddDbContext<CourseHubDbContext>(options => options.UseNpgsql(system.ConnectionString("coursehub")))
            .AddSingleton(SmtpEndpoint.Parse(system.ConnectionString("mail")))
            .AddSingleton(Options.Create(new EmailOptions()))
            .AddScoped<EmailSender>()
            .AddSingleton(TimeProvider.System)
            .AddScoped<Inbox>()
            .AddEventHandler<EmailRequested, EmailRequestedHandler>(queue)
            .BuildServiceProvider();
        var consumer = consumerServices.GetServices<IHostedService>().Single();
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            await TestQueues.WaitUntilConsumingAsync(consumerServices.GetRequiredService<RabbitMqConnection>(), queue);

            // The client's trace: the Api's request span joins it (W3C traceparent), and so must everything after it.
            // Straight to one replica: the AppHost's load-balancing proxy is not what is under test.
            var trace = ActivityTraceId.CreateRandom();
            var email = IdentityClient.NewEmail("traced");
            using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").ReplicaUrls.First()) };
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.19.{Random.Shared.Next(0, 250)}.{Random.Shared.Next(1, 250)}");
            using var register = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
            {
                Content = JsonContent.Create(new { email, password = "correct-horse-battery", displayName = "Traced", role = "Student" }),
            };
            register.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await http.SendAsync(register);
            Assert.True(response.IsSuccessStatusCode, $"register: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            await using (var db = system.CreateDbContext())
            {
                var row = await db.OutboxMessages
                    .FromSql($"SELECT * FROM outbox_messages WHERE type = 'EmailRequested' AND payload->>'to' = {email}")
                    .SingleAsync();
                Assert.True(ActivityContext.TryParse(row.TraceParent, null, out var written), $"outbox row trace context: {row.TraceParent}");
                Assert.Equal(trace, written.TraceId);
            }

            Activity? process = null, smtp = null;
            await Eventually.TrueAsync(() =>
            {
                process = finished.FirstOrDefault(activity => activity.TraceId == trace && activity.OperationName == $"{queue} process");
                smtp = finished.FirstOrDefault(activity => activity.TraceId == trace && activity.OperationName == "smtp send");
                return Task.FromResult(process is not null && smtp is not null);
            }, TimeSpan.FromSeconds(60), "the consumer's and the SMTP send's spans of the sign-up's trace");

            Assert.Equal(ActivityKind.Consumer, process!.Kind);
            Assert.Equal(ActivityStatusCode.Unset, process.Status);
            // The consumer's parent is the Worker relay's publish span (or RabbitMQ.Client's), not a span of its own making.
            Assert.NotEqual(default, process.ParentSpanId);
            Assert.Equal(process.SpanId, smtp!.ParentSpanId);
            Assert.Equal(ActivityKind.Client, smtp.Kind);
            await Eventually.TrueAsync(async () => (await system.Mail.AllAsync()).Any(mail => mail.To.Any(to => to.Email == email)),
                TimeSpan.FromSeconds(30), $"the activation mail to {email}");
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
            await TestQueues.DeleteAsync(system, queue);
        }
    }
}
