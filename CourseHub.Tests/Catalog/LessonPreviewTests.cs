using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Domain.Catalog;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Catalog;

/// <summary>The public free-preview route: a lesson marked free preview of a published course, and nothing else.</summary>
[Collection(SystemCollection.Name)]
public sealed class LessonPreviewTests(SystemFixture system)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private string Api => system.Project("api").Url;

    private static Course WithLessons(string title, Action<Course>? configure = null) => Course(title, c =>
    {
        c.Modules =
        [
            new CourseModule
            {
                Title = "Start here", Position = 0,
                Lessons =
                [
                    new Lesson { Title = "Free reading", Position = 0, Type = LessonType.Text, DurationSeconds = 300, IsFreePreview = true, TextMarkdown = "## Welcome\n\n- one\n- two\n\n<script>alert(1)</script>" },
                    new Lesson { Title = "Paid reading", Position = 1, Type = LessonType.Text, DurationSeconds = 600, TextMarkdown = "PAID-CONTENT-SENTINEL" },
                    new Lesson
                    {
                        Title = "Free quiz", Position = 2, Type = LessonType.Quiz, IsFreePreview = true,
                        Questions = [new QuizQuestion { Prompt = "QUIZ-PROMPT-SENTINEL", Kind = QuizQuestionKind.FillIn, AcceptedAnswers = ["ANSWER-SENTINEL"] }],
                    },
                ],
            },
        ];
        configure?.Invoke(c);
    });

    [Fact]
    public async Task A_free_preview_lesson_of_a_published_course_is_open_to_everyone()
    {
        var course = WithLessons($"{UniqueWord()} preview course");
        await system.SaveAsync(course);
        var lessons = course.Modules[0].Lessons;

        // The course page names each lesson by id, so the Web can link the previews.
        var page = await Http.GetFromJsonAsync<JsonElement>($"{Api}/api/courses/{course.Slug}");
        var outline = page.GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().ToList();
        Assert.Equal(lessons.Select(l => l.Id), outline.Select(l => l.GetProperty("id").GetGuid()));

        using var response = await Http.GetAsync($"{Api}/api/courses/{course.Slug}/preview/{lessons[0].Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("PAID-CONTENT-SENTINEL", body);
        var preview = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Free reading", preview.GetProperty("title").GetString());
        Assert.Equal("text", preview.GetProperty("type").GetString());
        Assert.Equal("Start here", preview.GetProperty("moduleTitle").GetString());
        var html = preview.GetProperty("textHtml").GetString()!;
        Assert.Contains("<h2", html);
        Assert.Contains("<li>one</li>", html);
        Assert.DoesNotContain("<script", html);
        // The other free previews of the course, in course order — never the paid lesson.
        Assert.Equal(["Free reading", "Free quiz"], preview.GetProperty("previews").EnumerateArray().Select(p => p.GetProperty("title").GetString()));

        // A quiz preview says how many questions it has, and never what they are or their answers.
        using var quiz = await Http.GetAsync($"{Api}/api/courses/{course.Slug}/preview/{lessons[2].Id}");
        var quizBody = await quiz.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, quiz.StatusCode);
        Assert.DoesNotContain("SENTINEL", quizBody);
        Assert.Equal(1, JsonDocument.Parse(quizBody).RootElement.GetProperty("questionCount").GetInt32());
    }

    [Fact]
    public async Task Any_other_lesson_is_not_found()
    {
        var course = WithLessons($"{UniqueWord()} guarded course");
        var draft = WithLessons($"{UniqueWord()} draft course", c => c.Status = CourseStatus.Draft);
        var other = WithLessons($"{UniqueWord()} other course");
        await system.SaveAsync(course, draft, other);

        string[] closed =
        [
            $"/api/courses/{course.Slug}/preview/{course.Modules[0].Lessons[1].Id}", // not a free preview
            $"/api/courses/{draft.Slug}/preview/{draft.Modules[0].Lessons[0].Id}", // a free preview of an unpublished course
            $"/api/courses/{course.Slug}/preview/{other.Modules[0].Lessons[0].Id}", // a free preview of another course
            $"/api/courses/{course.Slug}/preview/{Guid.NewGuid()}",
            $"/api/courses/no-such-course/preview/{course.Modules[0].Lessons[0].Id}",
        ];
        foreach (var path in closed)
        {
            using var response = await Http.GetAsync($"{Api}{path}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("PAID-CONTENT-SENTINEL", body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
