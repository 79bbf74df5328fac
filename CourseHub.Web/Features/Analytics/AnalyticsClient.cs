using System.Globalization;
using CourseHub.Contracts.Analytics;
using CourseHub.Web.Infrastructure;

namespace CourseHub.Web.Features.Analytics;

/// <summary>The Api's analytics routes: the admin dashboard's figures and a teacher's own.</summary>
public sealed class AnalyticsClient(ApiCaller api)
{
    public Task<ApiResult<AnalyticsSummary>> SummaryAsync(DateOnly from, DateOnly to) =>
        api.SendAsync<AnalyticsSummary>(HttpMethod.Get, $"/api/admin/analytics/summary?from={Day(from)}&to={Day(to)}", null);

    public Task<ApiResult<List<RevenuePoint>>> RevenueAsync(string interval) =>
        api.SendAsync<List<RevenuePoint>>(HttpMethod.Get, $"/api/admin/analytics/revenue?interval={interval}", null);

    public Task<ApiResult<List<NewUsersPoint>>> NewUsersAsync(int days = 28) =>
        api.SendAsync<List<NewUsersPoint>>(HttpMethod.Get, $"/api/admin/analytics/users?interval=day&days={days}", null);

    public Task<ApiResult<List<EnrollmentsPoint>>> EnrollmentsAsync(int months = 12) =>
        api.SendAsync<List<EnrollmentsPoint>>(HttpMethod.Get, $"/api/admin/analytics/enrollments?interval=month&months={months}", null);

    public Task<ApiResult<List<SessionsPoint>>> SessionsAsync(int weeks = 12) =>
        api.SendAsync<List<SessionsPoint>>(HttpMethod.Get, $"/api/admin/analytics/sessions?interval=week&weeks={weeks}", null);

    public Task<ApiResult<List<TopCourse>>> TopCoursesAsync(string by, DateOnly from, DateOnly to) =>
        api.SendAsync<List<TopCourse>>(HttpMethod.Get, $"/api/admin/analytics/top-courses?by={by}&from={Day(from)}&to={Day(to)}&limit=5", null);

    public Task<ApiResult<TeacherAnalytics>> MineAsync(DateOnly from, DateOnly to) =>
        api.SendAsync<TeacherAnalytics>(HttpMethod.Get, $"/api/teach/analytics?from={Day(from)}&to={Day(to)}", null);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The dashboard's period choices: the last N days ending today (UTC).</summary>
public static class AnalyticsPeriods
{
    public static readonly IReadOnlyList<(int Days, string Label)> All = [(7, "Last 7 days"), (30, "Last 30 days"), (90, "Last 90 days"), (365, "Last 12 months")];

    public static (DateOnly From, DateOnly To) Ending(DateOnly today, int days) => (today.AddDays(1 - days), today);

    /// <summary>"+12%", "−3%", "new" (nothing before) or "±0%".</summary>
    public static string Change(long current, long previous) => previous == 0
        ? current == 0 ? "±0%" : "new"
        : ((current - previous) * 100.0 / Math.Abs(previous)) switch
        {
            var p when p > 0 => $"+{p:0}%",
            var p when p < 0 => $"−{-p:0}%",
            _ => "±0%",
        };
}
