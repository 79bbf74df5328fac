using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.LiveClasses;

/// <summary>
/// When a teacher takes live classes: weekly windows in the teacher's own IANA time zone (so a 09:00 window stays 09:00
/// local across daylight-saving changes), the session lengths offered, a buffer between sessions, the minimum notice and
/// how far ahead students may book, and date exceptions (days off, extra windows). One row per teacher.
/// </summary>
public class TeacherAvailability
{
    public Guid TeacherId { get; set; }
    /// <summary>An IANA zone id (<c>Europe/Berlin</c>), checked against the tz database on write.</summary>
    public required string TimeZone { get; set; }
    public List<int> SessionMinutes { get; set; } = [];
    public int BufferMinutes { get; set; }
    public int MinNoticeHours { get; set; }
    public int MaxDaysAhead { get; set; }
    public List<WeeklyWindow> Weekly { get; set; } = [];
    public List<AvailabilityException> Exceptions { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A window on one weekday, local wall-clock times of the teacher's zone.</summary>
public sealed record WeeklyWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>One date in the teacher's zone: a day off (<see cref="Available"/> false, no times) or an extra window.</summary>
public sealed record AvailabilityException(DateOnly Date, bool Available, TimeOnly? Start, TimeOnly? End);

internal sealed class TeacherAvailabilityConfiguration : IEntityTypeConfiguration<TeacherAvailability>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<TeacherAvailability> builder)
    {
        builder.ToTable("teacher_availabilities");
        builder.HasKey(a => a.TeacherId);
        builder.Property(a => a.TimeZone).HasMaxLength(64);
        // The windows are read and written whole with their teacher, never queried on their own: a jsonb column each.
        builder.Property(a => a.Weekly).HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, Json), text => JsonSerializer.Deserialize<List<WeeklyWindow>>(text, Json) ?? new List<WeeklyWindow>(),
            ListComparer<WeeklyWindow>());
        builder.Property(a => a.Exceptions).HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, Json),
            text => JsonSerializer.Deserialize<List<AvailabilityException>>(text, Json) ?? new List<AvailabilityException>(),
            ListComparer<AvailabilityException>());
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(a => a.TeacherId).OnDelete(DeleteBehavior.Cascade);
    }

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item == null ? 0 : item.GetHashCode())),
        list => list.ToList());
}
