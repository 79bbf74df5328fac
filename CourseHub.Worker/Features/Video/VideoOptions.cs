namespace CourseHub.Worker.Features.Video;

/// <summary>The Worker's video processing settings (section <c>Video</c>).</summary>
public sealed class VideoOptions
{
    public const string Section = "Video";

    /// <summary>Jobs one Worker process runs at once: transcoding takes every core it is given.</summary>
    public int ConcurrentJobs { get; set; } = 1;
    /// <summary>Rendition heights to make, up to the source's own height (comma-separated).</summary>
    public string Ladder { get; set; } = "360,720,1080";
    public int SegmentSeconds { get; set; } = 4;
    /// <summary>How long a job stays a Worker's without a heartbeat; a Worker that died loses it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often a running job renews its lease and records its progress.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How often an idle slot looks for work besides being woken by <c>VideoUploaded</c>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Takes of one upload (crashes and transient errors count) before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;
    /// <summary>x264's speed/size trade-off.</summary>
    public string Preset { get; set; } = "veryfast";
    public string FfmpegPath { get; set; } = "ffmpeg";
    public string FfprobePath { get; set; } = "ffprobe";
    /// <summary>The font of burned-in watermarks (Debian's fonts-dejavu-core, which ffmpeg's packages bring).</summary>
    public string WatermarkFont { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    public IReadOnlyList<int> LadderHeights() =>
        Ladder.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).Order().ToList();
}
