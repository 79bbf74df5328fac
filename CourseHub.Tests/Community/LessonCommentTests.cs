using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Commerce;
using CourseHub.Tests.Infrastructure;
using CourseHub.Tests.Teaching;
using Microsoft.EntityFrameworkCore;

namespace CourseHub.Tests.Community;

/// <summary>
/// Lesson comments on the running system: only the course's students, its teacher and admins take part; one reply
/// level (a reply to a reply joins the top-level thread); instructor badges; who is notified; reports hide a comment.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LessonCommentTests(SystemFixture system)
{
    private static async Task<Guid> FirstLessonAsync(StudioUser student, ShopCourse course)
    {
        var curriculum = await student.OkJsonAsync(HttpMethod.Get, $"/api/learn/courses/{course.Id}");
        return curriculum.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
    }

    private static async Task<bool> NotifiedAsync(StudioUser user, string kind) =>
        (await user.OkJsonAsync(HttpMethod.Get, "/api/me/notifications?unreadOnly=true")).GetProperty("items").EnumerateArray()
        .Any(n => n.GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task Only_participants_comment_replies_stay_one_level_deep_and_the_right_people_are_told()
    {
        var course = await system.PublishedCourseAsync("Commented lessons course", priceMinor: 0);
        using var student = await system.SignUpAsync("Student", "lessoncommenter");
        using var classmate = await system.SignUpAsync("Student", "lessonclassmate");
        using var outsider = await system.SignUpAsync("Student", "lessonoutsider");
        await student.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await classmate.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var lesson = await FirstLessonAsync(student, course);
        var path = $"/api/lessons/{lesson}/comments";

        // Not enrolled: 403 with the code, to read and to write; anonymous 401; an unknown lesson 404; empty text names the field.
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            var refused = await outsider.SendAsync(method, path, method == HttpMethod.Post ? new { text = "Hi" } : null);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("not-a-participant", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        using (var anonymous = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{system.Project("api").Url}{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await student.SendAsync(HttpMethod.Get, $"/api/lessons/{Guid.NewGuid()}/comments")).StatusCode);
        var empty = await student.SendAsync(HttpMethod.Post, path, new { text = " " });
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));

        var top = await student.OkJsonAsync(HttpMethod.Post, path, new { text = "Is the second example right?" }, HttpStatusCode.Created);
        var topId = top.GetProperty("id").GetGuid();
        Assert.False(top.GetProperty("author").GetProperty("isInstructor").GetBoolean());
        await Eventually.TrueAsync(() => NotifiedAsync(course.Teacher, "lesson-commented"), TimeSpan.FromSeconds(10), "the teacher told of the comment");

        // The teacher replies (badged); the classmate replies to that reply: it joins the same thread, one level deep.
        var answer = await course.Teacher.OkJsonAsync(HttpMethod.Post, path, new { text = "Yes — see the note below it.", parentId = topId }, HttpStatusCode.Created);
        Assert.Equal(topId, answer.GetProperty("parentId").GetGuid());
        Assert.True(answer.GetProperty("author").GetProperty("isInstructor").GetBoolean());
        await Eventually.TrueAsync(() => NotifiedAsync(student, "lesson-comment-replied"), TimeSpan.FromSeconds(10), "the commenter told of the reply");
        var nested = await classmate.OkJsonAsync(HttpMethod.Post, path, new { text = "Thanks, that helped me too.", parentId = answer.GetProperty("id").GetGuid() },
            HttpStatusCode.Created);
        Assert.Equal(topId, nested.GetProperty("parentId").GetGuid());
        // The reply's author (the teacher) hears of the reply to their reply too.
        await Eventually.TrueAsync(() => NotifiedAsync(course.Teacher, "lesson-comment-replied"), TimeSpan.FromSeconds(10), "the teacher told of the reply to their reply");

        // A parent from another lesson or no comment at all is refused by field.
        var stray = await student.SendAsync(HttpMethod.Post, path, new { text = "Lost", parentId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
        Assert.True((await stray.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("parentId", out _));

        var second = await classmate.OkJsonAsync(HttpMethod.Post, path, new { text = "Newer top-level comment" }, HttpStatusCode.Created);
        var list = await student.OkJsonAsync(HttpMethod.Get, path);
        Assert.Equal(2, list.GetProperty("comments").GetProperty("total").GetInt32());
        var items = list.GetProperty("comments").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([second.GetProperty("id").GetGuid(), topId], items.Select(i => i.GetProperty("id").GetGuid()));
        var replies = items[1].GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal(["Yes — see the note below it.", "Thanks, that helped me too."], replies.Select(r => r.GetProperty("text").GetString()));
        Assert.All(replies, r => Assert.Empty(r.GetProperty("replies").EnumerateArray()));

        // Admins take part without enrolling, badged.
        using var admin = await system.AdminAsync();
        var adminReply = await admin.OkJsonAsync(HttpMethod.Post, path, new { text = "Moderator here.", parentId = topId }, HttpStatusCode.Created);
        Assert.True(adminReply.GetProperty("author").GetProperty("isInstructor").GetBoolean());
    }

    [Fact]
    public async Task A_lesson_comment_reported_to_the_threshold_is_hidden_with_its_thread()
    {
        var course = await system.PublishedCourseAsync("Reported lesson comments course", priceMinor: 0);
        using var author = await system.SignUpAsync("Student", "lessontroll");
        await author.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var lesson = await FirstLessonAsync(author, course);
        var path = $"/api/lessons/{lesson}/comments";
        var comment = (await author.OkJsonAsync(HttpMethod.Post, path, new { text = "Spam spam spam" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var reporters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => system.SignUpAsync("Student", "lessonreporter")));
        try
        {
            // Only the course's people read its lesson comments, so only they report them.
            var outsider = await reporters[0].SendAsync(HttpMethod.Post, "/api/reports", new { targetType = "comment", targetId = comment, reason = "Spam" });
            Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
            foreach (var reporter in reporters)
            {
                await reporter.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
            }
            JsonElement last = default;
            foreach (var reporter in reporters)
            {
                last = await reporter.OkJsonAsync(HttpMethod.Post, "/api/reports", new { targetType = "comment", targetId = comment, reason = "Spam" }, HttpStatusCode.Created);
            }
            Assert.True(last.GetProperty("hidden").GetBoolean());
            Assert.Equal(0, (await author.OkJsonAsync(HttpMethod.Get, path)).GetProperty("comments").GetProperty("total").GetInt32());
            // A hidden comment takes no replies.
            Assert.Equal(HttpStatusCode.BadRequest, (await course.Teacher.SendAsync(HttpMethod.Post, path, new { text = "Hm", parentId = comment })).StatusCode);
            using var admin = await system.AdminAsync();
            var queue = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/moderation?pageSize=100");
            var item = queue.GetProperty("items").EnumerateArray().First(i => i.GetProperty("targetId").GetGuid() == comment);
            Assert.Equal("Spam spam spam", item.GetProperty("content").GetString());
            Assert.Equal($"/learn/{course.Slug}/lessons/{lesson}", item.GetProperty("link").GetString());
        }
        finally
        {
            foreach (var reporter in reporters)
            {
                reporter.Dispose();
            }
        }
    }

    [Fact]
    public async Task Authors_edit_their_comments_and_a_deleted_comment_keeps_its_thread_under_a_placeholder()
    {
        var course = await system.PublishedCourseAsync("Edited lesson comments course", priceMinor: 0);
        using var author = await system.SignUpAsync("Student", "lessoneditor");
        using var classmate = await system.SignUpAsync("Student", "lessoneditclassmate");
        await author.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        await classmate.OkJsonAsync(HttpMethod.Post, $"/api/courses/{course.Id}/enroll");
        var lesson = await FirstLessonAsync(author, course);
        var path = $"/api/lessons/{lesson}/comments";
        var top = (await author.OkJsonAsync(HttpMethod.Post, path, new { text = "Typo in the secnd example" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var reply = (await classmate.OkJsonAsync(HttpMethod.Post, path, new { text = "Agreed", parentId = top }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Only the author edits; empty text names the field; the edit is marked.
        var notYours = await classmate.SendAsync(HttpMethod.Put, $"{path}/{top}", new { text = "Hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal("not-yours", (await notYours.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var blank = await author.SendAsync(HttpMethod.Put, $"{path}/{top}", new { text = "" });
        Assert.True((await blank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));
        var edited = await author.OkJsonAsync(HttpMethod.Put, $"{path}/{top}", new { text = "Typo in the second example" });
        Assert.Equal("Typo in the second example", edited.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.String, edited.GetProperty("editedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await author.SendAsync(HttpMethod.Put, $"{path}/{Guid.NewGuid()}", new { text = "x" })).StatusCode);

        // Each reader is told what they may do: the classmate may not touch the author's comment; the teacher may delete it.
        var seenByClassmate = (await classmate.OkJsonAsync(HttpMethod.Get, path)).GetProperty("comments").GetProperty("items")[0];
        Assert.False(seenByClassmate.GetProperty("canEdit").GetBoolean());
        Assert.False(seenByClassmate.GetProperty("canDelete").GetBoolean());
        Assert.True(seenByClassmate.GetProperty("replies")[0].GetProperty("canEdit").GetBoolean());
        var seenByTeacher = (await course.Teacher.OkJsonAsync(HttpMethod.Get, path)).GetProperty("comments").GetProperty("items")[0];
        Assert.True(seenByTeacher.GetProperty("canDelete").GetBoolean());
        Assert.False(seenByTeacher.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await classmate.SendAsync(HttpMethod.Delete, $"{path}/{top}")).StatusCode);

        // Deleting a comment with a reply erases its words but keeps the thread; once the reply goes too, the thread is gone.
        Assert.Equal(HttpStatusCode.NoContent, (await author.SendAsync(HttpMethod.Delete, $"{path}/{top}")).StatusCode);
        var afterDelete = (await classmate.OkJsonAsync(HttpMethod.Get, path)).GetProperty("comments");
        var placeholder = Assert.Single(afterDelete.GetProperty("items").EnumerateArray());
        Assert.True(placeholder.GetProperty("deleted").GetBoolean());
        Assert.Equal("", placeholder.GetProperty("text").GetString());
        Assert.Equal(reply, placeholder.GetProperty("replies")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, (await classmate.SendAsync(HttpMethod.Post, path, new { text = "Late reply", parentId = top })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await author.SendAsync(HttpMethod.Put, $"{path}/{top}", new { text = "Back again" })).StatusCode);
        await using (var db = system.CreateDbContext())
        {
            Assert.Equal("", (await db.LessonComments.SingleAsync(c => c.Id == top)).Text);
        }

        // The teacher deletes the reply (a moderator's deletion is audited); with no reply left the deleted thread is gone.
        Assert.Equal(HttpStatusCode.NoContent, (await course.Teacher.SendAsync(HttpMethod.Delete, $"{path}/{reply}")).StatusCode);
        Assert.Equal(0, (await classmate.OkJsonAsync(HttpMethod.Get, path)).GetProperty("comments").GetProperty("total").GetInt32());
        await using (var db = system.CreateDbContext())
        {
            Assert.False(await db.LessonComments.AnyAsync(c => c.Id == reply));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "lesson-comment.deleted" && a.Details!.Contains(reply.ToString())));
        }
    }
}
