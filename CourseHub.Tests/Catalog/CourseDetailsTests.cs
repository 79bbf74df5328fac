using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

[Collection(SystemCollection.Name)]
public sealed class CourseDetailsTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    [Fact]
    public async Task The_course_page_has_the_outline_and_never_the_paid_content()
    {
        const string Secret = "PAID-CONTENT-SENTINEL";
        var course = Course($"{UniqueWord()} complete course", c =>
        {
            c.Description = "Learn **this** <script>alert(1)</script>";
            c.Requirements = ["A laptop"];
            c.Modules =
            [
                new CourseModule
                {
                    Title = "First module", Position = 0,
                    Lessons =
                    [
                        new Lesson { Title = "Preview video", Position = 0, Type = LessonType.Video, DurationSeconds = 300, IsFreePreview = true, VideoBlobName = $"{Secret}.mp4" },
                        new Lesson { Title = "Paid reading", Position = 1, Type = LessonType.Text, DurationSeconds = 600, TextMarkdown = Secret },
                    ],
                },
                new CourseModule
                {
                    Title = "Second module", Position = 1,
                    Lessons =
                    [
                        new Lesson
                        {
                            Title = "Check yourself", Position = 0, Type = LessonType.Quiz, DurationSeconds = 120,
                            Questions = [new QuizQuestion { Prompt = Secret, Kind = QuizQuestionKind.FillIn, AcceptedAnswers = [Secret] }],
                        },
                        new Lesson
                        {
                            Title = "Slides", Position = 1, Type = LessonType.Download, DurationSeconds = 0, DownloadBlobName = Secret,
                            Resources = [new LessonResource { Title = "Deck", BlobName = Secret }],
                        },
                    ],
                },
            ];
        });
        await system.SaveAsync(course);

        using var response = await Http.GetAsync($"{system.Project("api").Url}/api/courses/{course.Slug}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body);
        var details = JsonDocument.Parse(body).RootElement;
        Assert.DoesNotContain("<script", details.GetProperty("descriptionHtml").GetString());
        Assert.Equal(course.Title, details.GetProperty("title").GetString());
        Assert.Equal(course.TeacherId, details.GetProperty("teacher").GetProperty("id").GetGuid());
        Assert.Equal("Test Teacher", details.GetProperty("teacher").GetProperty("name").GetString());
        Assert.Equal(4, details.GetProperty("lessonCount").GetInt32());
        Assert.Equal(1020, details.GetProperty("totalDurationSeconds").GetInt32());
        Assert.Equal(100, details.GetProperty("enrollmentCount").GetInt32());
        Assert.Contains("<strong>this</strong>", details.GetProperty("descriptionHtml").GetString());
        var modules = details.GetProperty("modules").EnumerateArray().ToList();
        Assert.Equal(["First module", "Second module"], modules.Select(m => m.GetProperty("title").GetString()));
        var lessons = modules.SelectMany(m => m.GetProperty("lessons").EnumerateArray()).ToList();
        Assert.Equal(["Preview video", "Paid reading", "Check yourself", "Slides"], lessons.Select(l => l.GetProperty("title").GetString()));
        Assert.Equal(["video", "text", "quiz", "download"], lessons.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal([true, false, false, false], lessons.Select(l => l.GetProperty("isFreePreview").GetBoolean()));
    }

    [Fact]
    public async Task The_demo_catalog_is_seeded_with_published_courses_and_curricula()
    {
        var result = await Http.GetFromJsonAsync<JsonElement>($"{system.Project("api").Url}/api/courses?q=kubernetes");
        var slug = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).First(s => s == "kubernetes-for-developers");
        var details = await Http.GetFromJsonAsync<JsonElement>($"{system.Project("api").Url}/api/courses/{slug}");
        Assert.True(details.GetProperty("modules").GetArrayLength() >= 3);
        await using var db = system.CreateDbContext();
        Assert.True(db.Courses.Count(c => c.Status == CourseStatus.Published && c.Slug.StartsWith("test-") == false) >= 40);
    }
}
