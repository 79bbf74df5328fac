using Microsoft.Extensions.DependencyInjection.Extensions;
using CourseHub.Authentication;
using CourseHub.Domain;
using CourseHub.EventBus;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections;
using CourseHub.Domain.IntegrationEvents;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Persistence;
using CourseHub.Realtime.Features.Chat;
using CourseHub.Realtime.Features.Connections;
using CourseHub.Realtime.Features.LiveRooms;
using CourseHub.Realtime.Features.Notifications;

namespace CourseHub.Realtime;

public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.RequireConfiguration(RequiredConfiguration.Keys);
        // Chat runs the same few statements for every message: prepared once per connection (bench/realtime measured it).
        builder.AddPostgresDbContext<CourseHubDbContext>("coursehub", autoPrepare: 32);
        builder.AddRedisConnection("redis");
        builder.AddEventBus("messaging");
        builder.Services.AddDatabaseReadyGate();
        // Access tokens from the Api, verified here with the Api's published keys (no shared secret).
        builder.AddCourseHubJwtValidation();

        // The Redis backplane carries every hub message to all Realtime instances, so a client
        // receives it whichever instance it is connected to.
        builder.Services.AddSignalR().AddStackExchangeRedis(
            builder.Configuration.GetConnectionString("redis")!,
            options => options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("coursehub"));

        // A user banned while connected is disconnected within seconds (the token was valid when they connected).
        builder.Services.AddSingleton<SignedInConnections>();
        builder.Services.AddHostedService<BannedConnectionsCloser>();

        // Chat: SignalR's user id is the token's subject, so Clients.User reaches all of a user's connections on every replica.
        builder.Services.AddSingleton<Microsoft.AspNetCore.SignalR.IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddOptions<ChatOptions>().Bind(builder.Configuration.GetSection(ChatOptions.Section))
            .Validate(o => o.RateLimit.Messages > 0 && o.RateLimit.WindowSeconds > 0, "Chat:RateLimit needs positive Messages and WindowSeconds.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChatRateLimiter>();
        builder.Services.AddSingleton<ChatPresence>();
        builder.Services.AddHostedService<ChatPresenceHeartbeat>();

        // Live rooms: presence in Redis, attendance and the actual start and end in PostgreSQL.
        builder.Services.AddOptions<LiveRoomOptions>().Bind(builder.Configuration.GetSection(LiveRoomOptions.Section));
        builder.Services.AddSingleton<LiveRoomPresence>();

        builder.Services.AddScoped<Inbox>();
        // One competing queue for all instances: each notification is handled once and fanned out via the backplane.
        builder.Services.AddEventHandler<NotificationRequested, NotificationRequestedHandler>("realtime.notification-requested");
        builder.Services.AddEventHandler<VideoProcessingChanged, VideoProcessingChangedHandler>("realtime.video-processing");
        return builder;
    }

    public static WebApplication MapApplicationHubs(this WebApplication app)
    {
        app.UseAuthentication();
        // A connection that presents a token must present a valid one: refuse it instead of treating it as anonymous.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs")
                && (context.Request.Query.ContainsKey("access_token") || context.Request.Headers.Authorization.Count > 0))
            {
                var result = await context.AuthenticateAsync();
                if (!result.Succeeded)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
            }
            await next();
        });
        app.UseAuthorization();
        // WebSockets only, and clients skip negotiation: behind one endpoint that balances per TCP connection (Aspire's
        // proxy locally, any load balancer without session affinity), a negotiate and the connection that follows may
        // reach different replicas, and the second would not know the first's connection id. One WebSocket is one
        // connection, so it always stays on one replica; the Redis backplane reaches the others.
        app.MapHub<NotificationsHub>("/hubs/notifications", options => options.Transports = HttpTransportType.WebSockets);
        app.MapHub<ChatHub>(CourseHub.Contracts.Chat.ChatHubNames.Path, options => options.Transports = HttpTransportType.WebSockets);
        app.MapHub<LiveRoomHub>(CourseHub.Contracts.LiveClasses.LiveRoomHubNames.Path, options => options.Transports = HttpTransportType.WebSockets);
        return app;
    }
}
