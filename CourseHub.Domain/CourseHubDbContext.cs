using CourseHub.Domain.Catalog;
using CourseHub.Domain.Messaging;
using CourseHub.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain;

/// <summary>The system of record. Every service shares this model; the Api owns applying its migrations.</summary>
public class CourseHubDbContext(DbContextOptions<CourseHubDbContext> options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseModule> CourseModules => Set<CourseModule>();
    public DbSet<Lesson> Lessons => Set<Lesson>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CourseHubDbContext).Assembly);
    }
}
