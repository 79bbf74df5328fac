using System.Text.Json;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Realtime.Features.Notifications;
using CourseHub.Tests.Infrastructure;

namespace CourseHub.Tests.Browser;

/// <summary>
/// A browser speaking SignalR's JSON protocol over plain WebSockets to the one Realtime endpoint in front of two replicas:
/// every connection gets its handshake, its subscription and the notification, whichever replica it landed on.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RealtimeBrowserTests(SystemFixture system)
{
    private const int Connections = 6;

    [Fact]
    public async Task Browser_clients_through_the_shared_endpoint_of_two_replicas_all_receive_a_notification()
    {
        var realtime = system.Project("realtime");
        Assert.Equal(2, realtime.ReplicaUrls.Count);
        var topic = "browser-" + Guid.NewGuid().ToString("N")[..8];

        await using var session = await Browsers.LaunchAsync();
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync($"{realtime.Url}/alive"); // same origin as the hub
        await page.EvaluateAsync(Script, new { url = realtime.Url.Replace("http://", "ws://") + "/hubs/notifications", topic, count = Connections });
        await page.WaitForFunctionAsync($"window.subscribed === {Connections}", null, new() { Timeout = 20_000 });

        await using (var db = system.CreateDbContext())
        {
            db.AddIntegrationEvent(new NotificationRequested(topic, "Live class", "Starts in five minutes", "/live"), TimeProvider.System);
            await db.SaveChangesAsync();
        }

        await page.WaitForFunctionAsync($"window.received.length === {Connections}", null, new() { Timeout = 30_000 });
        var received = await page.EvaluateAsync<JsonElement>("window.received");
        Assert.All(received.EnumerateArray(), notification =>
        {
            Assert.Equal(topic, notification.GetProperty("topic").GetString());
            Assert.Equal("Starts in five minutes", notification.GetProperty("body").GetString());
        });
        Assert.Equal(0, await page.EvaluateAsync<int>("window.failures.length"));
    }

    // SignalR's JSON hub protocol: records end with 0x1E; a handshake, then invocations (type 1) and completions (type 3).
    private const string Script = $$"""
        ({ url, topic, count }) => {
          const separator = String.fromCharCode(0x1e);
          window.subscribed = 0; window.received = []; window.failures = [];
          for (let i = 0; i < count; i++) {
            const socket = new WebSocket(url);
            socket.onopen = () => socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + separator);
            socket.onerror = () => window.failures.push('error on ' + i);
            let handshaken = false;
            socket.onmessage = event => {
              for (const record of event.data.split(separator).filter(text => text.length > 0)) {
                const message = JSON.parse(record);
                if (!handshaken) {
                  handshaken = true;
                  if (message.error) { window.failures.push(message.error); return; }
                  socket.send(JSON.stringify({ type: 1, invocationId: String(i), target: 'Subscribe', arguments: [topic] }) + separator);
                } else if (message.type === 3) {
                  if (message.error) window.failures.push(message.error); else window.subscribed++;
                } else if (message.type === 1 && message.target === '{{NotificationsHub.NotificationMethod}}') {
                  window.received.push(message.arguments[0]);
                }
              }
            };
          }
        }
        """;
}
