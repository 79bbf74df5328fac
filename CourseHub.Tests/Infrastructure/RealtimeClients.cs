using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CourseHub.Tests.Infrastructure;

public static class RealtimeClients
{
    /// <summary>
    /// A hub connection as every CourseHub client makes it: straight to a WebSocket, no negotiate request, so it works
    /// through the shared endpoint in front of several Realtime replicas.
    /// </summary>
    public static HubConnection Connect(string realtimeUrl, string? accessToken = null) =>
        new HubConnectionBuilder()
            .WithUrl($"{realtimeUrl}/hubs/notifications", options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                if (accessToken is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .Build();

    /// <summary>
    /// Whether starting a connection was refused as unauthenticated: without a negotiate request, the 401 comes as the
    /// WebSocket upgrade's answer.
    /// </summary>
    public static bool IsUnauthorized(Exception? error) => error switch
    {
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized } => true,
        System.Net.WebSockets.WebSocketException webSocket => webSocket.Message.Contains("'401'", StringComparison.Ordinal),
        _ => false,
    };
}
