using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Video;

/// <summary>Video courses through the studio routes, for the video tests.</summary>
internal static class VideoStudio
{
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(90);

    public static string Lesson(Guid courseId, Guid lessonId) => $"/api/teach/courses/{courseId}/lessons/{lessonId}";

    /// <summary>A complete draft (ready for review once its video is uploaded) with an empty video lesson.</summary>
    public static async Task<(Guid CourseId, Guid LessonId)> VideoCourseAsync(this StudioUser teacher, string title)
    {
        var courseId = await teacher.CompleteDraftAsync($"{title} {Guid.NewGuid():N}"[..40]);
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{courseId}");
        var module = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var lesson = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{courseId}/modules/{module}/lessons",
            new { title = "The video", type = "Video" }, HttpStatusCode.Created);
        return (courseId, lesson.GetProperty("id").GetGuid());
    }

    /// <summary>Submits and approves the course; returns its slug.</summary>
    public static async Task<string> PublishAsync(this SystemFixture system, StudioUser teacher, Guid courseId)
    {
        await teacher.SubmitCompleteAsync(courseId);
        using var admin = await system.AdminAsync();
        return (await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{courseId}/approve")).GetProperty("slug").GetString()!;
    }

    public static Task<JsonElement> VideoReadyAsync(this StudioUser teacher, Guid courseId, Guid lessonId) =>
        teacher.VideoStatusReachesAsync(courseId, lessonId, "ready");

    /// <summary>Polls the processing status until it is <paramref name="status"/>; fails at once if it becomes another final one.</summary>
    public static async Task<JsonElement> VideoStatusReachesAsync(this StudioUser teacher, Guid courseId, Guid lessonId, string status,
        Func<JsonElement, bool>? also = null)
    {
        JsonElement info = default;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await teacher.SendAsync(HttpMethod.Get, Lesson(courseId, lessonId) + "/video/processing");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            info = await response.Content.ReadFromJsonAsync<JsonElement>();
            var now = info.GetProperty("status").GetString();
            Assert.True(now == status || now is "queued" or "processing", $"the video became {now}: {info.GetRawText()}");
            return now == status && (also?.Invoke(info) ?? true);
        }, Processing, $"the video of lesson {lessonId} to be {status}");
        return info;
    }
}
