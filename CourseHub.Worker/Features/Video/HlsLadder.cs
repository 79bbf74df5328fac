using System.Globalization;
using System.Text;
using CourseHub.Domain.Video;

namespace CourseHub.Worker.Features.Video;

/// <summary>One rendition of the ladder: its picture size and target video bitrate.</summary>
public sealed record Rendition(int Width, int Height, int VideoKbps)
{
    public string Name => VideoBlobs.RenditionFolder(Height);
}

/// <summary>
/// The HLS renditions suited to a source (the configured heights up to the source's own, never an upscale) and the
/// ffmpeg arguments that make one: H.264 Main/AAC, keyframes every segment so renditions switch cleanly, a VOD
/// playlist of ~<see cref="VideoOptions.SegmentSeconds"/> s segments, the course watermark burned in.
/// </summary>
public static class HlsLadder
{
    public const int AudioKbps = 128;
    // H.264 Main profile, level 4.0 (up to 1080p30): what the master playlist's CODECS says.
    private const string VideoCodecTag = "avc1.4d4028";

    public static IReadOnlyList<Rendition> For(ProbedVideo source, IReadOnlyList<int> ladder)
    {
        var heights = ladder.Where(h => h <= source.Height).ToList();
        if (heights.Count == 0)
        {
            heights.Add(source.Height);
        }
        return heights.Select(h => Even(h)).Distinct().Select(h => new Rendition(Even((int)Math.Round(source.Width * (double)h / source.Height)), h,
            Math.Max(200, h * h / 200))).ToList();
    }

    public static List<string> Arguments(string input, string outputFolder, Rendition rendition, bool hasAudio, int segmentSeconds, string preset,
        string? watermarkFilter)
    {
        var filter = $"scale={rendition.Width}:{rendition.Height}" + (watermarkFilter is null ? "" : "," + watermarkFilter);
        var kbps = rendition.VideoKbps.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "-i", input, "-map", "0:v:0",
            "-vf", filter, "-c:v", "libx264", "-preset", preset, "-profile:v", "main", "-level:v", "4.0", "-pix_fmt", "yuv420p",
            "-b:v", kbps + "k", "-maxrate", kbps + "k", "-bufsize", (rendition.VideoKbps * 2).ToString(CultureInfo.InvariantCulture) + "k",
            "-force_key_frames", $"expr:gte(t,n_forced*{segmentSeconds})", "-sc_threshold", "0",
        };
        if (hasAudio)
        {
            arguments.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", AudioKbps + "k", "-ac", "2", "-ar", "48000"]);
        }
        arguments.AddRange(["-f", "hls", "-hls_time", segmentSeconds.ToString(CultureInfo.InvariantCulture), "-hls_playlist_type", "vod",
            "-hls_segment_filename", Path.Combine(outputFolder, "seg_%05d.ts"), Path.Combine(outputFolder, "index.m3u8")]);
        return arguments;
    }

    /// <summary>
    /// drawtext burning <paramref name="textFile"/> in at the watermark's position and opacity (the text is read from a
    /// file, so nothing the teacher typed is parsed as filter syntax).
    /// </summary>
    public static string WatermarkFilter(CourseWatermark watermark, string textFile, string fontFile)
    {
        const string margin = "h*0.04";
        var (x, y) = watermark.Position switch
        {
            "top-left" => (margin, margin),
            "top-right" => ($"w-tw-{margin}", margin),
            "bottom-left" => (margin, $"h-th-{margin}"),
            "center" => ("(w-tw)/2", "(h-th)/2"),
            _ => ($"w-tw-{margin}", $"h-th-{margin}"),
        };
        var alpha = (watermark.OpacityPercent / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
        return $"drawtext=fontfile='{Escape(fontFile)}':textfile='{Escape(textFile)}':fontcolor=white@{alpha}:fontsize=h/14:x={x}:y={y}"
            + $":shadowcolor=black@{alpha}:shadowx=1:shadowy=1";
    }

    public static string MasterPlaylist(IReadOnlyList<Rendition> renditions, bool hasAudio)
    {
        var master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        foreach (var r in renditions)
        {
            var bandwidth = (r.VideoKbps + (hasAudio ? AudioKbps : 0)) * 1100; // bits per second, with 10 % for the container
            var codecs = hasAudio ? $"{VideoCodecTag},mp4a.40.2" : VideoCodecTag;
            master.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},RESOLUTION={r.Width}x{r.Height},CODECS=\"{codecs}\",NAME=\"{r.Name}\"\n");
            master.Append(CultureInfo.InvariantCulture, $"{r.Name}/index.m3u8\n");
        }
        return master.ToString();
    }

    private static int Even(int value) => Math.Max(2, value - value % 2);

    // Inside a single-quoted filter option only the quote itself (and the backslash) need care.
    private static string Escape(string path) => path.Replace("\\", "\\\\").Replace("'", "'\\''");
}
