using CourseHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CourseHub.EventBus;

public static class EventBusExtensions
{
    /// <summary>
    /// The RabbitMQ event bus: one recovering connection from <c>ConnectionStrings:{connectionName}</c>
    /// (<c>amqp://user:pass@host:port</c>), a confirming <see cref="IEventPublisher"/> and a health check.
    /// </summary>
    public static IHostApplicationBuilder AddEventBus(this IHostApplicationBuilder builder, string connectionName = "messaging")
    {
        var connectionString = ConnectionStrings.GetRequired(builder.Configuration, connectionName);
        var clientName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton(services => new RabbitMqConnection(
            RabbitMqConnection.CreateFactory(connectionString, clientName),
            services.GetRequiredService<ILogger<RabbitMqConnection>>()));
        builder.Services.AddSingleton<EventPublisher>();
        builder.Services.AddSingleton<IEventPublisher>(services => services.GetRequiredService<EventPublisher>());
        builder.Services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>($"rabbitmq-{connectionName}");
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
                return conn.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("RabbitMQ connection is recovering");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ is unreachable", ex);
            }
        }
    }
}
