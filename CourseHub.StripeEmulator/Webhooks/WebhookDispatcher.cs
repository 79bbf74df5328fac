using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CourseHub.StripeEmulator.State;
using Microsoft.Extensions.Options;

namespace CourseHub.StripeEmulator.Webhooks;

/// <summary>
/// Delivers each event to Emulator:WebhookUrl on its own loop, so a slow or failing event never holds up another,
/// retrying with doubling back-off until the endpoint answers 2xx. Undelivered events are picked up again at start,
/// so with Emulator:DataPath nothing is lost while the endpoint (or the emulator) is down.
/// </summary>
public sealed class WebhookDispatcher(
    EmulatorStore store, IOptions<EmulatorOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : IHostedService
{
    public const string HttpClientName = "webhooks";

    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, Task> loops = new();

    private EmulatorOptions Options => options.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.EventRaised += StartDelivery;
        var undelivered = store.Read(state => state.Events.Where(record => !record.Delivery.Delivered).Select(record => record.Event.Id).ToList());
        foreach (var eventId in undelivered)
        {
            StartDelivery(eventId);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        store.EventRaised -= StartDelivery;
        await stopping.CancelAsync();
        await Task.WhenAll(loops.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void StartDelivery(string eventId)
    {
        if (string.IsNullOrEmpty(Options.WebhookUrl) || stopping.IsCancellationRequested)
        {
            return;
        }
        loops[eventId] = Task.Run(() => DeliverUntilAcceptedAsync(eventId, stopping.Token));
    }

    private async Task DeliverUntilAcceptedAsync(string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var delay = Options.WebhookRetryInitialDelay;
            while (!await AttemptAsync(eventId, onlyIfUndelivered: true, cancellationToken))
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.WebhookRetryMaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            loops.TryRemove(eventId, out _);
        }
    }

    /// <summary>Sends the event once now (a resend, or the retry loop's next try); true when it is delivered.</summary>
    public async Task<bool> AttemptAsync(string eventId, bool onlyIfUndelivered, CancellationToken cancellationToken)
    {
        var body = store.Read(state => state.Events.FirstOrDefault(record => record.Event.Id == eventId) is { } record
            && !(onlyIfUndelivered && record.Delivery.Delivered)
                ? JsonSerializer.Serialize(record.Event, StripeJson.Options)
                : null);
        if (body is null)
        {
            return true;
        }
        int? statusCode = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Options.WebhookUrl)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Stripe-Signature",
                WebhookSignature.Header(body, time.GetUtcNow().ToUnixTimeSeconds(), Options.WebhookSecret));
            request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            statusCode = (int)response.StatusCode;
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = failure.Message;
        }
        var delivered = statusCode is >= 200 and < 300;
        if (!delivered)
        {
            logger.LogInformation("Webhook {EventId} not accepted: {Status}", eventId, statusCode?.ToString() ?? error);
        }
        store.Change(change =>
        {
            var record = change.State.Events.First(record => record.Event.Id == eventId);
            record.Delivery.Attempts++;
            record.Delivery.LastStatusCode = statusCode;
            record.Delivery.LastError = error;
            record.Delivery.LastAttemptAt = time.GetUtcNow();
            record.Delivery.Delivered |= delivered;
            if (record.Delivery.Delivered)
            {
                record.Event.PendingWebhooks = 0;
            }
            return 0;
        });
        return delivered;
    }
}
