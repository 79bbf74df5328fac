using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Identity;

/// <summary>A CourseHub account (ASP.NET Core Identity user) with its public profile.</summary>
public class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public string? Bio { get; set; }
    /// <summary>IANA time zone id, e.g. <c>Europe/Paris</c>.</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Name of the avatar blob in the avatars container; null when the user has none.</summary>
    public string? AvatarBlobName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set while an admin has banned the account.</summary>
    public DateTimeOffset? BannedAt { get; set; }
    /// <summary>
    /// Set when the user deleted their account: from then on nobody signs in to it, and the Worker erases its personal data
    /// once the grace period after this moment has passed.
    /// </summary>
    public DateTimeOffset? DeletionRequestedAt { get; set; }
    /// <summary>When the Worker erased the personal data (name, email, avatar, logins); the row stays for what refers to it.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>The name an erased account's reviews, questions, comments and messages are shown under.</summary>
    public const string FormerUserName = "a former user";

    /// <summary>The blob container of avatars (written by the Api, deleted with an erased account by the Worker).</summary>
    public const string AvatarContainer = "avatars";

    /// <summary>The address an erased account gets instead of its own: unique, and in a domain that never receives mail (RFC 2606).</summary>
    public static string ErasedEmail(Guid id) => $"erased-{id:N}@users.invalid";
}

/// <summary>The three roles of the platform.</summary>
public static class Roles
{
    public const string Student = "Student";
    public const string Teacher = "Teacher";
    public const string Admin = "Admin";

    public static readonly string[] All = [Student, Teacher, Admin];

    /// <summary>Case-insensitive match to the canonical name, or null.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(role => string.Equals(role, value, StringComparison.OrdinalIgnoreCase));
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.ToTable("users");
        builder.Property(user => user.DisplayName).HasMaxLength(100);
        builder.Property(user => user.Bio).HasMaxLength(2000);
        builder.Property(user => user.TimeZone).HasMaxLength(100);
        builder.Property(user => user.AvatarBlobName).HasMaxLength(300);
        builder.HasIndex(user => user.BannedAt).HasFilter("banned_at IS NOT NULL");
        // The Worker's erasure scan reads only accounts waiting for it.
        builder.HasIndex(user => user.DeletionRequestedAt).HasFilter("deletion_requested_at IS NOT NULL AND erased_at IS NULL");
    }
}
