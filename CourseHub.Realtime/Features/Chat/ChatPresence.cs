using CourseHub.Contracts.Chat;
using CourseHub.Domain;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CourseHub.Realtime.Features.Chat;

/// <summary>
/// Who is online, across replicas, in Redis: per user a set of "replica/connection" entries, per replica a hash of its
/// connections (connection → user) and a heartbeat key that expires when the replica stops renewing it. A user whose set
/// goes from empty to non-empty comes online, the other way round goes offline (with last seen); each replica sweeps
/// the connections of replicas whose heartbeat has expired, so a dead replica's users go offline within
/// <see cref="HeartbeatTtl"/> plus <see cref="SweepInterval"/>. Changes reach the user's conversation partners.
/// </summary>
public sealed class ChatPresence(IConnectionMultiplexer redis, IHubContext<ChatHub> hub, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<ChatPresence> logger)
{
    public static readonly TimeSpan HeartbeatTtl = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);
    private const string Prefix = "coursehub:presence:";
    private const string ReplicasKey = Prefix + "replicas";

    /// <summary>This process's id among the replicas.</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    private static string UserKey(Guid userId) => $"{Prefix}user:{userId}";
    private static string LastSeenKey(Guid userId) => $"{Prefix}last-seen:{userId}";
    private static string ConnectionsKey(string replica) => $"{Prefix}replica:{replica}:connections";
    private static string HeartbeatKey(string replica) => $"{Prefix}replica:{replica}:alive";

    public async Task ConnectedAsync(Guid userId, string connectionId)
    {
        try
        {
            var db = redis.GetDatabase();
            await db.HashSetAsync(ConnectionsKey(ReplicaId), connectionId, userId.ToString());
            await db.SetAddAsync(UserKey(userId), $"{ReplicaId}/{connectionId}");
            if (await db.SetLengthAsync(UserKey(userId)) == 1)
            {
                await AnnounceAsync(new PresenceChanged(userId, true, null));
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Presence not recorded: Redis is unreachable");
        }
    }

    public async Task DisconnectedAsync(Guid userId, string connectionId)
    {
        try
        {
            var db = redis.GetDatabase();
            await db.HashDeleteAsync(ConnectionsKey(ReplicaId), connectionId);
            await GoneAsync(db, userId, $"{ReplicaId}/{connectionId}");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Presence not recorded: Redis is unreachable");
        }
    }

    /// <summary>Whether the user has a chat connection on any replica; when Redis cannot say, no (better a notification too many than a message missed).</summary>
    public async Task<bool> IsOnlineAsync(Guid userId)
    {
        try
        {
            return await redis.GetDatabase().SetLengthAsync(UserKey(userId)) > 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Presence unknown: Redis is unreachable");
            return false;
        }
    }

    public async Task<List<PresenceChanged>> StatesAsync(IReadOnlyList<Guid> userIds)
    {
        var db = redis.GetDatabase();
        var states = new List<PresenceChanged>();
        foreach (var userId in userIds)
        {
            var online = await db.SetLengthAsync(UserKey(userId)) > 0;
            var lastSeen = online ? RedisValue.Null : await db.StringGetAsync(LastSeenKey(userId));
            states.Add(new PresenceChanged(userId, online,
                lastSeen.TryParse(out long unixMs) ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs) : null));
        }
        return states;
    }

    /// <summary>Renews this replica's heartbeat and takes the connections of replicas that stopped renewing theirs offline.</summary>
    public async Task HeartbeatAndSweepAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        await db.StringSetAsync(HeartbeatKey(ReplicaId), 1, HeartbeatTtl);
        await db.SetAddAsync(ReplicasKey, ReplicaId);
        foreach (var replica in await db.SetMembersAsync(ReplicasKey))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (replica == ReplicaId || await db.KeyExistsAsync(HeartbeatKey(replica!)))
            {
                continue;
            }
            foreach (var entry in await db.HashGetAllAsync(ConnectionsKey(replica!)))
            {
                if (Guid.TryParse(entry.Value.ToString(), out var userId))
                {
                    await GoneAsync(db, userId, $"{replica}/{entry.Name}");
                }
            }
            await db.KeyDeleteAsync(ConnectionsKey(replica!));
            await db.SetRemoveAsync(ReplicasKey, replica);
            logger.LogInformation("Took the chat connections of stopped Realtime replica {Replica} offline", replica.ToString());
        }
    }

    public static Task<List<Guid>> PartnersAsync(CourseHubDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking().Where(c => c.FirstUserId == userId || c.SecondUserId == userId)
            .Select(c => c.FirstUserId == userId ? c.SecondUserId : c.FirstUserId).ToListAsync(cancellationToken);

    private async Task GoneAsync(IDatabase db, Guid userId, string entry)
    {
        // Only whoever removed the last entry announces (SREM says whether it removed it).
        if (await db.SetRemoveAsync(UserKey(userId), entry) && await db.SetLengthAsync(UserKey(userId)) == 0)
        {
            var now = clock.GetUtcNow();
            await db.StringSetAsync(LastSeenKey(userId), now.ToUnixTimeMilliseconds(), TimeSpan.FromDays(90));
            await AnnounceAsync(new PresenceChanged(userId, false, now));
        }
    }

    private async Task AnnounceAsync(PresenceChanged change)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var partners = await PartnersAsync(scope.ServiceProvider.GetRequiredService<CourseHubDbContext>(), change.UserId, CancellationToken.None);
            if (partners.Count > 0)
            {
                await hub.Clients.Users(partners.Select(p => p.ToString()).ToList()).SendAsync(ChatHubNames.PresenceChanged, change);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not announce the presence of {UserId}", change.UserId);
        }
    }
}

/// <summary>Runs <see cref="ChatPresence.HeartbeatAndSweepAsync"/> every few seconds.</summary>
public sealed class ChatPresenceHeartbeat(ChatPresence presence, ILogger<ChatPresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ChatPresence.SweepInterval);
        do
        {
            try
            {
                await presence.HeartbeatAndSweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Presence heartbeat skipped: Redis is unreachable");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
