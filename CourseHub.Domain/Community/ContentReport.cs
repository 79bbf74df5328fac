using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Community;

/// <summary>What can be reported: the stable names clients send as <c>targetType</c>.</summary>
public static class ReportTargets
{
    public const string Review = "review";
    public const string Question = "question";
    public const string Reply = "reply";
    public const string Message = "message";
    /// <summary>A lesson comment (the name for it).</summary>
    public const string Comment = "comment";
    public const string BlogComment = "blogComment";

    public static readonly IReadOnlyList<string> All = [Review, Question, Reply, Message, Comment, BlogComment];

    /// <summary>The stable name of a target type as a client spelled it (case does not matter), or null.</summary>
    public static string? Normalize(string? type) =>
        type is null ? null : All.FirstOrDefault(t => string.Equals(t, type.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>How an admin resolved a report.</summary>
public static class ModerationActions
{
    public const string Dismiss = "dismiss";
    public const string Hide = "hide";
    public const string Delete = "delete";
    public const string Warn = "warn";
    public const string Ban = "ban";

    public static readonly IReadOnlyList<string> All = [Dismiss, Hide, Delete, Warn, Ban];
}

/// <summary>
/// A signed-in user's report of a piece of content, with a reason. One open report per reporter and target (a unique
/// index over open reports); resolving a target's report resolves all its open reports, with the admin's action.
/// </summary>
public class ContentReport
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; set; }
    public required string TargetType { get; set; }
    public Guid TargetId { get; set; }
    public Guid ReporterId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
    public string? Resolution { get; set; }
    public string? ResolutionReason { get; set; }
}

internal sealed class ContentReportConfiguration : IEntityTypeConfiguration<ContentReport>
{
    public void Configure(EntityTypeBuilder<ContentReport> builder)
    {
        builder.ToTable("content_reports");
        builder.HasIndex(r => new { r.TargetType, r.TargetId, r.ReporterId }).IsUnique().HasFilter("resolved_at IS NULL")
            .HasDatabaseName("ux_content_reports_open_per_reporter");
        builder.HasIndex(r => r.CreatedAt).HasFilter("resolved_at IS NULL");
        builder.Property(r => r.TargetType).HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(ContentReport.MaxReasonLength);
        builder.Property(r => r.Resolution).HasMaxLength(20);
        builder.Property(r => r.ResolutionReason).HasMaxLength(ContentReport.MaxReasonLength);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}
