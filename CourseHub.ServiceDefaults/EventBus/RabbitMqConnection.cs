using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace CourseHub.EventBus;

/// <summary>
/// The one AMQP connection of a process, handed out without ever blocking start-up. In a service it is
/// the <see cref="IConnection"/> that Aspire's RabbitMQ client integration registers; that integration
/// opens it on first resolve, synchronously, so it is resolved here on the thread pool when the bus first
/// needs it (so a service starts even while the broker is down). Callers may give up waiting (the health
/// check does after a few seconds) without abandoning the attempt; a failed attempt is retried by the
/// next caller. Once open, the connection recovers by itself together with its channels, queues and
/// consumers after the broker restarts.
/// </summary>
public sealed class RabbitMqConnection : IAsyncDisposable
{
    private readonly Func<Task<IConnection>> _connect;
    private readonly bool _ownsConnection;
    private readonly ILogger<RabbitMqConnection> _logger;
    private readonly Lock _lock = new();
    private Task<IConnection>? _connecting;

    /// <summary>The connection registered by <c>AddRabbitMQClient</c>; the container owns and disposes it.</summary>
    public RabbitMqConnection(IServiceProvider services, ILogger<RabbitMqConnection> logger)
        : this(() => Task.Run(services.GetRequiredService<IConnection>), ownsConnection: false, logger)
    {
    }

    /// <summary>A connection of its own from <paramref name="factory"/> (tools and tests); disposed with this object.</summary>
    public RabbitMqConnection(ConnectionFactory factory, ILogger<RabbitMqConnection> logger)
        : this(() => factory.CreateConnectionAsync(), ownsConnection: true, logger)
    {
    }

    private RabbitMqConnection(Func<Task<IConnection>> connect, bool ownsConnection, ILogger<RabbitMqConnection> logger)
    {
        _connect = connect;
        _ownsConnection = ownsConnection;
        _logger = logger;
    }

    public bool IsOpen => _connecting is { IsCompletedSuccessfully: true } connected && connected.Result.IsOpen;

    public Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        Task<IConnection> attempt;
        lock (_lock)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectAsync();
            }
            attempt = _connecting;
        }
        return attempt.WaitAsync(cancellationToken);
    }

    private async Task<IConnection> ConnectAsync()
    {
        var connection = await _connect();
        _logger.LogInformation("Connected to RabbitMQ at {Endpoint}", connection.Endpoint);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connecting is { IsCompletedSuccessfully: true } connected)
        {
            await connected.Result.DisposeAsync();
        }
    }

    /// <summary>A factory for <paramref name="connectionString"/> (<c>amqp://user:pass@host:port</c>) with the bus's settings.</summary>
    public static ConnectionFactory CreateFactory(string connectionString, string clientName)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        Configure(factory, clientName);
        return factory;
    }

    /// <summary>The bus's connection settings: recovery of connection and topology, short connect timeouts.</summary>
    public static void Configure(ConnectionFactory factory, string clientName)
    {
        factory.ClientProvidedName = clientName;
        factory.AutomaticRecoveryEnabled = true;
        factory.TopologyRecoveryEnabled = true;
        factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(2);
        factory.RequestedConnectionTimeout = TimeSpan.FromSeconds(5);
    }
}
