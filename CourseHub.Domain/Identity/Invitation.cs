using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Identity;

/// <summary>
/// An admin's invitation to join with a role: the invitee's link carries a random token (stored here only as its SHA-256
/// hash) that sets a password and signs in once, before <see cref="ExpiresAt"/>. Resending replaces the token (the old
/// link stops working); revoking or accepting ends it. At most one pending invitation per address.
/// </summary>
public class Invitation
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-cased as Identity normalizes addresses, for the one-pending-per-address rule and the registered check.</summary>
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public required string TokenHash { get; set; }
    public Guid InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int SendCount { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? AcceptedUserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.DisplayName).HasMaxLength(100);
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        // One pending invitation per address: a second is refused (resend the first instead).
        builder.HasIndex(i => i.NormalizedEmail).IsUnique().HasFilter("accepted_at IS NULL AND revoked_at IS NULL");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Cascade);
    }
}
