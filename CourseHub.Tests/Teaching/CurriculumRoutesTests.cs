using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Teaching;

/// <summary>Editing, deleting and moving modules and lessons through the studio routes, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class CurriculumRoutesTests(SystemFixture system)
{
    private static string[] Titles(JsonElement course) =>
        course.GetProperty("modules").EnumerateArray()
            .Select(m => m.GetProperty("title").GetString() + ": " + string.Join(", ", m.GetProperty("lessons").EnumerateArray()
                .Select(l => $"{l.GetProperty("position").GetInt32()}.{l.GetProperty("title").GetString()}")))
            .ToArray();

    private static async Task<Guid> AddLessonAsync(StudioUser teacher, Guid courseId, Guid moduleId, string title, string type = "Text") =>
        (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{courseId}/modules/{moduleId}/lessons", new { title, type },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task Modules_and_lessons_are_renamed_moved_across_modules_and_deleted_with_positions_kept_1_to_n()
    {
        using var teacher = await system.SignUpAsync("Teacher", "curriculum");
        var id = await teacher.CompleteDraftAsync($"{UniqueWord()} curriculum course");
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var first = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var welcome = course.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        var second = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Second" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var a = await AddLessonAsync(teacher, id, first, "A");
        await AddLessonAsync(teacher, id, first, "B");
        await AddLessonAsync(teacher, id, second, "C");

        var renamed = await teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{id}/modules/{first}", new { title = "First" });
        Assert.Equal(["First: 1.Welcome, 2.A, 3.B", "Second: 1.C"], Titles(renamed));

        // Drag A into the second module, in front of C.
        var moved = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/lessons/{a}/move", new { moduleId = second, position = 1 });
        Assert.Equal(["First: 1.Welcome, 2.B", "Second: 1.A, 2.C"], Titles(moved));

        var afterDelete = await teacher.OkJsonAsync(HttpMethod.Delete, $"/api/teach/courses/{id}/lessons/{welcome}");
        Assert.Equal(["First: 1.B", "Second: 1.A, 2.C"], Titles(afterDelete));
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.SendAsync(HttpMethod.Get, $"/api/teach/courses/{id}/lessons/{welcome}")).StatusCode);

        var withoutFirst = await teacher.OkJsonAsync(HttpMethod.Delete, $"/api/teach/courses/{id}/modules/{first}");
        Assert.Equal(["Second: 1.A, 2.C"], Titles(withoutFirst));
        Assert.Equal(1, withoutFirst.GetProperty("modules")[0].GetProperty("position").GetInt32());

        // Moving into a module of another course is not possible.
        var otherCourse = await teacher.CompleteDraftAsync($"{UniqueWord()} other course");
        var foreignModule = (await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{otherCourse}")).GetProperty("modules")[0].GetProperty("id").GetGuid();
        var across = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{id}/lessons/{a}/move", new { moduleId = foreignModule, position = 1 });
        Assert.Equal(HttpStatusCode.NotFound, across.StatusCode);
    }

    [Fact]
    public async Task A_lesson_is_edited_partially_with_its_markdown_rendered_safely_and_bad_fields_are_named()
    {
        using var teacher = await system.SignUpAsync("Teacher", "lesson-edit");
        var id = await teacher.CompleteDraftAsync($"{UniqueWord()} lesson course");
        var moduleId = (await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}")).GetProperty("modules")[0].GetProperty("id").GetGuid();
        var video = await AddLessonAsync(teacher, id, moduleId, "Intro video", "Video");

        var edited = await teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{id}/lessons/{video}",
            new { isFreePreview = true, durationSeconds = 95, textMarkdown = "Notes with **bold** and <script>alert(1)</script>" });
        Assert.Equal("Video", edited.GetProperty("type").GetString());
        Assert.Equal("Intro video", edited.GetProperty("title").GetString());
        Assert.True(edited.GetProperty("isFreePreview").GetBoolean());
        Assert.Equal(95, edited.GetProperty("durationSeconds").GetInt32());
        var html = edited.GetProperty("textHtml").GetString()!;
        Assert.Contains("<strong>bold</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var preview = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses/markdown/preview", new { markdown = "# Title\n\n[x](javascript:alert(1))" });
        Assert.Contains("<h1", preview.GetProperty("html").GetString());
        Assert.DoesNotContain("javascript:", preview.GetProperty("html").GetString());

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { type = "Podcast" }, "type"),
                     (new { durationSeconds = -5 }, "durationSeconds"),
                     (new { title = " " }, "title"),
                     (new { textMarkdown = new string('x', 100_001) }, "textMarkdown"),
                 })
        {
            var response = await teacher.SendAsync(HttpMethod.Put, $"/api/teach/courses/{id}/lessons/{video}", body);
            Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(response, field));
        }
        var unchanged = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/lessons/{video}");
        Assert.Equal(("Intro video", 95), (unchanged.GetProperty("title").GetString(), unchanged.GetProperty("durationSeconds").GetInt32()));
    }

    [Fact]
    public async Task Edits_to_a_published_course_keep_it_published_and_reach_the_public_outline()
    {
        using var teacher = await system.SignUpAsync("Teacher", "published-edit");
        using var admin = await system.AdminAsync();
        var id = await teacher.CompleteDraftAsync($"{UniqueWord()} published course");
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        var slug = (await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve")).GetProperty("slug").GetString();
        var lesson = (await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}")).GetProperty("modules")[0].GetProperty("lessons")[0];

        var renamed = $"Renamed {UniqueWord()}";
        await teacher.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{id}/lessons/{lesson.GetProperty("id").GetGuid()}",
            new { title = renamed, isFreePreview = false });
        Assert.Equal("Published", (await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}")).GetProperty("status").GetString());

        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        await Eventually.TrueAsync(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{slug}");
            var outline = page.GetProperty("modules")[0].GetProperty("lessons")[0];
            return outline.GetProperty("title").GetString() == renamed && !outline.GetProperty("isFreePreview").GetBoolean();
        }, TimeSpan.FromSeconds(5), "the edited lesson in the public outline");

        // A published course is never deleted by its teacher (students may own it); it is unpublished instead.
        var delete = await teacher.SendAsync(HttpMethod.Delete, $"/api/teach/courses/{id}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        await IdentityClient.ProblemAsync(delete);
    }

    [Fact]
    public async Task Drafts_are_deleted_others_get_404_in_review_is_409_and_admins_reach_every_course()
    {
        using var teacher = await system.SignUpAsync("Teacher", "curriculum-owner");
        using var other = await system.SignUpAsync("Teacher", "curriculum-other");
        using var admin = await system.AdminAsync();
        var id = await teacher.CompleteDraftAsync($"{UniqueWord()} owned course");
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        var moduleId = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var lessonId = course.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, $"/api/teach/courses/{id}/lessons/{lessonId}"),
                     (HttpMethod.Put, $"/api/teach/courses/{id}/lessons/{lessonId}"),
                     (HttpMethod.Delete, $"/api/teach/courses/{id}/lessons/{lessonId}"),
                     (HttpMethod.Put, $"/api/teach/courses/{id}/modules/{moduleId}"),
                     (HttpMethod.Delete, $"/api/teach/courses/{id}/modules/{moduleId}"),
                     (HttpMethod.Post, $"/api/teach/courses/{id}/lessons/{lessonId}/move"),
                     (HttpMethod.Delete, $"/api/teach/courses/{id}"),
                 })
        {
            var response = await other.SendAsync(method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { title = "x", position = 1 });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        // Admins see and edit any course.
        Assert.Equal(id, (await admin.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}")).GetProperty("id").GetGuid());
        await admin.OkJsonAsync(HttpMethod.Put, $"/api/teach/courses/{id}/modules/{moduleId}", new { title = "Edited by an admin" });

        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        var inReview = await teacher.SendAsync(HttpMethod.Delete, $"/api/teach/courses/{id}/lessons/{lessonId}");
        Assert.Equal(HttpStatusCode.Conflict, inReview.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await teacher.SendAsync(HttpMethod.Delete, $"/api/teach/courses/{id}")).StatusCode);

        var draft = await teacher.CompleteDraftAsync($"{UniqueWord()} doomed draft");
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.SendAsync(HttpMethod.Delete, $"/api/teach/courses/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.SendAsync(HttpMethod.Get, $"/api/teach/courses/{draft}")).StatusCode);
        Assert.DoesNotContain((await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/courses")).EnumerateArray(), c => c.GetProperty("id").GetGuid() == draft);
    }

    [Fact]
    public async Task Preview_shows_a_draft_as_students_will_see_it_and_the_teacher_profile_follows_profile_edits()
    {
        using var teacher = await system.SignUpAsync("Teacher", "preview-teacher");
        using var other = await system.SignUpAsync("Teacher", "preview-other");
        using var admin = await system.AdminAsync();
        var bio = $"Teaches {UniqueWord()} for a living.";
        await teacher.OkJsonAsync(HttpMethod.Put, "/api/me", new { displayName = "Preview Teacher", bio, timeZone = "UTC" });
        var id = await teacher.CompleteDraftAsync($"{UniqueWord()} preview course");

        var preview = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/preview");
        Assert.Contains("<strong>real</strong>", preview.GetProperty("descriptionHtml").GetString());
        Assert.Equal(("Preview Teacher", bio), (preview.GetProperty("teacher").GetProperty("name").GetString(),
            preview.GetProperty("teacher").GetProperty("bio").GetString()));
        Assert.Equal("Welcome", preview.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"/api/teach/courses/{id}/preview")).StatusCode);
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var slug = preview.GetProperty("slug").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/courses/{slug}")).StatusCode);

        // Once published, a new display name reaches the course page and the search (the name is denormalized).
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve");
        var newName = $"Dr {UniqueWord()}";
        await teacher.OkJsonAsync(HttpMethod.Put, "/api/me", new { displayName = newName, bio, timeZone = "UTC" });
        await Eventually.TrueAsync(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/courses/{slug}");
            var search = await http.GetFromJsonAsync<JsonElement>($"/api/courses?q={newName.Split(' ')[1]}");
            return page.GetProperty("teacher").GetProperty("name").GetString() == newName
                   && search.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetGuid() == id);
        }, TimeSpan.FromSeconds(5), "the new teacher name on the course page and in search");
    }
}
