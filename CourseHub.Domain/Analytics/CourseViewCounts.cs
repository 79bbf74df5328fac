using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CourseHub.Domain.Analytics;

/// <summary>
/// Course landing-page views on their way to <see cref="DailyCourseViews"/>: the Api adds each view to one Redis hash
/// (<see cref="PendingKey"/>, field <c>yyyy-MM-dd|courseId</c>, a fire-and-forget HINCRBY), and the Worker's roll-up job
/// renames that hash to <see cref="FlushingKey"/>, adds its counts here and deletes it. Readers add the pending hash to the
/// table, so a view counts at once. One flush runs at a time (the job is not concurrent across the cluster); a flush that
/// died after the rename leaves <see cref="FlushingKey"/>, which the next one adds first.
/// </summary>
public static class CourseViewCounts
{
    public const string PendingKey = "analytics:course-views:pending";
    public const string FlushingKey = "analytics:course-views:flushing";

    public static string Field(DateOnly day, Guid courseId) => $"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}|{courseId:D}";

    public static bool TryParse(string field, out DateOnly day, out Guid courseId)
    {
        courseId = Guid.Empty;
        var bar = field.IndexOf('|');
        day = default;
        return bar > 0 && DateOnly.TryParseExact(field.AsSpan(0, bar), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && Guid.TryParse(field.AsSpan(bar + 1), out courseId);
    }

    /// <summary>Adds counted views to the daily rows (one statement: an upsert of the whole batch).</summary>
    public static async Task AddCourseViewsAsync(this CourseHubDbContext db, IReadOnlyCollection<DailyCourseViews> views, CancellationToken cancellationToken)
    {
        if (views.Count == 0)
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO analytics_daily_course_views (day, course_id, views)
            SELECT * FROM unnest(@days, @courses, @views)
            ON CONFLICT (day, course_id) DO UPDATE SET views = analytics_daily_course_views.views + excluded.views
            """,
            [
                new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = views.Select(v => v.Day).ToArray() },
                new NpgsqlParameter("courses", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = views.Select(v => v.CourseId).ToArray() },
                new NpgsqlParameter("views", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = views.Select(v => v.Views).ToArray() },
            ], cancellationToken);
    }

    /// <summary>Reads a hash's fields into rows (fields that are not ours are skipped), summing repeats.</summary>
    public static List<DailyCourseViews> Parse(IEnumerable<KeyValuePair<string, long>> fields) =>
        fields.Select(f => TryParse(f.Key, out var day, out var course) ? new DailyCourseViews { Day = day, CourseId = course, Views = f.Value } : null)
            .OfType<DailyCourseViews>()
            .GroupBy(v => (v.Day, v.CourseId))
            .Select(g => new DailyCourseViews { Day = g.Key.Day, CourseId = g.Key.CourseId, Views = g.Sum(v => v.Views) })
            .ToList();
}
