using CourseHub.Contracts.LiveClasses;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Web.Features.LiveClasses;

/// <summary>Something the live-room hub refused (not yours, not started, not the teacher): its sentence is for the user.</summary>
public sealed class LiveRoomRefusedException(string message) : Exception(message);

/// <summary>
/// One circuit's connection to Realtime's live-room hub (scoped: one per browser tab), made by this server with the user's
/// access token, which never reaches the browser. After a reconnect it joins its room again, so presence comes back.
/// </summary>
public sealed class LiveRoomConnection(IConfiguration configuration, ApiCaller api, ILogger<LiveRoomConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private HubConnection? _hub;
    private Guid? _room;

    public event Func<LiveRoomState, Task>? RoomChanged;
    public event Func<Task>? StateChanged;

    public HubConnectionState State => _hub?.State ?? HubConnectionState.Disconnected;

    /// <summary>Enters the room (or learns it is not open yet): the room's state, or null when Realtime cannot be reached.</summary>
    public async Task<LiveRoomState?> JoinAsync(Guid sessionId)
    {
        if (!await EnsureStartedAsync())
        {
            return null;
        }
        _room = sessionId;
        return await InvokeAsync(() => _hub!.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Join, sessionId));
    }

    public Task<LiveRoomState?> StartAsync(Guid sessionId) => InvokeAsync(() => _hub!.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Start, sessionId));

    public Task<LiveRoomState?> EndAsync(Guid sessionId) => InvokeAsync(() => _hub!.InvokeAsync<LiveRoomState>(LiveRoomHubNames.End, sessionId));

    public Task<LiveRoomState?> RaiseHandAsync(Guid sessionId, bool raised) =>
        InvokeAsync(() => _hub!.InvokeAsync<LiveRoomState>(LiveRoomHubNames.RaiseHand, sessionId, raised));

    public async Task LeaveAsync()
    {
        if (_room is { } room && _hub?.State == HubConnectionState.Connected)
        {
            _room = null;
            try
            {
                await _hub.InvokeAsync(LiveRoomHubNames.Leave, room);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug("Leave not sent: {Reason}", ex.Message);
            }
        }
    }

    private async Task<LiveRoomState?> InvokeAsync(Func<Task<LiveRoomState>> call)
    {
        if (_hub?.State != HubConnectionState.Connected)
        {
            throw new LiveRoomRefusedException("The live room is reconnecting. Try again in a moment.");
        }
        try
        {
            return await call();
        }
        catch (HubException ex)
        {
            const string marker = "HubException: ";
            var at = ex.Message.IndexOf(marker, StringComparison.Ordinal);
            throw new LiveRoomRefusedException(at >= 0 ? ex.Message[(at + marker.Length)..] : ex.Message);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogInformation("Live room call interrupted: {Reason}", ex.Message);
            return null;
        }
    }

    private async Task<bool> EnsureStartedAsync()
    {
        if (_hub?.State == HubConnectionState.Connected)
        {
            return true;
        }
        await _startGate.WaitAsync();
        try
        {
            _hub ??= Build();
            if (_hub.State == HubConnectionState.Disconnected)
            {
                await _hub.StartAsync();
            }
            return _hub.State == HubConnectionState.Connected;
        }
        catch (Exception ex) when (ex is HttpRequestException or SessionEndedException or IOException or InvalidOperationException
                                       or System.Net.WebSockets.WebSocketException or TimeoutException)
        {
            logger.LogWarning("Could not connect to the live-room hub: {Reason}", ex.Message);
            return false;
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
            .WithUrl(baseUrl.TrimEnd('/') + LiveRoomHubNames.Path, options =>
            {
                // WebSockets straight away: no negotiate round trip, and no sticky sessions needed across Realtime replicas.
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = async () => await api.AccessTokenAsync();
            })
            .WithAutomaticReconnect(new HubRetryPolicy())
            .Build();
        hub.On<LiveRoomState>(LiveRoomHubNames.RoomChanged, state => RaiseAsync(RoomChanged, state));
        hub.Reconnecting += _ => RaiseAsync(StateChanged);
        hub.Reconnected += async _ =>
        {
            // A new connection id: the hub forgot this tab, so enter the room again.
            if (_room is { } room)
            {
                try
                {
                    if (await hub.InvokeAsync<LiveRoomState>(LiveRoomHubNames.Join, room) is { } state)
                    {
                        await RaiseAsync(RoomChanged, state);
                    }
                }
                catch (Exception ex) when (ex is HubException or IOException or InvalidOperationException)
                {
                    logger.LogInformation("Could not rejoin the live room: {Reason}", ex.Message);
                }
            }
            await RaiseAsync(StateChanged);
        };
        hub.Closed += _ => RaiseAsync(StateChanged);
        return hub;
    }

    private async Task RaiseAsync(Func<LiveRoomState, Task>? handlers, LiveRoomState state)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<LiveRoomState, Task>>() ?? [])
        {
            try
            {
                await handler(state);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live-room listener failed");
            }
        }
    }

    private async Task RaiseAsync(Func<Task>? handlers)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            try
            {
                await handler();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live-room listener failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
        _startGate.Dispose();
    }
}
