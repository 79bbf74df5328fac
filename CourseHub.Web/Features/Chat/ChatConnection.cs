using System.Collections.Concurrent;
using CourseHub.Contracts.Chat;
using CourseHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Web.Features.Chat;

/// <summary>A send the hub refused (too long, too fast, not a participant): its message is for the user.</summary>
public sealed class ChatRefusedException(string message) : Exception(message);

/// <summary>
/// One circuit's connection to Realtime's chat hub (scoped: one per browser tab), made by this server with the signed-in
/// user's access token, which never reaches the browser. It reconnects by itself for as long as the tab is open; after
/// a reconnect it tells its listeners (<see cref="Reconnected"/>) so they catch up by sequence, and it sends again every
/// message the hub had not acknowledged, with the same clientMessageId, so none is lost and none is stored twice.
/// The server-side URL comes from service discovery (<c>services:realtime:…</c>): this server connects, not the browser.
/// </summary>
public sealed class ChatConnection(IConfiguration configuration, ApiCaller api, ILogger<ChatConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly ConcurrentDictionary<string, SendMessageRequest> _unacknowledged = new();
    private HubConnection? _hub;
    private bool _disposed;
    private bool _everConnected;

    public event Func<ChatMessage, Task>? MessageReceived;
    public event Func<TypingStarted, Task>? TypingStarted;
    public event Func<ReadUpTo, Task>? ReadUpTo;
    public event Func<PresenceChanged, Task>? PresenceChanged;
    /// <summary>The connection is back after a break: fetch what was missed (afterSequence) and presence again.</summary>
    public event Func<Task>? Reconnected;
    public event Func<Task>? StateChanged;

    public HubConnectionState State => _hub?.State ?? HubConnectionState.Disconnected;

    /// <summary>Starts the connection once (later calls wait for it); false when it could not be made now (it is retried on the next call).</summary>
    public async Task<bool> EnsureStartedAsync()
    {
        if (_hub?.State == HubConnectionState.Connected)
        {
            return true;
        }
        await _startGate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return false;
            }
            _hub ??= Build();
            if (_hub.State == HubConnectionState.Disconnected)
            {
                await _hub.StartAsync();
                await RaiseAsync(StateChanged);
                if (_everConnected)
                {
                    // Started again after the connection had closed for good: the same catch-up as after a reconnect.
                    await RaiseAsync(Reconnected);
                    await ResendAsync();
                }
                _everConnected = true;
            }
            return _hub.State == HubConnectionState.Connected;
        }
        catch (Exception ex) when (ex is HttpRequestException or SessionEndedException or IOException or InvalidOperationException
                                       or System.Net.WebSockets.WebSocketException or TimeoutException)
        {
            logger.LogWarning("Could not connect to the chat hub: {Reason}", ex.Message);
            return false;
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>
    /// Sends a message and returns it as stored. A refusal of the hub throws <see cref="ChatRefusedException"/> (not retried);
    /// when the connection is down the message waits and goes out after the reconnect (<see cref="MessageReceived"/>
    /// then brings it), and this returns null.
    /// </summary>
    public async Task<ChatMessage?> SendAsync(SendMessageRequest request)
    {
        _unacknowledged[request.ClientMessageId!] = request;
        if (!await EnsureStartedAsync())
        {
            return null;
        }
        return await InvokeSendAsync(request);
    }

    /// <summary>Whether a message is still waiting for the hub's answer.</summary>
    public bool IsUnacknowledged(string clientMessageId) => _unacknowledged.ContainsKey(clientMessageId);

    /// <summary>"Typing…" for the other side; best effort (nothing to tell the user when it does not arrive).</summary>
    public async Task TypingAsync(Guid conversationId)
    {
        if (_hub?.State == HubConnectionState.Connected)
        {
            try
            {
                await _hub.SendAsync(ChatHubNames.Typing, conversationId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug("Typing not sent: {Reason}", ex.Message);
            }
        }
    }

    /// <summary>Marks the conversation read up to <paramref name="sequence"/>; null when it could not be told now.</summary>
    public async Task<long?> MarkReadAsync(Guid conversationId, long sequence)
    {
        if (!await EnsureStartedAsync())
        {
            return null;
        }
        try
        {
            return await _hub!.InvokeAsync<long>(ChatHubNames.MarkRead, conversationId, sequence);
        }
        catch (Exception ex) when (ex is HubException or IOException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogInformation("MarkRead failed: {Reason}", ex.Message);
            return null;
        }
    }

    /// <summary>Online state and last seen of everyone the user talks with (empty when not connected).</summary>
    public async Task<List<PresenceChanged>> PresenceAsync()
    {
        if (!await EnsureStartedAsync())
        {
            return [];
        }
        try
        {
            return await _hub!.InvokeAsync<List<PresenceChanged>>(ChatHubNames.GetPresence);
        }
        catch (Exception ex) when (ex is HubException or IOException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogInformation("GetPresence failed: {Reason}", ex.Message);
            return [];
        }
    }

    private async Task<ChatMessage?> InvokeSendAsync(SendMessageRequest request)
    {
        try
        {
            var stored = await _hub!.InvokeAsync<ChatMessage>(ChatHubNames.SendMessage, request);
            _unacknowledged.TryRemove(request.ClientMessageId!, out _);
            return stored;
        }
        catch (HubException ex)
        {
            // The hub said no: sending the same again would be refused again; the user decides.
            _unacknowledged.TryRemove(request.ClientMessageId!, out _);
            throw new ChatRefusedException(HubMessage(ex));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TaskCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // The connection broke before the answer: the message may or may not be stored. It stays unacknowledged and is
            // sent again after the reconnect; the same clientMessageId makes that safe.
            logger.LogInformation("Send interrupted, will resend after reconnect: {Reason}", ex.Message);
            return null;
        }
    }

    /// <summary>The hub's own sentence, without SignalR's "An unexpected error occurred invoking 'X' on the server. HubException: " prefix.</summary>
    private static string HubMessage(HubException ex)
    {
        const string marker = "HubException: ";
        var at = ex.Message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? ex.Message[(at + marker.Length)..] : ex.Message;
    }

    private HubConnection Build()
    {
        var baseUrl = configuration["services:realtime:https:0"] ?? configuration["services:realtime:http:0"]
            ?? throw new InvalidOperationException("services:realtime:http:0 is not configured.");
        var hub = new HubConnectionBuilder()
            .WithUrl(baseUrl.TrimEnd('/') + ChatHubNames.Path, options =>
            {
                // WebSockets straight away: no negotiate round trip, and no sticky sessions needed across Realtime replicas.
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = async () => await api.AccessTokenAsync();
            })
            .WithAutomaticReconnect(new HubRetryPolicy())
            .Build();
        hub.On<ChatMessage>(ChatHubNames.MessageReceived, message => RaiseAsync(MessageReceived, message));
        hub.On<TypingStarted>(ChatHubNames.TypingStarted, typing => RaiseAsync(TypingStarted, typing));
        hub.On<ReadUpTo>(ChatHubNames.ReadUpTo, read => RaiseAsync(ReadUpTo, read));
        hub.On<PresenceChanged>(ChatHubNames.PresenceChanged, presence => RaiseAsync(PresenceChanged, presence));
        hub.Reconnecting += _ => RaiseAsync(StateChanged);
        hub.Reconnected += async _ =>
        {
            await RaiseAsync(StateChanged);
            await RaiseAsync(Reconnected);
            await ResendAsync();
        };
        hub.Closed += _ => RaiseAsync(StateChanged);
        return hub;
    }

    /// <summary>Everything not acknowledged before the break, oldest first; each stored message reaches the page as MessageReceived.</summary>
    private async Task ResendAsync()
    {
        foreach (var request in _unacknowledged.Values.ToList())
        {
            try
            {
                if (await InvokeSendAsync(request) is { } stored)
                {
                    // A message stored before the break is answered without a new delivery: the page learns of it here.
                    await RaiseAsync(MessageReceived, stored);
                }
            }
            catch (ChatRefusedException ex)
            {
                logger.LogInformation("A resent message was refused: {Reason}", ex.Message);
            }
        }
    }

    private async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<T, Task>>() ?? [])
        {
            try
            {
                await handler(value);
            }
            catch (Exception ex)
            {
                // One page's failure must not stop the others (the app bar's badge, another component) from hearing it.
                logger.LogWarning(ex, "A chat listener failed");
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
                logger.LogWarning(ex, "A chat listener failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
        _startGate.Dispose();
    }
}
