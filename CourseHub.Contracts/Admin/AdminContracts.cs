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

/// <summary>An admin's invitation to join: the invitee's email, name and role (Student, Teacher or Admin).</summary>
public sealed record InviteMemberRequest(string? Email, string? DisplayName, string? Role);

/// <summary>An invitation as admins see it; <c>Status</c> is <c>pending</c>, <c>expired</c>, <c>accepted</c> or <c>revoked</c>.</summary>
public sealed record AdminInvitation(Guid Id, string Email, string DisplayName, string Role, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset SentAt, DateTimeOffset ExpiresAt, int SendCount, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt);

/// <summary>The token of an invitation link (<c>/account/invitation?token=</c>).</summary>
public sealed record InvitationTokenRequest(string? Token);

/// <summary>What an invitation link offers, shown before the invitee chooses a password.</summary>
public sealed record InvitationPreview(string Email, string DisplayName, string Role, DateTimeOffset ExpiresAt);

/// <summary>Accepting an invitation: its token and the password of the new account.</summary>
public sealed record AcceptInvitationRequest(string? Token, string? Password);
