using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Catalog;

public enum LessonType
{
    Video,
    Text,
    Quiz,
    Download,
}

/// <summary>
/// One lesson of a module, ordered by <see cref="Position"/>. Its content (video, text, quiz,
/// download) is paid content: only enrolled students — or anyone, for a free-preview lesson — see it.
/// </summary>
public class Lesson
{
    public Guid Id { get; set; }
    public Guid ModuleId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public LessonType Type { get; set; }
    public int DurationSeconds { get; set; }
    public bool IsFreePreview { get; set; }
    /// <summary>Markdown body of a text lesson (or notes under a video).</summary>
    public string? TextMarkdown { get; set; }
    /// <summary>Blob of the source video (renditions are derived from it).</summary>
    public string? VideoBlobName { get; set; }
    /// <summary>The uploaded video's original file name, detected content type and size.</summary>
    public string? VideoFileName { get; set; }
    public string? VideoContentType { get; set; }
    public long VideoSizeBytes { get; set; }
    /// <summary>Blob of the downloadable file of a download lesson.</summary>
    public string? DownloadBlobName { get; set; }
    /// <summary>The download's original file name (offered to the student when saving), detected content type and size.</summary>
    public string? DownloadFileName { get; set; }
    public string? DownloadContentType { get; set; }
    public long DownloadSizeBytes { get; set; }
    /// <summary>A quiz lesson's pass mark: the share of its points an attempt needs to pass it (and complete the lesson).</summary>
    public int PassMarkPercent { get; set; } = 70;
    public List<QuizQuestion> Questions { get; set; } = [];
    public List<LessonResource> Resources { get; set; } = [];

    /// <summary>Every blob this lesson uses (video, download, resources; <see cref="Resources"/> must be loaded).</summary>
    public IEnumerable<string> BlobNames() =>
        new[] { VideoBlobName, DownloadBlobName }.OfType<string>().Concat(Resources.Select(r => r.BlobName));
}

public enum QuizQuestionKind
{
    SingleChoice,
    MultipleChoice,
    FillIn,
}

/// <summary>A question of a quiz lesson. Choice questions have options; fill-in questions have accepted answers.</summary>
public class QuizQuestion
{
    public Guid Id { get; set; }
    public Guid LessonId { get; set; }
    public int Position { get; set; }
    public required string Prompt { get; set; }
    public QuizQuestionKind Kind { get; set; }
    public int Points { get; set; } = 1;
    /// <summary>
    /// A multiple-choice question with partial points gives a share of its points for each correct option ticked and
    /// takes one back for each wrong one (never below zero); without, only the exact set of correct options scores.
    /// </summary>
    public bool PartialCredit { get; set; }
    /// <summary>Accepted answers of a fill-in question (compared case-insensitively, trimmed).</summary>
    public List<string> AcceptedAnswers { get; set; } = [];
    public List<QuizOption> Options { get; set; } = [];
}

public class QuizOption
{
    public Guid Id { get; set; }
    public Guid QuestionId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool IsCorrect { get; set; }
}

/// <summary>An attachment of a lesson (slides, source code, worksheets).</summary>
public class LessonResource
{
    public Guid Id { get; set; }
    public Guid LessonId { get; set; }
    public required string Title { get; set; }
    public required string BlobName { get; set; }
    /// <summary>The original file name, offered when the student saves it.</summary>
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long SizeBytes { get; set; }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.VideoBlobName).HasMaxLength(300);
        builder.Property(l => l.VideoFileName).HasMaxLength(255);
        builder.Property(l => l.VideoContentType).HasMaxLength(100);
        builder.Property(l => l.DownloadBlobName).HasMaxLength(300);
        builder.Property(l => l.DownloadFileName).HasMaxLength(255);
        builder.Property(l => l.DownloadContentType).HasMaxLength(100);
        builder.Property(l => l.PassMarkPercent).HasDefaultValue(70);
        builder.ToTable(table => table.HasCheckConstraint("ck_lessons_pass_mark", "pass_mark_percent BETWEEN 1 AND 100"));
        builder.HasIndex(l => new { l.ModuleId, l.Position });
        builder.HasMany(l => l.Questions).WithOne().HasForeignKey(q => q.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Resources).WithOne().HasForeignKey(r => r.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizQuestionConfiguration : IEntityTypeConfiguration<QuizQuestion>
{
    public void Configure(EntityTypeBuilder<QuizQuestion> builder)
    {
        builder.ToTable("quiz_questions");
        builder.Property(q => q.Prompt).HasMaxLength(2000);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(q => new { q.LessonId, q.Position });
        builder.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizOptionConfiguration : IEntityTypeConfiguration<QuizOption>
{
    public void Configure(EntityTypeBuilder<QuizOption> builder)
    {
        builder.ToTable("quiz_options");
        builder.Property(o => o.Text).HasMaxLength(1000);
        builder.HasIndex(o => new { o.QuestionId, o.Position });
    }
}

internal sealed class LessonResourceConfiguration : IEntityTypeConfiguration<LessonResource>
{
    public void Configure(EntityTypeBuilder<LessonResource> builder)
    {
        builder.ToTable("lesson_resources");
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.BlobName).HasMaxLength(300);
        builder.Property(r => r.FileName).HasMaxLength(255);
        builder.Property(r => r.ContentType).HasMaxLength(100);
        builder.HasIndex(r => r.LessonId);
    }
}
