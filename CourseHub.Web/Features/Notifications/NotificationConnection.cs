using CourseHub.Contracts.Notifications;
using CourseHub.Contracts.Video;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Web.Features.Notifications;

/// <summary>
/// One circuit's connection to Realtime's notifications hub (scoped: one per browser tab), made by this server with the
/// user's access token. The hub puts a signed-in connection in its user's group by itself, so every stored notification
/// arrives here as <see cref="NotificationReceived"/>; after a reconnect <see cref="Reconnected"/> lets the bell reload
/// what it missed from the Api.
/// </summary>
public sealed class NotificationConnection(IConfiguration configuration, ApiCaller api, ILogger<NotificationConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private HubConnection? _hub;
    private bool _disposed;

    public event Func<NotificationItem, Task>? NotificationReceived;
    /// <summary>A teacher's lesson video moved on in its processing (the studio's live progress).</summary>
    public event Func<VideoProcessingUpdate, Task>? VideoProcessingReceived;
    public event Func<Task>? Reconnected;

    public async Task EnsureStartedAsync()
    {
        await _startGate.WaitAsync();
        try
        {
            if (_disposed || _hub?.State is HubConnectionState.Connected or HubConnectionState.Connecting or HubConnectionState.Reconnecting)
            {
                return;
            }
            _hub ??= Build();
            await _hub.StartAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or SessionEndedException or IOException or InvalidOperationException
                                       or System.Net.WebSockets.WebSocketException or TimeoutException)
        {
            // The bell still shows what the Api says; live updates start with the next page that asks.
            logger.LogWarning("Could not connect to the notifications hub: {Reason}", ex.Message);
        }
        finally
        {
            _startGate.Release();
        }
    }

    private HubConnection Build()
    {
        var baseUrl = configuration["services:realtime:https:0"] ?? configuration["services:realtime:http:0"]
            ?? throw new InvalidOperationException("services:realtime:http:0 is not configured.");
        var hub = new HubConnectionBuilder()
            .WithUrl(baseUrl.TrimEnd('/') + NotificationHubNames.Path, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = async () => await api.AccessTokenAsync();
            })
            .WithAutomaticReconnect(new HubRetryPolicy())
            .Build();
        hub.On<NotificationItem>(NotificationHubNames.NotificationReceived, async item =>
        {
            foreach (var handler in NotificationReceived?.GetInvocationList().Cast<Func<NotificationItem, Task>>() ?? [])
            {
                await handler(item);
            }
        });
        hub.On<VideoProcessingUpdate>(VideoHubNames.VideoProcessing, async update =>
        {
            foreach (var handler in VideoProcessingReceived?.GetInvocationList().Cast<Func<VideoProcessingUpdate, Task>>() ?? [])
            {
                await handler(update);
            }
        });
        hub.Reconnected += async _ =>
        {
            foreach (var handler in Reconnected?.GetInvocationList().Cast<Func<Task>>() ?? [])
            {
                await handler();
            }
        };
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}
