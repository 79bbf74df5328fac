using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace CourseHub.EventBus;

/// <summary>
/// The one AMQP connection of a process. It is opened on first use (so a service starts even
/// while the broker is down) and, once open, recovers by itself together with its channels,
/// queues and consumers after the broker restarts.
/// </summary>
public sealed class RabbitMqConnection(ConnectionFactory factory, ILogger<RabbitMqConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public bool IsOpen => _connection?.IsOpen == true;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                _connection = await factory.CreateConnectionAsync(cancellationToken);
                logger.LogInformation("Connected to RabbitMQ at {Endpoint}", _connection.Endpoint);
            }
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    public static ConnectionFactory CreateFactory(string connectionString, string clientName) => new()
    {
        Uri = new Uri(connectionString),
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
    };
}
