using System.Net;
using System.Net.Sockets;

namespace CourseHub.AppHost.LocalServers;

/// <summary>Ports on 127.0.0.1 for the servers' endpoints, which are not proxied: the server itself listens on them.</summary>
public static class LocalPorts
{
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

    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
