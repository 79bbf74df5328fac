using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Commerce;

/// <summary>A teacher's Stripe Connect Express account, as its last <c>account.updated</c> (or read) described it.</summary>
public class PayoutAccount
{
    public Guid TeacherId { get; set; }
    /// <summary><c>acct_…</c></summary>
    public required string StripeAccountId { get; set; }
    public bool ChargesEnabled { get; set; }
    public bool PayoutsEnabled { get; set; }
    public bool DetailsSubmitted { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Destination charges need the account to take charges and pay them out.</summary>
    public bool CanReceivePayments => ChargesEnabled && PayoutsEnabled;

    /// <summary>What Stripe says of the account now (an <c>account.updated</c> event, or the account read back).</summary>
    public void Update(bool chargesEnabled, bool payoutsEnabled, bool detailsSubmitted, DateTimeOffset at)
    {
        ChargesEnabled = chargesEnabled;
        PayoutsEnabled = payoutsEnabled;
        DetailsSubmitted = detailsSubmitted;
        UpdatedAt = at;
    }
}

internal sealed class PayoutAccountConfiguration : IEntityTypeConfiguration<PayoutAccount>
{
    public void Configure(EntityTypeBuilder<PayoutAccount> builder)
    {
        builder.ToTable("payout_accounts");
        builder.HasKey(a => a.TeacherId);
        builder.Property(a => a.StripeAccountId).HasMaxLength(255);
        builder.HasIndex(a => a.StripeAccountId).IsUnique();
        builder.HasOne<Identity.AppUser>().WithOne().HasForeignKey<PayoutAccount>(a => a.TeacherId).OnDelete(DeleteBehavior.Cascade);
    }
}
