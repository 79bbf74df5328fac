using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Commerce;

/// <summary>What became of a received Stripe event.</summary>
public enum StripeEventOutcome
{
    /// <summary>Recorded; the Worker has not handled it yet.</summary>
    Received,
    /// <summary>Handled: it changed what it should have (or there was nothing left to change).</summary>
    Processed,
    /// <summary>A type CourseHub does not act on.</summary>
    Ignored,
    /// <summary>It did not match its order (amount, currency or session differ, or no such order): an admin must look.</summary>
    Parked,
}

/// <summary>
/// Every verified Stripe webhook event, recorded by its id before anything else, so a redelivery (Stripe delivers at
/// least once) is recognised and answered 200 without doing anything twice. The signed payload is kept as received.
/// </summary>
public class StripeEvent
{
    /// <summary><c>evt_…</c></summary>
    public required string Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    /// <summary>When Stripe created the event (its <c>created</c>).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public StripeEventOutcome Outcome { get; set; }
    /// <summary>Why it was parked or ignored, for the admin reading it.</summary>
    public string? Note { get; set; }
    public Guid? OrderId { get; set; }
}

internal sealed class StripeEventConfiguration : IEntityTypeConfiguration<StripeEvent>
{
    public void Configure(EntityTypeBuilder<StripeEvent> builder)
    {
        builder.ToTable("stripe_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        // Text, not jsonb: the payload stays byte for byte as Stripe signed it.
        builder.Property(e => e.Payload).HasColumnType("text");
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.HasIndex(e => new { e.Outcome, e.ReceivedAt });
        builder.HasIndex(e => e.OrderId);
    }
}
