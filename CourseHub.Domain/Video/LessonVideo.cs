using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Video;

public enum VideoProcessingStatus
{
    Queued,
    Processing,
    Ready,
    Failed,
}

/// <summary>
/// The streaming form of a lesson's uploaded video and the state of the job that makes it. One row per video lesson
/// with a video; every upload (or retry) starts a new <see cref="Generation"/>, whose HLS renditions live under
/// <see cref="VideoBlobs.GenerationPrefix"/>, so work on an old upload can tell it is stale and its files can go.
/// A Worker holds a job by its lease (<see cref="LeaseOwner"/> until <see cref="LeaseExpiresAt"/>, renewed while it
/// works): a job whose Worker died is taken again once the lease runs out, so none stays "processing" for ever.
/// </summary>
public class LessonVideo
{
    public Guid LessonId { get; set; }
    public Guid CourseId { get; set; }
    /// <summary>Who hears the progress (the course's teacher, on their personal topic).</summary>
    public Guid TeacherId { get; set; }
    public Guid Generation { get; set; }
    /// <summary>The uploaded original: processed, never served to students.</summary>
    public required string SourceBlobName { get; set; }
    public VideoProcessingStatus Status { get; set; }
    public int Percent { get; set; }
    /// <summary>What the job is doing (probing, transcoding 720p, poster, publishing), for the studio.</summary>
    public string? Step { get; set; }
    /// <summary>Why the last attempt failed, in words for the teacher.</summary>
    public string? FailureReason { get; set; }
    /// <summary>How many times a Worker took this generation (a crash counts); past the limit it fails.</summary>
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public double? DurationSeconds { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? VideoCodec { get; set; }
    public string? AudioCodec { get; set; }
    /// <summary>Rendition heights of a ready video, ascending and comma-separated (e.g. "360,720").</summary>
    public string? Renditions { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public IReadOnlyList<int> RenditionHeights() =>
        string.IsNullOrEmpty(Renditions) ? [] : Renditions.Split(',').Select(int.Parse).ToList();
}

/// <summary>Where a lesson's streaming files live in the course-media container.</summary>
public static class VideoBlobs
{
    public static string LessonPrefix(Guid lessonId) => $"video/{lessonId:N}/";
    public static string GenerationPrefix(Guid lessonId, Guid generation) => $"video/{lessonId:N}/{generation:N}/";
    public static string Master(Guid lessonId, Guid generation) => GenerationPrefix(lessonId, generation) + "master.m3u8";
    public static string Poster(Guid lessonId, Guid generation) => GenerationPrefix(lessonId, generation) + "poster.jpg";
    public static string RenditionFolder(int height) => $"{height}p";
}

/// <summary>A course's watermark, burned into its videos' renditions when they are made.</summary>
public class CourseWatermark
{
    public Guid CourseId { get; set; }
    public required string Text { get; set; }
    /// <summary>top-left, top-right, bottom-left, bottom-right or center.</summary>
    public required string Position { get; set; }
    public int OpacityPercent { get; set; }

    public static readonly string[] Positions = ["top-left", "top-right", "bottom-left", "bottom-right", "center"];
}

internal sealed class LessonVideoConfiguration : IEntityTypeConfiguration<LessonVideo>
{
    public void Configure(EntityTypeBuilder<LessonVideo> builder)
    {
        builder.ToTable("lesson_videos");
        builder.HasKey(v => v.LessonId);
        builder.HasOne<Catalog.Lesson>().WithOne().HasForeignKey<LessonVideo>(v => v.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.SourceBlobName).HasMaxLength(300);
        builder.Property(v => v.Step).HasMaxLength(100);
        builder.Property(v => v.FailureReason).HasMaxLength(1000);
        builder.Property(v => v.LeaseOwner).HasMaxLength(200);
        builder.Property(v => v.VideoCodec).HasMaxLength(50);
        builder.Property(v => v.AudioCodec).HasMaxLength(50);
        builder.Property(v => v.Renditions).HasMaxLength(100);
        builder.ToTable(table => table.HasCheckConstraint("ck_lesson_videos_percent", "percent BETWEEN 0 AND 100"));
        // The Workers' claim looks for the oldest waiting job.
        builder.HasIndex(v => new { v.Status, v.QueuedAt });
    }
}

internal sealed class CourseWatermarkConfiguration : IEntityTypeConfiguration<CourseWatermark>
{
    public void Configure(EntityTypeBuilder<CourseWatermark> builder)
    {
        builder.ToTable("course_watermarks");
        builder.HasKey(w => w.CourseId);
        builder.HasOne<Catalog.Course>().WithOne().HasForeignKey<CourseWatermark>(w => w.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.Text).HasMaxLength(60);
        builder.Property(w => w.Position).HasMaxLength(20);
        builder.ToTable(table => table.HasCheckConstraint("ck_course_watermarks_opacity", "opacity_percent BETWEEN 5 AND 100"));
    }
}
