using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Commerce;

/// <summary>Pending → Paid → Refunded; Pending → Expired or Failed. Only Stripe's webhooks move an order past Pending.</summary>
public enum OrderStatus
{
    Pending,
    Paid,
    Expired,
    Failed,
    Refunded,
}

/// <summary>
/// One purchase of one course, paid through a Stripe Checkout Session. The amount, currency and platform fee are fixed
/// when the order is made (a later price change does not touch it); money is integer minor units of the currency.
/// </summary>
public class Order
{
    public Guid Id { get; set; }
    public Guid BuyerId { get; set; }
    public Guid CourseId { get; set; }
    /// <summary>Who gets paid (the course's teacher when the order was made).</summary>
    public Guid TeacherId { get; set; }
    public long AmountMinor { get; set; }
    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; set; }
    /// <summary>The platform's fee (<c>application_fee_amount</c>); the rest is transferred to the teacher.</summary>
    public long PlatformFeeMinor { get; set; }
    public OrderStatus Status { get; set; }
    /// <summary>The Checkout Session (<c>cs_…</c>) the buyer pays through; reused while it is open.</summary>
    public string? CheckoutSessionId { get; set; }
    public string? CheckoutUrl { get; set; }
    public DateTimeOffset? CheckoutExpiresAt { get; set; }
    /// <summary>Stripe's PaymentIntent (<c>pi_…</c>), known once the session completes; refunds go through it.</summary>
    public string? PaymentIntentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? RefundRequestedAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public long RefundedMinor { get; set; }
    /// <summary>Blob name of the PDF receipt, once the Worker has made it.</summary>
    public string? ReceiptBlobName { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", table =>
        {
            table.HasCheckConstraint("ck_orders_amount_positive", "amount_minor > 0");
            table.HasCheckConstraint("ck_orders_fee_within_amount", "platform_fee_minor >= 0 AND platform_fee_minor <= amount_minor");
            table.HasCheckConstraint("ck_orders_refund_within_amount", "refunded_minor >= 0 AND refunded_minor <= amount_minor");
        });
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.CheckoutSessionId).HasMaxLength(255);
        builder.Property(o => o.CheckoutUrl).HasMaxLength(2048);
        builder.Property(o => o.PaymentIntentId).HasMaxLength(255);
        builder.Property(o => o.ReceiptBlobName).HasMaxLength(300);
        builder.HasIndex(o => o.CheckoutSessionId).IsUnique();
        builder.HasIndex(o => o.PaymentIntentId).IsUnique();
        builder.HasIndex(o => new { o.BuyerId, o.CreatedAt });
        builder.HasIndex(o => new { o.TeacherId, o.PaidAt });
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        // At most one open (pending) order per buyer and course: coming back to Checkout reuses it.
        builder.HasIndex(o => new { o.BuyerId, o.CourseId }).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ix_orders_one_pending_per_buyer_course");
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(o => o.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
    }
}
