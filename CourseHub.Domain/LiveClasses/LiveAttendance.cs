using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.LiveClasses;

/// <summary>
/// Who came to a live session (a one-to-one booking or a group session, by its id) and when: written by the live room the
/// first time a person joins once the room is open, <see cref="LastLeftAt"/> each time their last connection leaves.
/// </summary>
public class LiveAttendance
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset FirstJoinedAt { get; set; }
    public DateTimeOffset? LastLeftAt { get; set; }
}

internal sealed class LiveAttendanceConfiguration : IEntityTypeConfiguration<LiveAttendance>
{
    public void Configure(EntityTypeBuilder<LiveAttendance> builder)
    {
        // No foreign key to the session: it is a booking or a group session, and both are deleted only with their people.
        builder.ToTable("live_attendances");
        builder.HasKey(a => new { a.SessionId, a.UserId });
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
