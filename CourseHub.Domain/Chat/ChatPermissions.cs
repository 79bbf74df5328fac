using CourseHub.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Domain.Chat;

/// <summary>
/// Who may talk to whom, one rule for the Api (starting a conversation) and Realtime: a student and a teacher of a
/// course the student is actively enrolled in (either may start), and an admin with anyone. Nobody talks to themselves.
/// </summary>
public static class ChatPermissions
{
    public static async Task<bool> MayTalkAsync(this CourseHubDbContext db, Guid userId, Guid otherUserId, CancellationToken cancellationToken)
    {
        if (userId == otherUserId)
        {
            return false;
        }
        var adminRoleIds = db.Roles.Where(role => role.Name == Roles.Admin).Select(role => role.Id);
        var adminAmongThem = db.UserRoles
            .Where(link => (link.UserId == userId || link.UserId == otherUserId) && adminRoleIds.Contains(link.RoleId))
            .Select(link => link.UserId);
        var enrolledWithTheTeacher = db.Enrollments
            .Where(enrollment => enrollment.RevokedAt == null
                && db.Courses.Any(course => course.Id == enrollment.CourseId
                    && ((enrollment.UserId == userId && course.TeacherId == otherUserId)
                        || (enrollment.UserId == otherUserId && course.TeacherId == userId))))
            .Select(enrollment => enrollment.UserId);
        // Both grounds in one EXISTS over a UNION ALL: one round trip, asked at every chat message.
        // Live-class bookings add nobody: only a student enrolled with the teacher can book one.
        return await adminAmongThem.Concat(enrolledWithTheTeacher).AnyAsync(cancellationToken);
    }
}
