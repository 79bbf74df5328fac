using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;

namespace CourseHub.Tests.Community;

/// <summary>A course's Q&amp;A on the running system: who asks and replies, instructor badges, the accepted answer, upvotes, search.</summary>
[Collection(SystemCollection.Name)]
public sealed class QuestionTests(SystemFixture system)
{
    private async Task<StudioUser> EnrolledStudentAsync(ShopCourse course)
    {
        var student = await system.SignUpAsync("Student", "asker");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        return student;
    }

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task Enrolled_students_ask_with_safe_markdown_and_the_teacher_hears_of_it()
    {
        var course = await system.PublishedCourseAsync("Questions asked course", priceMinor: 0);
        using var student = await EnrolledStudentAsync(course);
        using var stranger = await system.SignUpAsync("Student", "qastranger");
        var other = await system.PublishedCourseAsync("Questions other course", priceMinor: 0);
        var otherLesson = (await other.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{other.Id}")).GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        var lesson = (await course.Teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{course.Id}")).GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        var path = $"/api/courses/{course.Id}/questions";

        var refused = await stranger.SendAsync(HttpMethod.Post, path, new { title = "Hi?", bodyMarkdown = "Can I?" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("not-a-participant", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { title = "", bodyMarkdown = "Body" }))).TryGetProperty("title", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { title = "Title", bodyMarkdown = " " }))).TryGetProperty("bodyMarkdown", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { title = new string('t', 201), bodyMarkdown = "Body" }))).TryGetProperty("title", out _));
        Assert.True((await ErrorsOf(await student.SendAsync(HttpMethod.Post, path, new { title = "Which lesson?", bodyMarkdown = "Body", lessonId = otherLesson }))).TryGetProperty("lessonId", out _));

        var asked = await student.OkJsonAsync(HttpMethod.Post, path, new
        {
            title = "Why does the welcome lesson loop?",
            bodyMarkdown = "It **repeats**.\n\n<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>",
            lessonId = lesson,
        }, HttpStatusCode.Created);
        var html = asked.GetProperty("bodyHtml").GetString()!;
        Assert.Contains("<strong>repeats</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        // Raw HTML stays text: no element carries a handler.
        Assert.DoesNotMatch("<[^>]*onerror", html);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Welcome", asked.GetProperty("lessonTitle").GetString());
        Assert.False(asked.GetProperty("author").GetProperty("isInstructor").GetBoolean());
        Assert.Equal(JsonValueKind.Null, asked.GetProperty("acceptedReplyId").ValueKind);

        // Anyone reads it, by the course's slug too; the teacher has a notification leading to it.
        using var anonymous = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/courses/{course.Slug}/questions");
        Assert.False(list.GetProperty("canAsk").GetBoolean());
        var summary = Assert.Single(list.GetProperty("questions").GetProperty("items").EnumerateArray());
        Assert.Equal(asked.GetProperty("id").GetGuid(), summary.GetProperty("id").GetGuid());
        Assert.Equal(0, summary.GetProperty("upvoteCount").GetInt32());
        var byLesson = await anonymous.GetFromJsonAsync<JsonElement>($"{path}?lessonId={lesson}");
        Assert.Equal(1, byLesson.GetProperty("questions").GetProperty("total").GetInt32());
        Assert.True((await student.OkJsonAsync(HttpMethod.Get, path)).GetProperty("canAsk").GetBoolean());
        await Eventually.TrueAsync(async () => (await course.Teacher.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true"))
            .GetProperty("items").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "question-asked"
                && n.GetProperty("url").GetString() == $"/courses/{course.Slug}/questions/{asked.GetProperty("id").GetGuid()}"),
            TimeSpan.FromSeconds(10), "the teacher's notification of the question");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/questions/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Teacher_and_admin_replies_are_badged_the_asker_or_teacher_accepts_one_and_upvotes_count_once()
    {
        var course = await system.PublishedCourseAsync("Questions answered course", priceMinor: 0);
        using var asker = await EnrolledStudentAsync(course);
        using var classmate = await EnrolledStudentAsync(course);
        using var stranger = await system.SignUpAsync("Student", "qareplystranger");
        using var admin = await system.AdminAsync();
        var path = $"/api/courses/{course.Id}/questions";
        var first = (await asker.OkJsonAsync(HttpMethod.Post, path, new { title = "How do generics work here?", bodyMarkdown = "In module one." }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var second = (await classmate.OkJsonAsync(HttpMethod.Post, path, new { title = "Where are the slides?", bodyMarkdown = "Looking for a download." }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var fromTeacher = await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/questions/{first}/replies", new { bodyMarkdown = "See `List<T>`." }, HttpStatusCode.Created);
        Assert.True(fromTeacher.GetProperty("isInstructor").GetBoolean());
        var fromAdmin = await admin.OkJsonAsync(HttpMethod.Post, $"/api/questions/{first}/replies", new { bodyMarkdown = "Also the docs." }, HttpStatusCode.Created);
        Assert.True(fromAdmin.GetProperty("isInstructor").GetBoolean());
        var fromClassmate = await classmate.OkJsonAsync(HttpMethod.Post, $"/api/questions/{first}/replies", new { bodyMarkdown = "Same question!" }, HttpStatusCode.Created);
        Assert.False(fromClassmate.GetProperty("isInstructor").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(HttpMethod.Post, $"/api/questions/{first}/replies", new { bodyMarkdown = "Me too" })).StatusCode);
        Assert.True((await ErrorsOf(await asker.SendAsync(HttpMethod.Post, $"/api/questions/{first}/replies", new { bodyMarkdown = "" }))).TryGetProperty("bodyMarkdown", out _));
        await Eventually.TrueAsync(async () => (await asker.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true"))
            .GetProperty("items").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "question-replied") == 3,
            TimeSpan.FromSeconds(10), "the asker's three reply notifications");

        // Accepting: not a classmate; the asker marks the teacher's reply; the teacher may move the mark; only this question's replies.
        var teacherReply = fromTeacher.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await classmate.SendAsync(HttpMethod.Post, $"/api/questions/{first}/accept", new { replyId = teacherReply })).StatusCode);
        var accepted = await asker.OkJsonAsync(HttpMethod.Post, $"/api/questions/{first}/accept", new { replyId = teacherReply });
        Assert.Equal(teacherReply, accepted.GetProperty("acceptedReplyId").GetGuid());
        Assert.True(accepted.GetProperty("replies").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == teacherReply).GetProperty("isAccepted").GetBoolean());
        var moved = await course.Teacher.OkJsonAsync(HttpMethod.Post, $"/api/questions/{first}/accept", new { replyId = fromAdmin.GetProperty("id").GetGuid() });
        Assert.Equal(fromAdmin.GetProperty("id").GetGuid(), moved.GetProperty("acceptedReplyId").GetGuid());
        Assert.True((await ErrorsOf(await classmate.SendAsync(HttpMethod.Post, $"/api/questions/{second}/accept", new { replyId = teacherReply }))).TryGetProperty("replyId", out _));
        Assert.Equal(3, moved.GetProperty("replies").GetArrayLength());
        Assert.Equal([teacherReply, fromAdmin.GetProperty("id").GetGuid(), fromClassmate.GetProperty("id").GetGuid()],
            moved.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // Upvotes: once per reader, not one's own, withdrawn; the sorts and search follow.
        Assert.Equal(HttpStatusCode.Forbidden, (await classmate.SendAsync(HttpMethod.Post, $"/api/questions/{second}/upvote")).StatusCode);
        Assert.Equal(1, (await asker.OkJsonAsync(HttpMethod.Post, $"/api/questions/{second}/upvote")).GetProperty("upvoteCount").GetInt32());
        Assert.Equal(1, (await asker.OkJsonAsync(HttpMethod.Post, $"/api/questions/{second}/upvote")).GetProperty("upvoteCount").GetInt32());
        Assert.Equal(2, (await stranger.OkJsonAsync(HttpMethod.Post, $"/api/questions/{second}/upvote")).GetProperty("upvoteCount").GetInt32());
        var withdrawn = await stranger.OkJsonAsync(HttpMethod.Delete, $"/api/questions/{second}/upvote");
        Assert.Equal(1, withdrawn.GetProperty("upvoteCount").GetInt32());
        Assert.False(withdrawn.GetProperty("upvoted").GetBoolean());
        Assert.True((await asker.OkJsonAsync(HttpMethod.Get, $"/api/questions/{second}")).GetProperty("upvoted").GetBoolean());

        async Task<List<Guid>> Listed(string query) => (await asker.OkJsonAsync(HttpMethod.Get, $"{path}?{query}"))
            .GetProperty("questions").GetProperty("items").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([second, first], await Listed("sort=newest"));
        Assert.Equal([second, first], await Listed("sort=votes"));
        Assert.Equal([second], await Listed("sort=unanswered"));
        Assert.Equal([first], await Listed("q=GENERICS"));
        Assert.Equal([second], await Listed("q=download"));
        Assert.Empty(await Listed("q=100%25_"));
        var page = await asker.OkJsonAsync(HttpMethod.Get, $"{path}?sort=newest");
        var listedFirst = page.GetProperty("questions").GetProperty("items").EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == first);
        Assert.Equal(3, listedFirst.GetProperty("replyCount").GetInt32());
        Assert.Equal(fromAdmin.GetProperty("id").GetGuid(), listedFirst.GetProperty("acceptedReplyId").GetGuid());
        Assert.True((await ErrorsOf(await asker.SendAsync(HttpMethod.Get, $"{path}?sort=hot"))).TryGetProperty("sort", out _));
    }
}
