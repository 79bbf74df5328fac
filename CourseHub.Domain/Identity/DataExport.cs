using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Identity;

/// <summary>
/// A user's request for a copy of their data. The Api writes it (with the <c>DataExportRequested</c> event in the same
/// transaction); the Worker builds the archive, stores it in <see cref="Container"/> and emails a short-lived link.
/// </summary>
public class DataExport
{
    public const string Container = "data-exports";

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DataExportStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    /// <summary>When the emailed link stops working; the archive is deleted after it.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? BlobName { get; set; }
    public long? SizeBytes { get; set; }

    public static string BlobNameFor(Guid userId, Guid exportId) => $"{userId:N}/{exportId:N}.zip";
}

public enum DataExportStatus
{
    Pending,
    Ready,
    Expired,
}

internal sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.ToTable("data_exports");
        builder.Property(export => export.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(export => export.BlobName).HasMaxLength(300);
        builder.HasIndex(export => new { export.UserId, export.RequestedAt });
        // One export in preparation per user at a time: a second request while one is pending is refused by the database too.
        builder.HasIndex(export => export.UserId).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ix_data_exports_one_pending_per_user");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(export => export.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
