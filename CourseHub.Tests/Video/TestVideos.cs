using System.Diagnostics;
using System.Globalization;

namespace CourseHub.Tests.Video;

/// <summary>
/// Small videos made by Debian's ffmpeg for the tests: a test pattern (or black) with a tone, H.264/AAC in MP4, a few
/// seconds at a low resolution so transcoding stays quick. Made once per shape and kept for the run.
/// </summary>
public static class TestVideos
{
    private static readonly Dictionary<string, Task<byte[]>> Made = [];

    /// <summary>A <paramref name="seconds"/>-second clip of <paramref name="width"/>x<paramref name="height"/>: ffmpeg's testsrc, or black.</summary>
    public static Task<byte[]> ClipAsync(int seconds = 3, int width = 640, int height = 360, bool black = false)
    {
        var key = $"{seconds}-{width}x{height}-{black}";
        lock (Made)
        {
            if (!Made.TryGetValue(key, out var made))
            {
                made = MakeAsync(seconds, width, height, black);
                Made[key] = made;
            }
            return made;
        }
    }

    public static async Task<byte[]> MakeAsync(int seconds, int width, int height, bool black)
    {
        var file = Path.Combine(Path.GetTempPath(), $"coursehub-test-video-{Guid.NewGuid():N}.mp4");
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        var pattern = black ? $"color=c=black:size={size}:rate=25:duration={seconds}" : $"testsrc=size={size}:rate=25:duration={seconds}";
        try
        {
            await FfmpegAsync("-f", "lavfi", "-i", pattern, "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file);
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The first frame of a video file (a segment, say) as 8-bit grey pixels, row by row, with its size.</summary>
    public static async Task<(byte[] Pixels, int Width, int Height)> FirstFrameGrayAsync(byte[] video, int width, int height)
    {
        var input = Path.Combine(Path.GetTempPath(), $"coursehub-test-frame-{Guid.NewGuid():N}.ts");
        var output = Path.ChangeExtension(input, ".gray");
        await File.WriteAllBytesAsync(input, video);
        try
        {
            await FfmpegAsync("-i", input, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", output);
            var pixels = await File.ReadAllBytesAsync(output);
            Assert.Equal(width * height, pixels.Length);
            return (pixels, width, height);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-y", "-loglevel", "error" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)}: {await errors}");
    }
}
