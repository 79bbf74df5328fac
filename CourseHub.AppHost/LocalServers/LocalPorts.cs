using System.Net;
using System.Net.Sockets;

namespace CourseHub.AppHost.LocalServers;

/// <summary>Ports on 127.0.0.1 for the servers' endpoints, which are not proxied: the server itself listens on them.</summary>
public static class LocalPorts
{
    /// <summary>Where free ports are looked for when the kernel's ephemeral range cannot be read (Linux's default starts at 32768).</summary>
    private const int FallbackEphemeralStart = 32768;
    private const int LowestPort = 10000;
    // Nothing listens on a port until its server starts, so the ports already handed out are remembered: never twice.
    private static readonly HashSet<int> HandedOut = [];

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range. A port the kernel hands out for "any port" is free only until the
    /// next outgoing connection takes it as its local port, and a server started a few seconds later (RabbitMQ's Erlang
    /// VM takes several) then fails to bind it. Ports below that range are never given to outgoing connections.
    /// </summary>
    public static int Free()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, below);
            lock (HandedOut)
            {
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], out var start) && start > LowestPort + 1000 ? start : FallbackEphemeralStart;
        }
        catch (IOException)
        {
            return FallbackEphemeralStart;
        }
        catch (UnauthorizedAccessException)
        {
            return FallbackEphemeralStart;
        }
    }
}
