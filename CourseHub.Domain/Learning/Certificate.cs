using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Learning;

/// <summary>
/// Proof that a student completed a course: one per student and course, with a public verification code. Names are
/// copied in at issue time, so the certificate keeps saying what it said when the course or the name changes.
/// </summary>
public class Certificate
{
    public Guid Id { get; set; }
    /// <summary>Public and unguessable, e.g. <c>CH-7KQ2-M9XD-4TRA</c>; the verification page lives at <c>/certificates/{code}</c>.</summary>
    public required string Code { get; set; }
    public Guid UserId { get; set; }
    public Guid CourseId { get; set; }
    public required string StudentName { get; set; }
    public required string CourseTitle { get; set; }
    public required string TeacherName { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public string? PdfBlobName { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    public bool IsValid => RevokedAt is null;

    // No 0/O or 1/I: the code is read off paper.
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"CH-{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("certificates");
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.Property(c => c.StudentName).HasMaxLength(100);
        builder.Property(c => c.CourseTitle).HasMaxLength(160);
        builder.Property(c => c.TeacherName).HasMaxLength(100);
        builder.Property(c => c.PdfBlobName).HasMaxLength(300);
        builder.Property(c => c.RevokedReason).HasMaxLength(500);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => new { c.UserId, c.CourseId }).IsUnique();
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Where certificate PDFs live: the Worker writes them, the Api serves them.</summary>
public static class CertificateBlobs
{
    public const string Container = "certificates";

    public static string NameFor(string code) => $"{code}.pdf";
}
