using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Teaching;

/// <summary>Uploads of course media through the Api into Azurite, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class MediaUploadTests(SystemFixture system)
{
    /// <summary>The fixture's <c>Uploads:MaxFileBytes</c>, small so an over-limit upload is quick.</summary>
    private const long MaxFileBytes = SystemFixture.MaxUploadFileBytes;

    [Fact]
    public async Task A_thumbnail_is_previewed_by_its_teacher_and_served_publicly_once_published()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var word = UniqueWord();
        var course = await teacher.CreateMediaCourseAsync($"{word} thumbnails");
        var png = MediaTestFiles.Png();

        var uploaded = await teacher.UploadAsync(HttpMethod.Put, $"{Teach(course)}/thumbnail", png, "cover.png").OkAsync();
        var preview = uploaded.GetProperty("thumbnailUrl").GetString()!;
        Assert.Equal(png, await DownloadAsync(preview));
        var studio = await teacher.SendAsync(HttpMethod.Get, Teach(course)).OkAsync();
        Assert.Equal(png, await DownloadAsync(studio.GetProperty("thumbnailUrl").GetString()!));

        // Not public while a draft.
        using var anonymous = PublicClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/courses/{course.Id}/thumbnail")).StatusCode);

        await PublishAsync(teacher, course);
        var item = await CatalogItemAsync(word);
        var publicUrl = item.GetProperty("thumbnailUrl").GetString()!;
        Assert.StartsWith($"/api/courses/{course.Id}/thumbnail?v=", publicUrl);
        var details = await anonymous.GetFromJsonAsync<JsonElement>($"/api/courses/{item.GetProperty("slug").GetString()}");
        Assert.Equal(publicUrl, details.GetProperty("thumbnailUrl").GetString());
        using var image = await anonymous.GetAsync(publicUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.True(image.Headers.CacheControl?.Public, "a public thumbnail may be cached");
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, publicUrl);
        revalidate.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(revalidate)).StatusCode);

        // Replacing it on the published course: the catalog moves to the new version, the old blob is gone.
        var oldBlob = (await CourseRowAsync(course.Id)).ThumbnailBlobName!;
        var replacement = MediaTestFiles.Png(200, 200);
        await teacher.UploadAsync(HttpMethod.Put, $"{Teach(course)}/thumbnail", replacement, "square.png").OkAsync();
        await Eventually.TrueAsync(async () => (await CatalogItemAsync(word)).GetProperty("thumbnailUrl").GetString() != publicUrl,
            TimeSpan.FromSeconds(10), "the catalog to show the new thumbnail");
        Assert.Equal(replacement, await anonymous.GetByteArrayAsync((await CatalogItemAsync(word)).GetProperty("thumbnailUrl").GetString()));
        Assert.False(await MediaContainer().GetBlobClient(oldBlob).ExistsAsync());

        var removed = await teacher.SendAsync(HttpMethod.Delete, $"{Teach(course)}/thumbnail").OkAsync();
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("thumbnailUrl").ValueKind);
        await Eventually.TrueAsync(async () => (await CatalogItemAsync(word)).GetProperty("thumbnailUrl").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(10), "the catalog to drop the thumbnail");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/courses/{course.Id}/thumbnail")).StatusCode);
        Assert.Empty(await BlobsUnderAsync($"courses/{course.Id}/"));
    }

    [Fact]
    public async Task Videos_and_downloads_are_judged_by_content_not_by_name()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} content checks");

        var renamedPng = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.VideoLesson)}/video", MediaTestFiles.Png(), "lecture.mp4");
        Assert.Contains("MP4", (await IdentityClient.FieldErrorsAsync(renamedPng, "file")).Single());

        foreach (var (program, name) in new[]
                 {
                     (MediaTestFiles.WindowsExecutable(), "notes.pdf"), (MediaTestFiles.LinuxExecutable(), "slides.pdf"),
                     (MediaTestFiles.ShellScript(), "readme.txt"),
                 })
        {
            var refused = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download", program, name);
            Assert.Contains("Programs and scripts", (await IdentityClient.FieldErrorsAsync(refused, "file")).Single());
        }
        var unknown = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download", MediaTestFiles.Unknown(), "data.pdf");
        Assert.Contains("not accepted", (await IdentityClient.FieldErrorsAsync(unknown, "file")).Single());
        Assert.Empty(await BlobsUnderAsync($"courses/{course.Id}/"));

        // A real PDF under an odd name is a PDF, saved under its own (sanitized) name.
        var media = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download",
            MediaTestFiles.Pdf(), "../Week 1: notes.bin").OkAsync();
        var download = media.GetProperty("download");
        Assert.Equal("application/pdf", download.GetProperty("contentType").GetString());
        Assert.Equal("Week 1 notes.bin", download.GetProperty("fileName").GetString());
        var video = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.VideoLesson)}/video", MediaTestFiles.Mp4(), "intro.mov").OkAsync();
        Assert.Equal("video/mp4", video.GetProperty("video").GetProperty("contentType").GetString());

        // The lesson's type decides what it takes.
        var videoOnText = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.TextLesson)}/video", MediaTestFiles.Mp4(), "intro.mp4");
        Assert.Equal(HttpStatusCode.Conflict, videoOnText.StatusCode);
        Assert.Equal("wrong-lesson-type", (await IdentityClient.ProblemAsync(videoOnText)).GetProperty("code").GetString());
        var downloadOnVideo = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.VideoLesson)}/download", MediaTestFiles.Pdf(), "a.pdf");
        Assert.Equal(HttpStatusCode.Conflict, downloadOnVideo.StatusCode);
        var notMultipart = await teacher.SendContentAsync(HttpMethod.Put, $"{Lesson(course, course.VideoLesson)}/video", new ByteArrayContent(MediaTestFiles.Mp4()));
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(notMultipart, "file"));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_and_leaves_no_blob_behind()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} limits");

        // Larger than one 4 MiB block, so blocks were staged before the limit was reached.
        var tooLarge = MediaTestFiles.Pdf((int)MaxFileBytes + 512 * 1024);
        var refused = await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download", tooLarge, "huge.pdf");
        await AssertTooLargeAsync(refused);
        var image = new byte[5 * 1024 * 1024 + 100_000];
        MediaTestFiles.Png().CopyTo(image, 0);
        await AssertTooLargeAsync(await teacher.UploadAsync(HttpMethod.Put, $"{Teach(course)}/thumbnail", image, "huge.png"));
        // A declared length far over the limit is refused before the body is read.
        var declared = await teacher.UploadAsync(HttpMethod.Post, $"{Lesson(course, course.TextLesson)}/resources",
            MediaTestFiles.Pdf((int)MaxFileBytes + 2 * 1024 * 1024), "huger.pdf");
        await AssertTooLargeAsync(declared);

        Assert.Empty(await BlobsUnderAsync($"courses/{course.Id}/"));
        var lesson = await LessonRowAsync(course.DownloadLesson);
        Assert.Null(lesson.DownloadBlobName);
        // Exactly at the limit is fine.
        await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download",
            MediaTestFiles.Pdf((int)MaxFileBytes), "exact.pdf").OkAsync();
    }

    [Fact]
    public async Task An_upload_cut_off_part_way_leaves_no_blob_behind()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} interrupted");
        var prefix = $"courses/{course.Id}/";

        // More than one 4 MiB block arrives, then the client goes away.
        var body = new CutOffContent(MediaTestFiles.Mp4(8 * 1024 * 1024), cutAfter: 5 * 1024 * 1024);
        var form = new MultipartFormDataContent { { body, "file", "cut.mp4" } };
        var upload = teacher.SendContentAsync(HttpMethod.Put, $"{Lesson(course, course.VideoLesson)}/video", form);
        await Eventually.TrueAsync(async () => (await BlobsUnderAsync(prefix)).Count > 0, TimeSpan.FromSeconds(30), "a staged block");
        body.CutOff.SetResult();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);

        await Eventually.TrueAsync(async () => (await BlobsUnderAsync(prefix)).Count == 0, TimeSpan.FromSeconds(30), "the staged blocks discarded");
        Assert.Null((await LessonRowAsync(course.VideoLesson)).VideoBlobName);
    }

    [Fact]
    public async Task Another_teachers_course_is_not_found_students_are_forbidden_and_admins_may_help()
    {
        using var owner = await system.SignUpAsync("Teacher", "media-teacher");
        using var other = await system.SignUpAsync("Teacher", "media-teacher");
        using var student = await system.SignUpAsync("Student", "media-student");
        var course = await owner.CreateMediaCourseAsync($"{UniqueWord()} ownership");

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Put, $"{Teach(course)}/thumbnail"), (HttpMethod.Put, $"{Lesson(course, course.VideoLesson)}/video"),
                     (HttpMethod.Post, $"{Lesson(course, course.TextLesson)}/resources"),
                 })
        {
            var response = await other.UploadAsync(method, path, MediaTestFiles.Png(), "cover.png");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await IdentityClient.ProblemAsync(response);
            Assert.Equal(HttpStatusCode.Forbidden, (await student.UploadAsync(method, path, MediaTestFiles.Png(), "cover.png")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"{Lesson(course, course.VideoLesson)}/media")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Delete, $"{Teach(course)}/thumbnail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Get, $"{Lesson(course, Guid.NewGuid())}/media")).StatusCode);
        Assert.Empty(await BlobsUnderAsync($"courses/{course.Id}/"));

        using var admin = await system.AdminAsync();
        await admin.UploadAsync(HttpMethod.Put, $"{Teach(course)}/thumbnail", MediaTestFiles.Png(), "cover.png").OkAsync();
        Assert.NotNull((await CourseRowAsync(course.Id)).ThumbnailBlobName);

        // In review, nothing changes.
        await owner.SubmitCompleteAsync(course.Id);
        var inReview = await owner.UploadAsync(HttpMethod.Put, $"{Teach(course)}/thumbnail", MediaTestFiles.Png(), "new.png");
        Assert.Equal(HttpStatusCode.Conflict, inReview.StatusCode);
        Assert.Equal("not-editable", (await IdentityClient.ProblemAsync(inReview)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_media_route_gives_read_urls_that_download_the_files_from_blob_storage()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} resources");
        var pdf = MediaTestFiles.Pdf(300_000);
        var csv = MediaTestFiles.Csv();
        await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download", pdf, "Übung 1.pdf").OkAsync();
        await teacher.UploadAsync(HttpMethod.Post, $"{Lesson(course, course.DownloadLesson)}/resources", csv, "scores.csv",
            title: "Scores table").OkAsync(HttpStatusCode.Created);
        await teacher.UploadAsync(HttpMethod.Post, $"{Lesson(course, course.DownloadLesson)}/resources", MediaTestFiles.Png(), "diagram.png").OkAsync(HttpStatusCode.Created);

        var media = await teacher.SendAsync(HttpMethod.Get, $"{Lesson(course, course.DownloadLesson)}/media").OkAsync();
        Assert.Equal("Download", media.GetProperty("lessonType").GetString());
        Assert.Equal(MaxFileBytes, media.GetProperty("limits").GetProperty("maxFileBytes").GetInt64());
        var download = media.GetProperty("download");
        Assert.Equal(pdf.Length, download.GetProperty("sizeBytes").GetInt64());
        using var saved = await new HttpClient().GetAsync(download.GetProperty("url").GetString());
        Assert.Equal(pdf, await saved.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", saved.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Übung 1.pdf", saved.Content.Headers.ContentDisposition?.FileNameStar);

        var resources = media.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(new[] { "Scores table", "diagram.png" }, resources.Select(r => r.GetProperty("title").GetString()));
        Assert.Equal("text/csv; charset=utf-8", resources[0].GetProperty("contentType").GetString());
        Assert.Equal(csv, await DownloadAsync(resources[0].GetProperty("url").GetString()!));
        // Without its signature the private blob cannot be read.
        using var unsigned = await new HttpClient().GetAsync(resources[0].GetProperty("url").GetString()!.Split('?')[0]);
        Assert.False(unsigned.IsSuccessStatusCode);

        var resourceId = resources[0].GetProperty("id").GetGuid();
        var resourceBlob = (await ResourceBlobAsync(resourceId))!;
        var afterRemoval = await teacher.SendAsync(HttpMethod.Delete, $"{Lesson(course, course.DownloadLesson)}/resources/{resourceId}").OkAsync();
        Assert.Single(afterRemoval.GetProperty("resources").EnumerateArray());
        Assert.False(await MediaContainer().GetBlobClient(resourceBlob).ExistsAsync());
        Assert.Equal(HttpStatusCode.NotFound,
            (await teacher.SendAsync(HttpMethod.Delete, $"{Lesson(course, course.DownloadLesson)}/resources/{resourceId}")).StatusCode);
    }

    [Fact]
    public async Task Web_pages_and_scripts_are_refused_and_read_urls_serve_files_as_inert_downloads()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} active content");
        var page = System.Text.Encoding.UTF8.GetBytes("<!DOCTYPE html><script>alert(document.domain)</script>");
        foreach (var (file, name, path) in new[]
                 {
                     (page, "notes.html", "download"), (page, "notes.txt", "download"), (System.Text.Encoding.UTF8.GetBytes("<svg onload=alert(1)/>"), "logo.svg", "resources"),
                     (System.Text.Encoding.UTF8.GetBytes("alert(1)"), "app.js", "resources"),
                 })
        {
            var method = path == "download" ? HttpMethod.Put : HttpMethod.Post;
            var refused = await teacher.UploadAsync(method, $"{Lesson(course, course.DownloadLesson)}/{path}", file, name);
            Assert.Contains("not accepted", (await IdentityClient.FieldErrorsAsync(refused, "file")).Single());
        }
        Assert.Empty(await BlobsUnderAsync($"courses/{course.Id}/"));

        // A file stored earlier with a page's headers (before uploads were checked) is still offered as a download.
        await teacher.UploadAsync(HttpMethod.Put, $"{Lesson(course, course.DownloadLesson)}/download", MediaTestFiles.Csv(), "table.csv").OkAsync();
        await teacher.UploadAsync(HttpMethod.Post, $"{Lesson(course, course.DownloadLesson)}/resources", MediaTestFiles.Csv(), "sheet.csv").OkAsync(HttpStatusCode.Created);
        var lesson = await LessonRowAsync(course.DownloadLesson);
        var stored = new List<string> { lesson.DownloadBlobName! };
        await using (var db = system.CreateDbContext())
        {
            stored.AddRange(await db.Set<Domain.Catalog.LessonResource>().Where(r => r.LessonId == course.DownloadLesson).Select(r => r.BlobName).ToListAsync());
            await db.Lessons.Where(l => l.Id == course.DownloadLesson).ExecuteUpdateAsync(set => set.SetProperty(l => l.DownloadContentType, "text/html"));
            await db.Set<Domain.Catalog.LessonResource>().Where(r => r.LessonId == course.DownloadLesson)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ContentType, "image/svg+xml"));
        }
        foreach (var blobName in stored)
        {
            await MediaContainer().GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(page),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html" } });
        }
        var media = await teacher.SendAsync(HttpMethod.Get, $"{Lesson(course, course.DownloadLesson)}/media").OkAsync();
        var urls = new[] { media.GetProperty("download").GetProperty("url").GetString()! }
            .Concat(media.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)).ToList();
        Assert.Equal(2, urls.Count);
        foreach (var url in urls)
        {
            using var opened = await new HttpClient().GetAsync(url);
            Assert.True(opened.IsSuccessStatusCode, $"{(int)opened.StatusCode} for {url}");
            Assert.Equal("attachment", opened.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("application/octet-stream", opened.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Replacing_a_video_deletes_the_old_blob_and_large_videos_pass_the_replica_proxy()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-teacher");
        var course = await teacher.CreateMediaCourseAsync($"{UniqueWord()} videos");
        var path = $"{Lesson(course, course.VideoLesson)}/video";

        // Over Kestrel's and YARP's 30 MB default body size: the route's own limit applies, through the replica proxy.
        var large = MediaTestFiles.Mp4(31 * 1024 * 1024);
        var first = await teacher.UploadAsync(HttpMethod.Put, path, large, "lecture.mp4").OkAsync();
        Assert.Equal(large.Length, first.GetProperty("video").GetProperty("sizeBytes").GetInt64());
        var firstBlob = (await LessonRowAsync(course.VideoLesson)).VideoBlobName!;
        Assert.Equal(large.Length, (await MediaContainer().GetBlobClient(firstBlob).GetPropertiesAsync()).Value.ContentLength);

        var small = MediaTestFiles.Mp4();
        var second = await teacher.UploadAsync(HttpMethod.Put, path, small, "lecture-v2.mp4").OkAsync();
        Assert.Equal("lecture-v2.mp4", second.GetProperty("video").GetProperty("fileName").GetString());
        var secondBlob = (await LessonRowAsync(course.VideoLesson)).VideoBlobName!;
        Assert.NotEqual(firstBlob, secondBlob);
        Assert.False(await MediaContainer().GetBlobClient(firstBlob).ExistsAsync(), "the replaced video's blob is deleted");
        Assert.Equal(small, await DownloadAsync(second.GetProperty("video").GetProperty("url").GetString()!));

        var removed = await teacher.SendAsync(HttpMethod.Delete, path).OkAsync();
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("video").ValueKind);
        Assert.False(await MediaContainer().GetBlobClient(secondBlob).ExistsAsync());
        Assert.Null((await LessonRowAsync(course.VideoLesson)).VideoFileName);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await IdentityClient.ProblemAsync(response);
        Assert.Contains("larger than", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    private static string Teach(MediaCourse course) => $"/api/teach/courses/{course.Id}";

    private static string Lesson(MediaCourse course, Guid lessonId) => $"{Teach(course)}/lessons/{lessonId}";

    private HttpClient PublicClient() => new() { BaseAddress = new Uri(system.Project("api").Url) };

    private static async Task<byte[]> DownloadAsync(string url)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(url);
    }

    private async Task<JsonElement> CatalogItemAsync(string word)
    {
        using var http = PublicClient();
        var result = await http.GetFromJsonAsync<JsonElement>($"/api/courses?q={word}");
        return result.GetProperty("items").EnumerateArray().Single();
    }

    /// <summary>Publishes the course with its thumbnail as its only blob: the empty video and download lessons go first.</summary>
    private async Task PublishAsync(StudioUser teacher, MediaCourse course)
    {
        foreach (var lesson in new[] { course.VideoLesson, course.DownloadLesson })
        {
            await teacher.SendAsync(HttpMethod.Delete, Lesson(course, lesson)).OkAsync();
        }
        await teacher.SubmitCompleteAsync(course.Id);
        using var admin = await system.AdminAsync();
        await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{course.Id}/approve").OkAsync();
    }

    private BlobContainerClient MediaContainer() =>
        new BlobServiceClient(system.ConnectionString("blobs")).GetBlobContainerClient("course-media");

    /// <summary>Every blob under the prefix, including one that only has uncommitted blocks.</summary>
    private async Task<List<string>> BlobsUnderAsync(string prefix)
    {
        var container = MediaContainer();
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, States = BlobStates.Uncommitted }))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    private async Task<Domain.Catalog.Course> CourseRowAsync(Guid id)
    {
        await using var db = system.CreateDbContext();
        return await db.Courses.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<Domain.Catalog.Lesson> LessonRowAsync(Guid id)
    {
        await using var db = system.CreateDbContext();
        return await db.Lessons.AsNoTracking().SingleAsync(l => l.Id == id);
    }

    private async Task<string?> ResourceBlobAsync(Guid id)
    {
        await using var db = system.CreateDbContext();
        return await db.Set<Domain.Catalog.LessonResource>().Where(r => r.Id == id).Select(r => r.BlobName).SingleOrDefaultAsync();
    }

}

