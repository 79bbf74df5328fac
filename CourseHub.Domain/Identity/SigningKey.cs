using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Identity;

/// <summary>
/// Development only: the token-signing key the Api generated when no <c>Auth:SigningKey</c> is
/// configured, kept here so every Api replica (and the next start) signs with the same key.
/// </summary>
public class SigningKey
{
    public required string Id { get; set; }
    public required string PrivateKeyPem { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.Property(key => key.Id).HasMaxLength(64);
    }
}
