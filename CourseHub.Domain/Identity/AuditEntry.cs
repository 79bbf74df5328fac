using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Identity;

/// <summary>One admin action: who did what to whom, and when. Written in the action's own transaction.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public Guid ActorId { get; set; }
    public required string ActorEmail { get; set; }
    public required string Action { get; set; }
    public Guid? TargetUserId { get; set; }
    public string? TargetEmail { get; set; }
    public string? Details { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(entry => entry.ActorEmail).HasMaxLength(256);
        builder.Property(entry => entry.Action).HasMaxLength(100);
        builder.Property(entry => entry.TargetEmail).HasMaxLength(256);
        builder.Property(entry => entry.Details).HasMaxLength(1000);
        builder.HasIndex(entry => entry.At);
    }
}
