// User, course review and category management for admins (/api/admin).

namespace CourseHub.Contracts.Admin;

public sealed record AdminUser(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailConfirmed,
    bool Banned, bool TwoFactorEnabled, DateTimeOffset CreatedAt);

public sealed record ChangeRoleRequest(string? Role);

public sealed record BanRequest(string? Reason);

public sealed record AuditEntryResponse(long Id, DateTimeOffset At, Guid ActorId, string ActorEmail, string Action,
    Guid? TargetUserId, string? TargetEmail, string? Details);

public sealed record AdminCourse(Guid Id, string Title, string Slug, Guid TeacherId, string TeacherName, string Status, string? ReviewReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

public sealed record CourseReasonRequest(string? Reason);

public sealed record AdminCategory(int Id, string Slug, string Name, string? Description, int SortOrder, int CourseCount);

public sealed record CategoryRequest(string? Slug, string? Name, string? Description, int? SortOrder);

/// <summary>A review as admins see it: any course, hidden ones included.</summary>
public sealed record AdminReview(Guid Id, Guid CourseId, string CourseTitle, Guid AuthorId, string AuthorEmail, string AuthorName, int Rating, string Text,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, string? Reply, int HelpfulCount, bool Hidden);
