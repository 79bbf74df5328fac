using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CourseHub.Api.Features.Seeding;

/// <summary>
/// A cover image for each demo course: a PNG in its category's colours (the Web's category looks) with a few soft
/// shapes placed by the course's slug, so every demo course has a thumbnail of its own and no two look alike.
/// Drawn by hand (a PNG is a header and deflated rows) because an imaging dependency for demo pictures is not worth it.
/// </summary>
public static class DemoThumbnail
{
    /// <summary>Part of the blob name, so the public URL changes when the drawing does.</summary>
    public const string Version = "1";

    public const int Width = 480;
    public const int Height = 270;

    private static readonly Dictionary<string, (uint From, uint To)> Palettes = new()
    {
        ["programming"] = (0x4f46e5, 0x8b5cf6),
        ["data-science"] = (0x0369a1, 0x6366f1),
        ["cloud-devops"] = (0x0e7490, 0x22d3ee),
        ["business"] = (0x334155, 0x64748b),
        ["design"] = (0xbe185d, 0xf472b6),
        ["marketing"] = (0xc2410c, 0xfb923c),
        ["personal-development"] = (0x15803d, 0x4ade80),
        ["languages"] = (0x6d28d9, 0xc084fc),
        ["music"] = (0xbe123c, 0xfb7185),
        ["photography"] = (0x0f766e, 0x2dd4bf),
        ["health-fitness"] = (0x4d7c0f, 0xa3e635),
        ["science-math"] = (0x1d4ed8, 0x60a5fa),
    };

    public static byte[] Png(string slug, string categorySlug)
    {
        var (from, to) = Palettes.GetValueOrDefault(categorySlug, (0x475569u, 0x94a3b8u));
        var seed = MD5.HashData(Encoding.UTF8.GetBytes(slug));
        // Three circles and a ring, placed and sized by the slug's hash.
        var circles = Enumerable.Range(0, 4).Select(i => (
            X: seed[i * 3] / 255.0 * Width,
            Y: seed[i * 3 + 1] / 255.0 * Height,
            R: 45 + seed[i * 3 + 2] / 255.0 * 105,
            Ring: i == 3)).ToArray();
        var rows = new byte[Height * (1 + Width * 3)];
        for (var y = 0; y < Height; y++)
        {
            var row = y * (1 + Width * 3);
            rows[row] = 1; // filter "Sub": each byte minus the one a pixel to its left (set below), tiny numbers that deflate well
            for (var x = 0; x < Width; x++)
            {
                // A diagonal gradient from the category's first colour to its second.
                var t = (x / (double)Width * 0.7) + (y / (double)Height * 0.3);
                var (r, g, b) = (Mix(from >> 16, to >> 16, t), Mix((from >> 8) & 0xff, (to >> 8) & 0xff, t), Mix(from & 0xff, to & 0xff, t));
                foreach (var circle in circles)
                {
                    var squared = (x - circle.X) * (x - circle.X) + (y - circle.Y) * (y - circle.Y);
                    var inside = circle.Ring ? Math.Abs(Math.Sqrt(squared) - circle.R) < 8 : squared < circle.R * circle.R;
                    if (inside)
                    {
                        // White at low opacity: shapes lighten the gradient without hiding it.
                        const double alpha = 0.14;
                        (r, g, b) = (r + (255 - r) * alpha, g + (255 - g) * alpha, b + (255 - b) * alpha);
                    }
                }
                var pixel = row + 1 + x * 3;
                rows[pixel] = (byte)r;
                rows[pixel + 1] = (byte)g;
                rows[pixel + 2] = (byte)b;
            }
        }
        for (var y = 0; y < Height; y++)
        {
            var row = y * (1 + Width * 3) + 1;
            // Right to left, so every byte is still the raw value when its right neighbour subtracts it.
            for (var i = Width * 3 - 1; i >= 3; i--)
            {
                rows[row + i] = (byte)(rows[row + i] - rows[row + i - 3]);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB
        Chunk(png, "IHDR", header);
        using (var deflated = new MemoryStream())
        {
            using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(rows);
            }
            Chunk(png, "IDAT", deflated.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static double Mix(uint a, uint b, double t) => a + (b - (double)a) * t;

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        png.Write(number);
    }

    /// <summary>The CRC-32 (ISO 3309) a PNG chunk ends with.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xffffffffu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
