using System.Globalization;
using System.Net;

namespace CourseHub.Tests.Infrastructure;

/// <summary>A listening TCP socket (or a bound UDP one) and the processes holding it, as /proc shows them.</summary>
public sealed record ListeningSocket(string Protocol, IPAddress Address, int Port, IReadOnlySet<int> Owners)
{
    public override string ToString() => $"{Protocol} {Address}:{Port} (pid {string.Join(",", Owners)})";
}

/// <summary>Reads /proc/net and /proc/*/fd: which sockets listen where, and whose they are.</summary>
public static class Sockets
{
    private const string TcpListen = "0A";
    private const string UdpUnconnected = "07";

    public static IReadOnlyList<ListeningSocket> Listening()
    {
        var owners = SocketOwners();
        return Read("tcp", TcpListen).Concat(Read("tcp6", TcpListen)).Concat(Read("udp", UdpUnconnected)).Concat(Read("udp6", UdpUnconnected))
            .Select(socket => new ListeningSocket(socket.Protocol, socket.Address, socket.Port,
                owners.TryGetValue(socket.Inode, out var pids) ? pids : new HashSet<int>()))
            .ToList();
    }

    private static IEnumerable<(string Protocol, IPAddress Address, int Port, string Inode)> Read(string protocol, string state)
    {
        // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
        foreach (var line in File.ReadLines($"/proc/net/{protocol}").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != state)
            {
                continue;
            }
            var (address, port) = ParseEndpoint(fields[1]);
            yield return (protocol, address, port, fields[9]);
        }
    }

    /// <summary>The kernel writes addresses as hex of the in-memory words: each 32-bit group is in host (little-endian) order.</summary>
    private static (IPAddress Address, int Port) ParseEndpoint(string text)
    {
        var parts = text.Split(':');
        var hex = parts[0];
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            for (var b = 0; b < 4; b++)
            {
                bytes[word * 4 + b] = byte.Parse(hex.AsSpan(word * 8 + (3 - b) * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }
        var address = new IPAddress(bytes);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return (address, int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, HashSet<int>> SocketOwners()
    {
        var owners = new Dictionary<string, HashSet<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }
            IEnumerable<string> descriptors;
            try
            {
                descriptors = Directory.GetFiles(Path.Combine(folder, "fd"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile, or not ours to read
            }
            foreach (var descriptor in descriptors)
            {
                string? target;
                try
                {
                    target = new FileInfo(descriptor).LinkTarget;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                // "socket:[12345]"
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    var inode = target[8..^1];
                    if (!owners.TryGetValue(inode, out var pids))
                    {
                        owners[inode] = pids = [];
                    }
                    pids.Add(pid);
                }
            }
        }
        return owners;
    }
}
