using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CourseHub.Domain.Scheduling;

/// <summary>One execution of a scheduled job: which job, which Worker instance ran it, how it ended.</summary>
public class JobRun
{
    public long Id { get; set; }
    public required string JobName { get; set; }
    /// <summary>Quartz's id of this firing; unique, so a firing can never be recorded twice.</summary>
    public required string FireInstanceId { get; set; }
    public required string SchedulerInstance { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool? Succeeded { get; set; }
    public string? Error { get; set; }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.Property(run => run.JobName).HasMaxLength(200);
        builder.Property(run => run.FireInstanceId).HasMaxLength(200);
        builder.Property(run => run.SchedulerInstance).HasMaxLength(200);
        builder.Property(run => run.Error).HasMaxLength(2000);
        builder.HasIndex(run => run.FireInstanceId).IsUnique();
        builder.HasIndex(run => new { run.JobName, run.StartedAt });
    }
}
