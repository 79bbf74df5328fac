using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.LiveClasses;

/// <summary>
/// A live class a teacher schedules for one course, with room for <see cref="Capacity"/> enrolled students.
/// <see cref="RegisteredCount"/> is raised only by a conditional update (<c>registered_count &lt; capacity</c>) in the
/// registering transaction, and a check constraint holds it within the capacity, so concurrent registrations cannot overfill it.
/// </summary>
public class GroupSession
{
    public Guid Id { get; set; }
    public Guid TeacherId { get; set; }
    public Guid CourseId { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Capacity { get; set; }
    public int RegisteredCount { get; set; }
    public required string MeetingRoom { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the teacher started the session in the live room.</summary>
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When the teacher ended it in the live room.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>One student's place in a group session.</summary>
public class GroupSessionRegistration
{
    public Guid SessionId { get; set; }
    public Guid StudentId { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>
/// A reminder of a group session given to one person (a registered student or the teacher) for one lead time. Its key
/// makes each reminder once, whichever Worker replica runs the scan; lead times already passed when a person joined
/// are written as given too, so nobody gets a "tomorrow" reminder ten minutes before the start.
/// </summary>
public class GroupSessionReminder
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public int LeadMinutes { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class GroupSessionReminderConfiguration : IEntityTypeConfiguration<GroupSessionReminder>
{
    public void Configure(EntityTypeBuilder<GroupSessionReminder> builder)
    {
        builder.ToTable("group_session_reminders");
        builder.HasKey(r => new { r.SessionId, r.UserId, r.LeadMinutes });
        builder.HasOne<GroupSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> builder)
    {
        builder.ToTable("group_sessions", table =>
        {
            table.HasCheckConstraint("ck_group_sessions_capacity", "registered_count >= 0 AND registered_count <= capacity");
            table.HasCheckConstraint("ck_group_sessions_period", "starts_at < ends_at");
        });
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.MeetingRoom).HasMaxLength(64);
        builder.HasIndex(s => new { s.TeacherId, s.StartsAt });
        builder.HasIndex(s => new { s.CourseId, s.StartsAt });
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(s => s.TeacherId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Catalog.Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupSessionRegistrationConfiguration : IEntityTypeConfiguration<GroupSessionRegistration>
{
    public void Configure(EntityTypeBuilder<GroupSessionRegistration> builder)
    {
        builder.ToTable("group_session_registrations");
        builder.HasKey(r => new { r.SessionId, r.StudentId });
        builder.HasIndex(r => r.StudentId);
        builder.HasOne<GroupSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(r => r.StudentId).OnDelete(DeleteBehavior.Cascade);
    }
}
