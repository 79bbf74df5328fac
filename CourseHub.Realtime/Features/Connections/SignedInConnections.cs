using System.Collections.Concurrent;
using CourseHub.Authentication;
using Microsoft.AspNetCore.SignalR;

namespace CourseHub.Realtime.Features.Connections;

/// <summary>
/// The signed-in users' open connections on this instance (each Realtime replica knows only its own), so a
/// user banned (or whose account was deleted) after connecting can be cut off — the token was valid when the connection opened.
/// </summary>
public sealed class SignedInConnections
{
    private readonly ConcurrentDictionary<string, (string UserId, HubCallerContext Context)> _connections = new();

    public void Add(HubCallerContext context)
    {
        if (context.User?.FindFirst(CourseHubJwt.SubjectClaim)?.Value is { } userId)
        {
            _connections[context.ConnectionId] = (userId, context);
        }
    }

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyCollection<string> UserIds => _connections.Values.Select(c => c.UserId).Distinct().ToList();

    /// <summary>Closes every connection of the user on this instance; returns how many.</summary>
    public int Abort(string userId)
    {
        var aborted = 0;
        foreach (var (connectionId, connection) in _connections)
        {
            if (connection.UserId == userId && _connections.TryRemove(connectionId, out _))
            {
                connection.Context.Abort();
                aborted++;
            }
        }
        return aborted;
    }
}

/// <summary>
/// Every few seconds, closes the open connections of users who have been shut out since they connected: banned, or their
/// account deleted (the Api puts both into the set <see cref="BannedUsers"/> reads).
/// </summary>
public sealed class BannedConnectionsCloser(SignedInConnections connections, BannedUsers banned, ILogger<BannedConnectionsCloser> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var userId in connections.UserIds)
            {
                // BannedUsers caches its answers briefly and lets users through when Redis is down.
                if (await banned.IsBannedAsync(userId, stoppingToken) && connections.Abort(userId) is var count and > 0)
                {
                    logger.LogInformation("Closed {Count} connection(s) of shut-out (banned or deleted) user {UserId}", count, userId);
                }
            }
        }
    }
}
