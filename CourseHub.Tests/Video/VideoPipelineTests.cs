using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using CourseHub.Contracts.Video;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Video;

/// <summary>
/// A real (small, generated) video through the running system: upload → Worker processing with live progress → HLS
/// renditions in blob storage → playback through per-viewer signed links. The fixture's <c>Video:Ladder</c> is
/// 180,360,720 and <c>Video:StreamUrlLifetime</c> <see cref="SystemFixture.StreamUrlLifetime"/>.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class VideoPipelineTests(SystemFixture system)
{
    [Fact]
    public async Task An_upload_is_transcoded_to_hls_renditions_up_to_its_height_with_live_progress_and_its_duration()
    {
        using var teacher = await system.SignUpAsync("Teacher", "video-teacher");
        var (courseId, lessonId) = await teacher.VideoCourseAsync("Transcoded video");
        var updates = new ConcurrentQueue<VideoProcessingUpdate>();
        await using var hub = RealtimeClients.Connect(system.Project("realtime").Url, teacher.Token);
        hub.On<VideoProcessingUpdate>(VideoHubNames.VideoProcessing, update => updates.Enqueue(update));
        await hub.StartAsync();

        await teacher.UploadAsync(HttpMethod.Put, Lesson(courseId, lessonId) + "/video", await TestVideos.ClipAsync(seconds: 3), "clip.mp4").OkAsync();
        var ready = await teacher.VideoReadyAsync(courseId, lessonId);

        // 640x360 source: the 180p and 360p rungs, no 720p upscale.
        Assert.Equal("180p,360p", string.Join(",", ready.GetProperty("renditions").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal(3, ready.GetProperty("durationSeconds").GetInt32());
        Assert.Equal(640, ready.GetProperty("width").GetInt32());
        Assert.Equal(360, ready.GetProperty("height").GetInt32());
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal(3, (await db.Lessons.AsNoTracking().SingleAsync(l => l.Id == lessonId)).DurationSeconds);
        }

        var generation = ready.GetProperty("generation").GetGuid();
        var prefix = $"video/{lessonId:N}/{generation:N}/";
        var files = await BlobsUnderAsync(prefix);
        Assert.Contains(prefix + "master.m3u8", files);
        Assert.Contains(prefix + "poster.jpg", files);
        Assert.Contains(prefix + "180p/index.m3u8", files);
        Assert.Contains(prefix + "360p/seg_00000.ts", files);
        var master = await BlobTextAsync(prefix + "master.m3u8");
        Assert.Contains("RESOLUTION=640x360", master);
        Assert.Contains("RESOLUTION=320x180", master);
        var playlist = await BlobTextAsync(prefix + "360p/index.m3u8");
        Assert.Contains("#EXT-X-ENDLIST", playlist);
        var seconds = ExtInf().Matches(playlist).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(seconds, 2.9, 3.2);

        await Eventually.TrueAsync(() => Task.FromResult(updates.Any(u => u.Status == "ready" && u.Generation == generation)),
            TimeSpan.FromSeconds(15), "the ready update on the teacher's topic");
        var processing = updates.Where(u => u.Status == "processing" && u.LessonId == lessonId).ToList();
        Assert.Contains(processing, u => u.Step == "probing");
        Assert.Contains(processing, u => u.Step == "transcoding 360p" && u.Percent is > 0 and < 100);
        Assert.Equal(processing.Select(u => u.Percent).Order(), processing.Select(u => u.Percent));
    }

    [Fact]
    public async Task Playback_links_are_signed_per_viewer_expire_and_never_reach_the_original()
    {
        using var teacher = await system.SignUpAsync("Teacher", "video-teacher");
        var (courseId, lessonId) = await teacher.VideoCourseAsync("Streamed video");
        await teacher.UploadAsync(HttpMethod.Put, Lesson(courseId, lessonId) + "/video", await TestVideos.ClipAsync(seconds: 3), "clip.mp4").OkAsync();
        await system.PublishAsync(teacher, courseId);
        using var student = await system.SignUpAsync("Student", "video-student");
        var (checkout, _) = await system.BuyAsync(student, courseId);
        await student.OrderReachesAsync(checkout.GetProperty("orderId").GetGuid(), "paid");
        using var stranger = await system.SignUpAsync("Student", "video-stranger");
        await teacher.VideoReadyAsync(courseId, lessonId);

        // The lesson offers the stream, never the upload.
        var lesson = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/lessons/{lessonId}");
        Assert.Equal(JsonValueKind.Null, lesson.GetProperty("video").ValueKind);
        var stream = lesson.GetProperty("stream");
        Assert.Equal("ready", stream.GetProperty("status").GetString());
        string source;
        await using (var db = system.CreateDbContext())
        {
            source = (await db.Lessons.AsNoTracking().SingleAsync(l => l.Id == lessonId)).VideoBlobName!;
        }
        Assert.DoesNotContain(source, lesson.GetRawText());
        Assert.DoesNotContain(source, await (await student.SendAsync(HttpMethod.Get, $"/api/learn/courses/{courseId}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, Lesson(courseId, lessonId) + "/media")).StatusCode);

        var masterPath = stream.GetProperty("masterPlaylistPath").GetString()!;
        Assert.Equal($"/api/learn/lessons/{lessonId}/stream/master.m3u8", masterPath);
        var master = await OkTextAsync(student, masterPath);
        var variant = master.Split('\n').Single(line => line.StartsWith("360p/index.m3u8?t=", StringComparison.Ordinal));
        var basePath = $"/api/learn/lessons/{lessonId}/stream/";
        var playlist = await OkTextAsync(student, basePath + variant);
        var segment = basePath + "360p/" + playlist.Split('\n').First(line => line.StartsWith("seg_00000.ts?t=", StringComparison.Ordinal));
        using (var response = await SendAsync(student, segment))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0x47, (await response.Content.ReadAsByteArrayAsync())[0]); // an MPEG-TS packet's sync byte
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(student, stream.GetProperty("posterPath").GetString()!)).StatusCode);

        // Not enrolled: no playlist; a copied link: refused for another user and for nobody.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(stranger, masterPath)).StatusCode);
        await AssertRefusedAsync(stranger, segment, "stream-link-other-viewer");
        await AssertRefusedAsync(stranger, basePath + variant, "stream-link-other-viewer");
        await AssertRefusedAsync(null, segment, "stream-link-other-viewer");
        await AssertRefusedAsync(student, segment.Replace("?t=", "?t=x"), "stream-link-invalid");
        // The segment of another lesson's path with this lesson's token is refused too.
        await AssertRefusedAsync(student, segment.Replace(lessonId.ToString(), Guid.NewGuid().ToString()), "stream-link-invalid");

        // After the configured lifetime the same link is refused as expired.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await SendAsync(student, segment);
            return response.StatusCode == HttpStatusCode.Forbidden;
        }, SystemFixture.StreamUrlLifetime + TimeSpan.FromSeconds(30), "the signed segment link to expire");
        await AssertRefusedAsync(student, segment, "stream-link-expired");
        // A fresh master playlist works again.
        Assert.Contains("?t=", await OkTextAsync(student, masterPath));
    }

    [Fact]
    public async Task A_corrupt_upload_is_refused_with_its_reason_and_leaves_nothing_behind()
    {
        using var teacher = await system.SignUpAsync("Teacher", "video-teacher");
        var (courseId, lessonId) = await teacher.VideoCourseAsync("Corrupt video");
        // An MP4's opening (so the upload's content check accepts it), then a cut-off, garbled rest.
        var clip = await TestVideos.ClipAsync(seconds: 3);
        var corrupt = clip[..64].Concat(Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251))).ToArray();
        await teacher.UploadAsync(HttpMethod.Put, Lesson(courseId, lessonId) + "/video", corrupt, "broken.mp4").OkAsync();

        var failed = await teacher.VideoStatusReachesAsync(courseId, lessonId, "failed");
        var reason = failed.GetProperty("failureReason").GetString()!;
        Assert.Contains("not a video that can be read", reason);
        Assert.DoesNotContain("/tmp", reason);
        await using (var db = system.CreateDbContext())
        {
            var row = await db.Lessons.AsNoTracking().SingleAsync(l => l.Id == lessonId);
            Assert.Null(row.VideoBlobName);
            Assert.Null(row.VideoFileName);
        }
        Assert.Empty(await BlobsUnderAsync($"courses/{courseId}/lessons/{lessonId}/video/"));
        Assert.Empty(await BlobsUnderAsync($"video/{lessonId:N}/"));
        var media = await teacher.OkJsonAsync(HttpMethod.Get, Lesson(courseId, lessonId) + "/media");
        Assert.Equal(JsonValueKind.Null, media.GetProperty("video").ValueKind);

        using var retry = await teacher.SendAsync(HttpMethod.Post, Lesson(courseId, lessonId) + "/video/retry");
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("source-gone", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Replacing_a_video_stops_its_processing_and_deletes_the_old_renditions_and_removing_it_deletes_the_rest()
    {
        using var teacher = await system.SignUpAsync("Teacher", "video-teacher");
        var (courseId, lessonId) = await teacher.VideoCourseAsync("Replaced video");
        var path = Lesson(courseId, lessonId) + "/video";
        await teacher.UploadAsync(HttpMethod.Put, path, await TestVideos.ClipAsync(seconds: 3), "first.mp4").OkAsync();
        var first = (await teacher.VideoReadyAsync(courseId, lessonId)).GetProperty("generation").GetGuid();
        Assert.NotEmpty(await BlobsUnderAsync($"video/{lessonId:N}/{first:N}/"));

        // A longer one, replaced while it is being transcoded.
        await teacher.UploadAsync(HttpMethod.Put, path, await TestVideos.ClipAsync(seconds: 40), "long.mp4").OkAsync();
        Assert.Empty(await BlobsUnderAsync($"video/{lessonId:N}/{first:N}/"));
        var busy = await teacher.VideoStatusReachesAsync(courseId, lessonId, "processing", v => v.GetProperty("step").GetString()!.StartsWith("transcoding"));
        var second = busy.GetProperty("generation").GetGuid();
        await teacher.UploadAsync(HttpMethod.Put, path, await TestVideos.ClipAsync(seconds: 3), "third.mp4").OkAsync();
        var third = await teacher.VideoReadyAsync(courseId, lessonId);
        Assert.NotEqual(second, third.GetProperty("generation").GetGuid());
        // Had the long job gone on, it would still be transcoding now; it stopped and made nothing. A fixed window is right
        // here: it shows an absence, and a job notices it was replaced at its next heartbeat (Video:Heartbeat, 2 s), so
        // 3 s covers one beat and the deletion after it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await BlobsUnderAsync($"video/{lessonId:N}/{second:N}/"));
        Assert.Equal(3, third.GetProperty("durationSeconds").GetInt32());

        await teacher.SendAsync(HttpMethod.Delete, path).OkAsync();
        Assert.Empty(await BlobsUnderAsync($"video/{lessonId:N}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.SendAsync(HttpMethod.Get, path + "/processing")).StatusCode);
    }

    [Fact]
    public async Task The_course_watermark_is_burned_into_the_renditions_at_its_position()
    {
        using var teacher = await system.SignUpAsync("Teacher", "video-teacher");
        var (courseId, lessonId) = await teacher.VideoCourseAsync("Watermarked video");
        var invalid = await teacher.SendAsync(HttpMethod.Put, $"/api/teach/courses/{courseId}/watermark", new { text = "", position = "left", opacityPercent = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _) && errors.TryGetProperty("position", out _) && errors.TryGetProperty("opacityPercent", out _),
            errors.GetRawText());
        await teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{courseId}/watermark", new { text = "CourseHub ©", position = "top-left", opacityPercent = 100 });

        await teacher.UploadAsync(HttpMethod.Put, Lesson(courseId, lessonId) + "/video", await TestVideos.ClipAsync(seconds: 2, black: true), "black.mp4").OkAsync();
        var ready = await teacher.VideoReadyAsync(courseId, lessonId);
        var segment = await MediaContainer().GetBlobClient($"video/{lessonId:N}/{ready.GetProperty("generation").GetGuid():N}/360p/seg_00000.ts")
            .DownloadContentAsync();
        var (pixels, width, height) = await TestVideos.FirstFrameGrayAsync(segment.Value.Content.ToArray(), 640, 360);

        // A black source: bright pixels only where the white text was drawn, in the top-left corner.
        int Bright(int x0, int y0, int x1, int y1)
        {
            var count = 0;
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    count += pixels[y * width + x] > 160 ? 1 : 0;
                }
            }
            return count;
        }
        Assert.True(Bright(0, 0, width / 2, height / 4) > 200, "the watermark's text in the top-left corner");
        Assert.Equal(0, Bright(width / 2, height / 2, width, height));
    }

    private static string Lesson(Guid courseId, Guid lessonId) => VideoStudio.Lesson(courseId, lessonId);

    private async Task<HttpResponseMessage> SendAsync(StudioUser? user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }
        return await (user?.Client.Http ?? Anonymous).SendAsync(request);
    }

    private async Task<string> OkTextAsync(StudioUser user, string path)
    {
        using var response = await SendAsync(user, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private async Task AssertRefusedAsync(StudioUser? user, string path, string code)
    {
        using var response = await SendAsync(user, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    private HttpClient? _anonymous;
    private HttpClient Anonymous => _anonymous ??= new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };

    private BlobContainerClient MediaContainer() => new BlobServiceClient(system.ConnectionString("blobs")).GetBlobContainerClient("course-media");

    private async Task<List<string>> BlobsUnderAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in MediaContainer().GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    private async Task<string> BlobTextAsync(string name) => (await MediaContainer().GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();

    [GeneratedRegex(@"#EXTINF:([0-9.]+),")]
    private static partial Regex ExtInf();
}
