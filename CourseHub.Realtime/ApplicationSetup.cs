using CourseHub.Domain;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Persistence;
using CourseHub.Realtime.Features.Notifications;

namespace CourseHub.Realtime;

public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.RequireConfiguration(RequiredConfiguration.Keys);
        builder.AddNpgsqlDbContext<CourseHubDbContext>("coursehub");
        builder.AddRedisClient("redis");
        builder.AddEventBus("messaging");
        builder.Services.AddDatabaseReadyGate();

        // The Redis backplane carries every hub message to all Realtime instances, so a client
        // receives it whichever instance it is connected to.
        builder.Services.AddSignalR().AddStackExchangeRedis(
            builder.Configuration.GetConnectionString("redis")!,
            options => options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("coursehub"));

        // One competing queue for all instances: each notification is handled once and fanned out via the backplane.
        builder.Services.AddEventHandler<NotificationRequested, NotificationRequestedHandler>("realtime.notification-requested");
        return builder;
    }

    public static WebApplication MapApplicationHubs(this WebApplication app)
    {
        app.MapHub<NotificationsHub>("/hubs/notifications");
        return app;
    }
}
