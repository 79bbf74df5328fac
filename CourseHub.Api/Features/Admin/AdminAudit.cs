using System.Security.Claims;
using CourseHub.Authentication;
using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Identity;

namespace CourseHub.Api.Features.Admin;

/// <summary>Writes an admin action to the audit log; saved by the caller's SaveChanges, in the same transaction as the change.</summary>
[FeatureSeam]
public static class AdminAudit
{
    /// <param name="clock">When it happened; the request's own <see cref="TimeProvider"/>.</param>
    public static void Record(this CourseHubDbContext db, TimeProvider clock, ClaimsPrincipal admin, string action, string? details, AppUser? target = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = admin.UserId() ?? Guid.Empty,
            ActorEmail = admin.FindFirst(CourseHubJwt.EmailClaim)?.Value ?? "",
            Action = action,
            TargetUserId = target?.Id,
            TargetEmail = target?.Email,
            Details = details is { Length: > 1000 } ? details[..999] + "…" : details,
            At = clock.GetUtcNow(),
        });
}
