// Video processing (the studio) and streaming (the learning player).

namespace CourseHub.Contracts.Video;

/// <summary>
/// Where a lesson video's processing stands: <c>Status</c> is queued, processing, ready or failed; <c>Percent</c> and
/// <c>Step</c> while it runs, <c>FailureReason</c> when it failed; what the probe found once it has run.
/// </summary>
public sealed record VideoProcessingInfo(Guid LessonId, Guid CourseId, Guid Generation, string Status, int Percent, string? Step,
    string? FailureReason, int? DurationSeconds, int? Width, int? Height, IReadOnlyList<string> Renditions);

/// <summary>What the Realtime notifications hub pushes on <see cref="VideoHubNames.VideoProcessing"/> to the teacher.</summary>
public sealed record VideoProcessingUpdate(Guid CourseId, Guid LessonId, Guid Generation, string Status, int Percent, string? Step,
    string? FailureReason, int? DurationSeconds);

public static class VideoHubNames
{
    /// <summary>The notifications hub's method for <see cref="VideoProcessingUpdate"/>s.</summary>
    public const string VideoProcessing = "VideoProcessing";
}

/// <summary>
/// A video lesson's stream for the player: <c>Status</c> as in processing; when ready, the master playlist's path on the
/// Api (<c>/api/learn/lessons/{id}/stream/master.m3u8</c>), the poster's, and the viewer's name or email for the
/// player's moving overlay.
/// </summary>
public sealed record LessonStreamInfo(string Status, string? MasterPlaylistPath, string? PosterPath, string ViewerLabel);

/// <summary>A course's watermark: text (1–60 characters), position (top-left, top-right, bottom-left, bottom-right, center), opacity 5–100 %.</summary>
public sealed record WatermarkRequest(string? Text, string? Position, int? OpacityPercent);

public sealed record WatermarkResponse(string Text, string Position, int OpacityPercent);
