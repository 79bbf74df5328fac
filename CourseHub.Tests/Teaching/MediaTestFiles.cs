using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CourseHub.Tests.Teaching;

/// <summary>Small files of known kinds, made up in code (their first bytes are what the Api checks).</summary>
public static class MediaTestFiles
{
    /// <summary>A real PNG (a diagonal gradient), so a browser can show it.</summary>
    public static byte[] Png(int width = 320, int height = 180)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3); // each row starts with filter type 0
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + x * 3] = (byte)(40 + 160 * x / width);
                raw[row + 2 + x * 3] = (byte)(60 + 120 * y / height);
                raw[row + 3 + x * 3] = 200;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>An ISO BMFF (MP4) file: an <c>ftyp</c> box with brand isom, padded with zeros to <paramref name="size"/>.</summary>
    public static byte[] Mp4(int size = 64 * 1024)
    {
        var file = new byte[size];
        byte[] ftyp = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 0x02, 0, .. "isommp42"u8];
        ftyp.CopyTo(file, 0);
        return file;
    }

    public static byte[] Pdf(int size = 4096) => Padded("%PDF-1.7\n% test document\n", size);

    public static byte[] WindowsExecutable() => Padded("MZ\u0090\0\u0003\0\0\0", 2048);

    public static byte[] LinuxExecutable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[1024]];

    public static byte[] ShellScript() => Encoding.UTF8.GetBytes("#!/bin/sh\necho hello\n");

    public static byte[] Csv() => Encoding.UTF8.GetBytes("name,score\nÅsa,10\nBo,7\n");

    /// <summary>Bytes that are no known format and not text.</summary>
    public static byte[] Unknown() => [0x00, 0x13, 0x37, 0x00, 0xBE, 0xEF, .. new byte[512]];

    private static byte[] Padded(string start, int size)
    {
        var file = new byte[Math.Max(size, start.Length)];
        Encoding.Latin1.GetBytes(start).CopyTo(file, 0);
        // Printable filler keeps text-like formats text-like.
        file.AsSpan(start.Length).Fill((byte)' ');
        return file;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
