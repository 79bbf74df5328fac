// The platform status (/api/status): a public summary, and the details for admins.

namespace CourseHub.Contracts.Status;

/// <summary>What anyone may know: whether the platform is up, and which dependency is not.</summary>
public sealed record StatusSummary(string Status, string Service, DateTimeOffset ServerTime, DependencyStates Dependencies);

/// <summary>"up" or "degraded" per dependency.</summary>
public sealed record DependencyStates(string Database, string Cache, string Messaging);

/// <summary>The plumbing, for administrators: versions, migrations, backlog, background jobs, the answering instance.</summary>
public sealed record StatusDetails(
    string Service,
    string Instance,
    DateTimeOffset ServerTime,
    string DatabaseVersion,
    int AppliedMigrations,
    int PendingOutboxMessages,
    IReadOnlyList<RecentJobRun> RecentJobRuns);

public sealed record RecentJobRun(string JobName, string SchedulerInstance, DateTimeOffset StartedAt, bool? Succeeded);
