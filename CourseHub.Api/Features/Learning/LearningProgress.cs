using CourseHub.Api.Infrastructure;
using CourseHub.Domain;
using CourseHub.Domain.Catalog;
using CourseHub.Domain.Learning;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Api.Features.Learning;

/// <summary>
/// Completion and video positions. A lesson is complete when marked (text, download), when 90 % of its video was
/// watched, or when its quiz was passed; course progress is completed lessons ÷ lessons. Only readers with access
/// (not visitors of a free preview) leave progress; an enrolled student's enrollment remembers the last lesson.
/// </summary>
public sealed class LearningProgress(CourseHubDbContext db, TimeProvider clock)
{
    public const double VideoCompleteShare = 0.9;

    public async Task<Dictionary<Guid, LessonProgress>> OfAsync(Guid userId, Guid courseId, CancellationToken cancellationToken) =>
        await db.LessonProgress.AsNoTracking().Where(p => p.UserId == userId && p.CourseId == courseId).ToDictionaryAsync(p => p.LessonId, cancellationToken);

    public static int Percent(int completed, int total) => total == 0 ? 0 : completed * 100 / total;

    /// <summary>Records the lesson complete (once; the first completion keeps its time) and answers the course's progress.</summary>
    public Task<(int Progress, bool CourseCompleted)> CompleteAsync(CourseForLearner learner, Lesson lesson, CancellationToken cancellationToken) =>
        SaveAsync(learner, lesson, position: null, complete: true, cancellationToken);

    /// <summary>Saves where the video is; past 90 % of its duration the lesson becomes complete.</summary>
    public async Task<(int Position, bool Completed, int Progress)> PositionAsync(CourseForLearner learner, Lesson lesson, int seconds, CancellationToken cancellationToken)
    {
        var position = Math.Max(0, lesson.DurationSeconds > 0 ? Math.Min(seconds, lesson.DurationSeconds) : seconds);
        var complete = lesson.Type == LessonType.Video && lesson.DurationSeconds > 0 && position >= lesson.DurationSeconds * VideoCompleteShare;
        var (progress, _) = await SaveAsync(learner, lesson, position, complete, cancellationToken);
        var completed = await db.LessonProgress.AnyAsync(p => p.UserId == learner.UserId && p.LessonId == lesson.Id && p.CompletedAt != null, cancellationToken);
        return (position, completed, progress);
    }

    private async Task<(int Progress, bool CourseCompleted)> SaveAsync(CourseForLearner learner, Lesson lesson, int? position, bool complete, CancellationToken cancellationToken)
    {
        var userId = learner.UserId ?? throw new InvalidOperationException("Progress needs a signed-in reader.");
        var now = clock.GetUtcNow();
        DateTimeOffset? completedAt = complete ? now : null;
        var newPosition = position ?? -1; // -1: keep the saved position (a completion says nothing about the video)
        // One statement per save, so the player's saves every few seconds from two tabs never collide.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO lesson_progress (user_id, lesson_id, course_id, position_seconds, completed_at, updated_at)
            VALUES ({userId}, {lesson.Id}, {learner.Course.Id}, {Math.Max(0, newPosition)}, {completedAt}, {now})
            ON CONFLICT (user_id, lesson_id) DO UPDATE SET
                position_seconds = CASE WHEN {newPosition} < 0 THEN lesson_progress.position_seconds ELSE {newPosition} END,
                completed_at = COALESCE(lesson_progress.completed_at, excluded.completed_at),
                updated_at = excluded.updated_at
            """, cancellationToken);
        var lessonIds = learner.Lessons.Select(l => l.Id).ToList();
        var completed = await db.LessonProgress.CountAsync(p => p.UserId == userId && lessonIds.Contains(p.LessonId) && p.CompletedAt != null, cancellationToken);
        var courseCompleted = false;
        if (learner.Enrollment is { } enrollment)
        {
            courseCompleted = completed == lessonIds.Count && lessonIds.Count > 0;
            await db.Enrollments.Where(e => e.Id == enrollment.Id).ExecuteUpdateAsync(update => update
                .SetProperty(e => e.LastLessonId, lesson.Id)
                .SetProperty(e => e.LastActivityAt, now)
                .SetProperty(e => e.CompletedAt, e => e.CompletedAt ?? (courseCompleted ? now : null)), cancellationToken);
        }
        return (Percent(completed, lessonIds.Count), courseCompleted);
    }

    /// <summary>Opening a lesson makes it the one to come back to.</summary>
    public Task VisitedAsync(CourseForLearner learner, Lesson lesson, CancellationToken cancellationToken) =>
        learner.Enrollment is { } enrollment
            ? db.Enrollments.Where(e => e.Id == enrollment.Id).ExecuteUpdateAsync(update => update
                .SetProperty(e => e.LastLessonId, lesson.Id).SetProperty(e => e.LastActivityAt, clock.GetUtcNow()), cancellationToken)
            : Task.CompletedTask;

    public static void RequireRecording(CourseForLearner learner)
    {
        if (learner.Access == LearningAccess.Preview || learner.UserId is null)
        {
            throw Refusal.Forbidden("not-enrolled", "Not enrolled", "Progress is kept for enrolled students: enroll in the course first.");
        }
    }
}
