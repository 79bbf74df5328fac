using System.Text.RegularExpressions;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.Playwright;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Browser;

/// <summary>A teacher uploads a thumbnail and a video in the studio and sees them; the published course shows the thumbnail.</summary>
[Collection(SystemCollection.Name)]
public sealed class MediaUploadJourneyTests(SystemFixture system)
{
    private const string Password = "correct-horse-battery"; // IdentityClient's default for new accounts

    [Fact]
    public async Task A_teacher_uploads_a_thumbnail_and_a_video_with_progress_and_the_catalog_shows_the_thumbnail()
    {
        using var teacher = await system.SignUpAsync("Teacher", "media-journey");
        var word = UniqueWord();
        var course = await teacher.CreateMediaCourseAsync($"Pottery with {word}");

        await using var launched = await Browsers.LaunchAsync();
        var context = await launched.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 1000 } });
        var page = await context.NewPageAsync();
        var web = system.Project("web").Url;
        await page.SignInAsync(web, teacher.Email, Password);

        // The course editor: a placeholder, then the uploaded thumbnail.
        await page.GotoAsync($"{web}/teach/courses/{course.Id}");
        var thumbnail = page.GetByTestId("thumbnail-upload");
        await Assertions.Expect(page.GetByTestId("course-thumbnail")).ToContainTextAsync("No thumbnail yet", new() { Timeout = 30_000 });
        await ChooseFileAsync(page, thumbnail, "Thumbnail image", new FilePayload { Name = "cover.png", MimeType = "image/png", Buffer = MediaTestFiles.Png() });
        await Assertions.Expect(thumbnail.GetByTestId("upload-message")).ToHaveTextAsync("Uploaded cover.png.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-thumbnail-image")).ToBeVisibleAsync();
        await Assertions.Expect(thumbnail.GetByTestId("upload-current")).ToContainTextAsync("cover.png");
        Assert.True(await page.GetByTestId("course-thumbnail-image").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 320"),
            "the thumbnail image loads from storage");
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("media-1-thumbnail"), FullPage = true });

        // The lesson page: a file that is not a video is refused with the Api's message under the field.
        await page.GotoAsync($"{web}/teach/courses/{course.Id}/lessons/{course.VideoLesson}");
        var video = page.GetByTestId("video-upload");
        await Assertions.Expect(video).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ChooseFileAsync(page, video, "Lesson video", new FilePayload { Name = "holiday.mp4", MimeType = "video/mp4", Buffer = MediaTestFiles.Png() });
        await Assertions.Expect(video.GetByTestId("upload-error")).ToContainTextAsync("Only MP4, M4V, MOV, WebM, MKV or Ogg videos", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("media-2-refused"), FullPage = true });

        // A real upload shows its progress, then the file and a player. (A large file goes to the browser from disk:
        // handing it over as a buffer is slow.)
        var folder = TestDirectories.Create("media-journey");
        var lecture = Path.Combine(folder, "lecture.mp4");
        await File.WriteAllBytesAsync(lecture, MediaTestFiles.Mp4(32 * 1024 * 1024));
        await ChooseFileAsync(page, video, "Lesson video", lecture);
        var progress = video.GetByTestId("upload-progress-text");

        await Assertions.Expect(progress).ToHaveTextAsync(new Regex(@"^[1-9]\d?% — [\d.]+ (KB|MB) of 32 MB$"), new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("media-3-progress"), FullPage = true });
        await Assertions.Expect(video.GetByTestId("upload-message")).ToHaveTextAsync("Uploaded lecture.mp4.", new() { Timeout = 120_000 });
        await Assertions.Expect(video.GetByTestId("upload-current")).ToContainTextAsync("lecture.mp4");
        await Assertions.Expect(video.GetByTestId("upload-current")).ToContainTextAsync("32 MB");
        await Assertions.Expect(page.GetByTestId("video-preview")).ToHaveAttributeAsync("src", new Regex("course-media/courses/"));
        TestDirectories.Delete(folder); // the browser reads the file while it uploads
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("media-4-video"), FullPage = true });

        // Published, the catalog card shows the thumbnail through the Web's own address.
        await teacher.SubmitCompleteAsync(course.Id);
        using (var admin = await system.AdminAsync())
        {
            await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{course.Id}/approve");
        }
        var cover = page.GetByTestId("course-card").GetByTestId("course-cover");
        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync($"{web}/courses?q={word}");
            return await cover.CountAsync() == 1 && await cover.GetAttributeAsync("data-thumbnail") is not null;
        }, TimeSpan.FromSeconds(30), "the catalog card with the thumbnail");
        var image = await page.APIRequest.GetAsync(web + await cover.GetAttributeAsync("data-thumbnail"));
        Assert.Equal(200, image.Status);
        Assert.Equal("image/png", image.Headers["content-type"]);
        Assert.Equal(MediaTestFiles.Png(), await image.BodyAsync());
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("media-5-catalog"), FullPage = true });

        // The course page shows it too.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Pottery with {word}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("course-title")).ToHaveTextAsync($"Pottery with {word}", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("course-cover")).ToHaveAttributeAsync("data-thumbnail", new Regex($"^/media/thumbnails/{course.Id}\\?v="));
        await page.ScreenshotAsync(new() { Path = Browsers.ScreenshotPath("media-6-course-page"), FullPage = true });
    }

    /// <summary>Chooses a file in an upload field; repeated until the page is interactive (a choice before that is lost).</summary>
    private static Task ChooseFileAsync(IPage page, ILocator field, string label, FilePayload file) =>
        ChooseFileAsync(page, field, label, input => input.SetInputFilesAsync(file));

    private static Task ChooseFileAsync(IPage page, ILocator field, string label, string path) =>
        ChooseFileAsync(page, field, label, input => input.SetInputFilesAsync(path));

    private static async Task ChooseFileAsync(IPage page, ILocator field, string label, Func<ILocator, Task> choose) =>
        await page.RetryUntilInteractiveAsync(async () =>
        {
            await choose(page.GetByLabel(label, new() { Exact = true }));
            return await field.Locator("[data-testid=upload-progress], [data-testid=upload-message], [data-testid=upload-error]")
                    .First.AppearsAsync();
        });
}
