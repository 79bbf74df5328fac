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
    }
}