/// <summary>Uploads through the studio routes: multipart requests with the user's access token.</summary>
internal static class MediaStudio
{
    public static async Task<HttpResponseMessage> SendContentAsync(this StudioUser user, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        // As the Web sends uploads: a request the Api refuses before reading (not found, too large) sends no body.
        request.Headers.ExpectContinue = content is not null;
        return await user.Client.Http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> UploadAsync(this StudioUser user, HttpMethod method, string path, byte[] file, string fileName,
        string? title = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }
        return user.SendContentAsync(method, path, form);
    }

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await call;
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A draft with one module holding a video, a download and a text lesson, all still empty, and no thumbnail.</summary>
    public static async Task<MediaCourse> CreateMediaCourseAsync(this StudioUser teacher, string title)
    {
        var id = await teacher.DraftWithLessonAsync(title);
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var module = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        async Task<Guid> LessonAsync(string type) => (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{module}/lessons",
            new { title = $"{type} lesson", type }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return new MediaCourse(id, await LessonAsync("Video"), await LessonAsync("Download"), await LessonAsync("Text"));
    }
}

/// <summary>A test course and its lessons of each media kind.</summary>
internal sealed record MediaCourse(Guid Id, Guid VideoLesson, Guid DownloadLesson, Guid TextLesson);

/// <summary>Sends the first <c>cutAfter</c> bytes, waits for <see cref="CutOff"/>, then fails as a dropped connection would.</summary>
internal sealed class CutOffContent(byte[] file, int cutAfter) : HttpContent
{
    public TaskCompletionSource CutOff { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        await stream.WriteAsync(file.AsMemory(0, cutAfter));
        await stream.FlushAsync();
        await CutOff.Task;
        throw new IOException("The client went away.");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = file.Length;
        return true;
    }
}
