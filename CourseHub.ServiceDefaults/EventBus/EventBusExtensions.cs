using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseHub.EventBus;

public static class EventBusExtensions
{
    /// <summary>Name of the RabbitMQ health check (Aspire's own name for it).</summary>
    public const string HealthCheckName = "RabbitMQ.Client";

    /// <summary>
    /// The RabbitMQ event bus on Aspire's RabbitMQ client integration (<c>AddRabbitMQClient</c>, connection
    /// from <c>ConnectionStrings:{connectionName}</c>, <c>amqp://user:pass@host:port</c>, traced through the
    /// client's own activity sources): a confirming <see cref="IEventPublisher"/> and a health check.
    /// </summary>
    /// <remarks>
    /// Aspire opens the connection when it is first resolved, synchronously, retrying for about half a minute
    /// before it throws, and its health check resolves the connection inside the check. So that a service
    /// still starts and answers <c>/health</c> at once while the broker is down: auto-activation stays off,
    /// Aspire's own retries are off (the relay, the consumers and the health check each retry on their own
    /// schedule), its check is replaced by one that waits at most a few seconds, and
    /// <see cref="RabbitMqConnection"/> resolves the connection off the caller's thread.
    /// </remarks>
    public static IHostApplicationBuilder AddEventBus(this IHostApplicationBuilder builder, string connectionName = "messaging")
    {
        var clientName = builder.Environment.ApplicationName;
        builder.AddRabbitMQClient(connectionName,
            settings =>
            {
                settings.DisableAutoActivation = true;
                settings.MaxConnectRetryCount = 0;
                settings.DisableHealthChecks = true;
            },
            factory => RabbitMqConnection.Configure(factory, clientName));
        builder.Services.AddSingleton(services => new RabbitMqConnection(services, services.GetRequiredService<ILogger<RabbitMqConnection>>()));
        builder.Services.AddSingleton<EventPublisher>();
        builder.Services.AddSingleton<IEventPublisher>(services => services.GetRequiredService<EventPublisher>());
        // Degraded, not Unhealthy: without the broker the service still serves (events wait in the outbox), so a
        // readiness probe must not take every replica out of rotation during a broker outage.
        builder.Services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>(HealthCheckName, failureStatus: HealthStatus.Degraded);
        return builder;
    }

    /// <summary>Consumes <typeparamref name="TEvent"/> from <paramref name="queue"/> with <typeparamref name="THandler"/>.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string queue, Action<ConsumerOptions>? configure = null)
        where THandler : class, IEventHandler<TEvent>
    {
        var options = new ConsumerOptions();
        configure?.Invoke(options);
        services.AddScoped<THandler>();
        services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<EventConsumer<TEvent, THandler>>(provider, queue, options));
        return services;
    }

    private sealed class RabbitMqHealthCheck(RabbitMqConnection connection) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var conn = await connection.GetAsync(timeout.Token);
                return conn.IsOpen ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus, "RabbitMQ connection is recovering");
            }
            catch (Exception ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "RabbitMQ is unreachable", ex);
            }
        }
    }
}
