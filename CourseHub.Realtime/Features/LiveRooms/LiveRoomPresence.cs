using System.Text.Json;
using CourseHub.Contracts.LiveClasses;
using StackExchange.Redis;

namespace CourseHub.Realtime.Features.LiveRooms;

/// <summary>
/// Who is in which live room, in Redis so every Realtime replica sees the same room: per room a hash of connections
/// ("replica/connection" → the person) and a set of raised hands. A person with several tabs is one participant.
/// </summary>
public sealed class LiveRoomPresence(IConnectionMultiplexer redis)
{
    private const string Prefix = "coursehub:live-room:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    /// <summary>A room's keys outlive a crash of every replica only this long (each change renews them).</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    private static string ConnectionsKey(Guid sessionId) => $"{Prefix}{sessionId}:connections";
    private static string HandsKey(Guid sessionId) => $"{Prefix}{sessionId}:hands";
    private string Entry(string connectionId) => $"{ReplicaId}/{connectionId}";

    private sealed record Person(Guid UserId, string Name, bool IsTeacher);

    public async Task AddAsync(Guid sessionId, string connectionId, Guid userId, string name, bool isTeacher)
    {
        var db = redis.GetDatabase();
        await db.HashSetAsync(ConnectionsKey(sessionId), Entry(connectionId), JsonSerializer.Serialize(new Person(userId, name, isTeacher), Json));
        await db.KeyExpireAsync(ConnectionsKey(sessionId), KeepFor);
    }

    /// <summary>Removes one connection; true when it was the person's last one in the room (they left).</summary>
    public async Task<bool> RemoveAsync(Guid sessionId, string connectionId, Guid userId)
    {
        var db = redis.GetDatabase();
        if (!await db.HashDeleteAsync(ConnectionsKey(sessionId), Entry(connectionId)))
        {
            return false;
        }
        var stillHere = (await PeopleAsync(db, sessionId)).Any(p => p.UserId == userId);
        if (!stillHere)
        {
            await db.SetRemoveAsync(HandsKey(sessionId), userId.ToString());
        }
        return !stillHere;
    }

    public async Task<bool> IsInAsync(Guid sessionId, string connectionId) =>
        await redis.GetDatabase().HashExistsAsync(ConnectionsKey(sessionId), Entry(connectionId));

    public async Task SetHandAsync(Guid sessionId, Guid userId, bool raised)
    {
        var db = redis.GetDatabase();
        if (raised)
        {
            await db.SetAddAsync(HandsKey(sessionId), userId.ToString());
            await db.KeyExpireAsync(HandsKey(sessionId), KeepFor);
        }
        else
        {
            await db.SetRemoveAsync(HandsKey(sessionId), userId.ToString());
        }
    }

    /// <summary>Lowers every hand (when the session ends).</summary>
    public Task ClearHandsAsync(Guid sessionId) => redis.GetDatabase().KeyDeleteAsync(HandsKey(sessionId));

    /// <summary>Everyone in the room, the teacher first, then by name.</summary>
    public async Task<List<RoomParticipant>> ParticipantsAsync(Guid sessionId)
    {
        var db = redis.GetDatabase();
        var hands = (await db.SetMembersAsync(HandsKey(sessionId))).Select(h => h.ToString()).ToHashSet();
        return [.. (await PeopleAsync(db, sessionId)).DistinctBy(p => p.UserId)
            .Select(p => new RoomParticipant(p.UserId, p.Name, p.IsTeacher, hands.Contains(p.UserId.ToString())))
            .OrderByDescending(p => p.IsTeacher).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    private static async Task<List<Person>> PeopleAsync(IDatabase db, Guid sessionId) =>
        [.. (await db.HashGetAllAsync(ConnectionsKey(sessionId))).Select(e => JsonSerializer.Deserialize<Person>(e.Value.ToString(), Json)!)];
}
