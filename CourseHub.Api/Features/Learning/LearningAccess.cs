using System.Security.Claims;
using CourseHub.Api.Infrastructure;
using CourseHub.Authentication;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Commerce;
using CourseHub.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Learning;

/// <summary>A course with its curriculum in order, and who is reading it.</summary>
public sealed record CourseForLearner(Course Course, IReadOnlyList<Lesson> Lessons, string Access, Enrollment? Enrollment, Guid? UserId);

/// <summary>
/// Who may take a course's lessons: its enrolled students (an active enrollment — a refund revokes it at once), its
/// teacher and admins; a free-preview lesson anyone, signed in or not. Anything else: 401 without a sign-in, 403 with one.
/// </summary>
public sealed class LearningAccess(CourseHubDbContext db)
{
    public const string Enrolled = "enrolled", Teacher = "teacher", Admin = "admin", Preview = "preview";

    public async Task<CourseForLearner> CourseAsync(ClaimsPrincipal user, Func<IQueryable<Course>, IQueryable<Course>> which, CancellationToken cancellationToken)
    {
        var course = await which(db.Courses.AsNoTracking().Where(c => c.Status != CourseStatus.Removed))
            .Include(c => c.Modules).ThenInclude(m => m.Lessons)
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Course not found", "There is no such course.");
        var lessons = course.Modules.OrderBy(m => m.Position).SelectMany(m => m.Lessons.OrderBy(l => l.Position)).ToList();
        var userId = user.UserId();
        var enrollment = userId is { } id
            ? await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.UserId == id && e.CourseId == course.Id && e.RevokedAt == null, cancellationToken)
            : null;
        var access = enrollment is not null ? Enrolled
            : userId is not null && course.TeacherId == userId ? Teacher
            : user.IsInRole(Roles.Admin) ? Admin
            : null;
        return new CourseForLearner(course, lessons, access ?? "", enrollment, userId);
    }

    /// <summary>The course and its reader if they may take it; otherwise the refusal (a published course's page stays the way in).</summary>
    public async Task<CourseForLearner> RequireCourseAsync(ClaimsPrincipal user, Func<IQueryable<Course>, IQueryable<Course>> which, CancellationToken cancellationToken)
    {
        var learner = await CourseAsync(user, which, cancellationToken);
        if (learner.Access.Length == 0)
        {
            throw Refuse(user);
        }
        return learner;
    }

    /// <summary>The lesson's course and its reader, if the reader may see this lesson (free previews of published courses: anyone).</summary>
    public async Task<(CourseForLearner Learner, Lesson Lesson)> RequireLessonAsync(ClaimsPrincipal user, Guid lessonId, CancellationToken cancellationToken)
    {
        var courseId = await db.Set<Lesson>().Where(l => l.Id == lessonId).Select(l => (Guid?)db.Set<CourseModule>().Where(m => m.Id == l.ModuleId).Select(m => m.CourseId).Single())
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.NotFound("not-found", "Lesson not found", "There is no such lesson.");
        var learner = await CourseAsync(user, courses => courses.Where(c => c.Id == courseId), cancellationToken);
        var lesson = learner.Lessons.Single(l => l.Id == lessonId);
        if (learner.Access.Length == 0)
        {
            if (lesson.IsFreePreview && learner.Course.Status == CourseStatus.Published)
            {
                return (learner with { Access = Preview }, lesson);
            }
            throw Refuse(user);
        }
        return (learner, lesson);
    }

    private static Refusal Refuse(ClaimsPrincipal user) => user.UserId() is null
        ? Refusal.Unauthorized("sign-in-required", "Sign in to learn", "Sign in, then enroll in the course to open its lessons.")
        : Refusal.Forbidden("not-enrolled", "Not enrolled", "Enroll in (or buy) the course to open its lessons.");
}
