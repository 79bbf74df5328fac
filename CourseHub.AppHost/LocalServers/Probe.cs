using System.Net.Sockets;
using System.Text;
using Npgsql;
using RabbitMQ.Client;

namespace CourseHub.AppHost.LocalServers;

/// <summary>Health probes that speak each server's own protocol: an open port is not "ready".</summary>
public static class Probe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<bool> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Something accepts connections on the port (epmd speaks no greeting of its own).</summary>
    public static Task<bool> TcpAsync(string host, int port, CancellationToken cancellationToken) =>
        TalkAsync(host, port, say: null, expect: null, cancellationToken);

    /// <summary>Sends PING in Redis' wire protocol and expects +PONG.</summary>
    /// <summary>With a password: AUTH must answer +OK (a wrong password answers an error, so the probe fails).</summary>
    public static Task<bool> RedisAsync(string host, int port, string? password, CancellationToken cancellationToken) =>
        password is null
            ? TalkAsync(host, port, "PING\r\n"u8.ToArray(), "+PONG", cancellationToken)
            : TalkAsync(host, port, System.Text.Encoding.UTF8.GetBytes($"AUTH {password}\r\n"), "+OK", cancellationToken);

    /// <summary>
    /// Connects within 3 s; then, when asked, sends <paramref name="say"/> and expects the first answer to start with
    /// <paramref name="expect"/>. Any failure means "not ready yet".
    /// </summary>
    private static async Task<bool> TalkAsync(string host, int port, byte[]? say, string? expect, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(host, port, timeout.Token);
            if (expect is null)
            {
                return true;
            }
            var stream = client.GetStream();
            if (say is not null)
            {
                await stream.WriteAsync(say, timeout.Token);
            }
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith(expect, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Opens (and closes) a real AMQP connection.</summary>
    public static async Task<bool> RabbitMqAsync(string uri, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(3), ClientProvidedName = "apphost-probe" };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>An existing SMTP server (<c>Endpoint=smtp://host:port;…</c>) answers with its 220 greeting.</summary>
    public static async Task<bool> SmtpAsync(string connectionString, CancellationToken cancellationToken)
    {
        var endpoint = connectionString.Split(';').Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair[0].Trim().Equals("Endpoint", StringComparison.OrdinalIgnoreCase) && pair.Length == 2)?[1];
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return false;
        }
        return await TalkAsync(uri.Host, uri.IsDefaultPort ? 25 : uri.Port, say: null, expect: "220", cancellationToken);
    }

    /// <summary>
    /// Existing blob storage: a connection string's <c>BlobEndpoint</c> or a bare service URI must answer
    /// HTTP (anonymously that is a 4xx, which still proves the service is there).
    /// </summary>
    public static Task<bool> BlobStorageAsync(string connectionString, CancellationToken cancellationToken)
    {
        var endpoint = Uri.TryCreate(connectionString, UriKind.Absolute, out var serviceUri)
            ? serviceUri.ToString()
            : connectionString.Split(';').Select(part => part.Split('=', 2))
                .FirstOrDefault(pair => pair[0].Trim().Equals("BlobEndpoint", StringComparison.OrdinalIgnoreCase) && pair.Length == 2)?[1];
        return endpoint is null ? Task.FromResult(false) : HttpAsync(endpoint, anyStatus: true, cancellationToken);
    }

    /// <summary>Any HTTP answer counts when <paramref name="anyStatus"/> (Azurite answers 403 to anonymous calls).</summary>
    public static async Task<bool> HttpAsync(string url, bool anyStatus, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            return anyStatus || response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
