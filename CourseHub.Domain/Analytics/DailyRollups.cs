using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Analytics;

/// <summary>
/// Money of one UTC day in one currency (never summed across currencies). <see cref="Gross"/> is what buyers paid on
/// that day; <see cref="Refunds"/> what was refunded on that day; <see cref="Fee"/> the platform's fee taken on that day's
/// payments minus the fee returned with that day's refunds, so over any period fee = the platform's fee on net.
/// </summary>
public class DailyRevenue
{
    public DateOnly Day { get; set; }
    public required string Currency { get; set; }
    public long Gross { get; set; }
    public long Fee { get; set; }
    public long Refunds { get; set; }
    public int PaidOrders { get; set; }
    public int RefundedOrders { get; set; }
}

/// <summary>
/// Platform activity of one UTC day. A row exists for every rolled-up day, zeros included, so the latest row says how far
/// the roll-up has got.
/// </summary>
public class DailyActivity
{
    public DateOnly Day { get; set; }
    public int NewUsers { get; set; }
    public int Enrollments { get; set; }
    public int Completions { get; set; }
    /// <summary>Live classes held: bookings and group sessions started in the live room that day.</summary>
    public int LiveSessions { get; set; }
}

/// <summary>One course's enrollments and completions on one UTC day (only days with some).</summary>
public class DailyCourseActivity
{
    public DateOnly Day { get; set; }
    public Guid CourseId { get; set; }
    public int Enrollments { get; set; }
    public int Completions { get; set; }
}

/// <summary>One course's money on one UTC day in one currency, defined as <see cref="DailyRevenue"/> (only days with some).</summary>
public class DailyCourseRevenue
{
    public DateOnly Day { get; set; }
    public Guid CourseId { get; set; }
    public required string Currency { get; set; }
    public long Gross { get; set; }
    public long Fee { get; set; }
    public long Refunds { get; set; }
    /// <summary>Orders paid that day (the purchases of the course's page-view conversion).</summary>
    public int PaidOrders { get; set; }
}

/// <summary>
/// Views of one course's landing page on one UTC day. Views are counted in Redis as they happen (one HINCRBY, nothing on
/// the page's way) and added here by the Worker's roll-up job; these rows are the only record of views, so a rebuild keeps
/// them (it recomputes what has raw rows).
/// </summary>
public class DailyCourseViews
{
    public DateOnly Day { get; set; }
    public Guid CourseId { get; set; }
    public long Views { get; set; }
}

/// <summary>
/// A number every roll-up write (the Worker's step, a rebuild) raises in its own transaction, so a reader that caches
/// rolled-up figures knows exactly when they changed — also when a rebuild rewrites days without moving the last one.
/// One row.
/// </summary>
public class RollupGeneration
{
    public const int SingleRowId = 1;

    public int Id { get; set; }
    public long Generation { get; set; }
}

internal sealed class RollupGenerationConfiguration : IEntityTypeConfiguration<RollupGeneration>
{
    public void Configure(EntityTypeBuilder<RollupGeneration> builder)
    {
        builder.ToTable("analytics_rollup_generation");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.HasData(new RollupGeneration { Id = RollupGeneration.SingleRowId, Generation = 0 });
    }
}

internal sealed class DailyCourseViewsConfiguration : IEntityTypeConfiguration<DailyCourseViews>
{
    public void Configure(EntityTypeBuilder<DailyCourseViews> builder)
    {
        builder.ToTable("analytics_daily_course_views");
        builder.HasKey(v => new { v.Day, v.CourseId });
    }
}

internal sealed class DailyRevenueConfiguration : IEntityTypeConfiguration<DailyRevenue>
{
    public void Configure(EntityTypeBuilder<DailyRevenue> builder)
    {
        builder.ToTable("analytics_daily_revenue");
        builder.HasKey(r => new { r.Day, r.Currency });
        builder.Property(r => r.Currency).HasMaxLength(3);
    }
}

internal sealed class DailyActivityConfiguration : IEntityTypeConfiguration<DailyActivity>
{
    public void Configure(EntityTypeBuilder<DailyActivity> builder)
    {
        builder.ToTable("analytics_daily_activity");
        builder.HasKey(a => a.Day);
    }
}

internal sealed class DailyCourseActivityConfiguration : IEntityTypeConfiguration<DailyCourseActivity>
{
    public void Configure(EntityTypeBuilder<DailyCourseActivity> builder)
    {
        builder.ToTable("analytics_daily_course_activity");
        builder.HasKey(a => new { a.Day, a.CourseId });
        // No foreign key: a roll-up row outlives nothing, and rebuilding must not wait on course locks.
    }
}

internal sealed class DailyCourseRevenueConfiguration : IEntityTypeConfiguration<DailyCourseRevenue>
{
    public void Configure(EntityTypeBuilder<DailyCourseRevenue> builder)
    {
        builder.ToTable("analytics_daily_course_revenue");
        builder.HasKey(r => new { r.Day, r.CourseId, r.Currency });
        builder.Property(r => r.Currency).HasMaxLength(3);
    }
}
