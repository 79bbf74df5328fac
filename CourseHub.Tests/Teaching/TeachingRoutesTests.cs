using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using static CourseHub.Tests.Catalog.CatalogTestData;
using static CourseHub.Tests.Teaching.Studio;

namespace CourseHub.Tests.Teaching;

/// <summary>The course studio and admin review routes, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class TeachingRoutesTests(SystemFixture system)
{
    private const string RejectedSubject = "Your course needs changes before publishing";

    private async Task<int> CatalogTotalAsync(string word)
    {
        using var http = new HttpClient { BaseAddress = new Uri(system.Project("api").Url) };
        var result = await http.GetFromJsonAsync<JsonElement>($"/api/courses?q={word}");
        return result.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task A_teacher_drafts_submits_and_an_admin_approves_into_the_public_catalog()
    {
        using var teacher = await system.SignUpAsync("Teacher", "studio-teacher");
        using var admin = await system.AdminAsync();
        var word = UniqueWord();

        // Invalid input names the field.
        var invalid = await teacher.SendAsync(HttpMethod.Post, "/api/teach/courses", Draft("", categorySlug: "no-such-category"));
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(invalid, "title"));
        var unknownCategory = await teacher.SendAsync(HttpMethod.Post, "/api/teach/courses", Draft($"{word} course", categorySlug: "no-such-category"));
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(unknownCategory, "categorySlug"));

        var id = await teacher.CompleteDraftAsync( $"{word} studio course");
        var course = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}");
        Assert.Equal("Draft", course.GetProperty("status").GetString());
        Assert.Equal("Test User", course.GetProperty("teacherName").GetString());
        Assert.Equal("USD", course.GetProperty("currency").GetString());
        Assert.Single(course.GetProperty("modules").EnumerateArray().Single().GetProperty("lessons").EnumerateArray());
        Assert.Equal(0, await CatalogTotalAsync(word));

        // Reorder: a second module moved to the front, a second lesson moved before the first.
        var firstModule = course.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var second = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Setup" }, HttpStatusCode.Created);
        var secondLesson = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{firstModule}/lessons",
            new { title = "Preface", type = "Video", durationSeconds = 60 }, HttpStatusCode.Created);
        Assert.Equal(2, secondLesson.GetProperty("position").GetInt32());
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{second.GetProperty("id").GetGuid()}/move", new { position = 1 });
        var reordered = await teacher.OkJsonAsync(HttpMethod.Post,
            $"/api/teach/courses/{id}/modules/{firstModule}/lessons/{secondLesson.GetProperty("id").GetGuid()}/move", new { position = 1 });
        Assert.Equal(new[] { "Setup", "Getting started" }, reordered.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        Assert.Equal(new[] { "Preface", "Welcome" }, reordered.GetProperty("modules")[1].GetProperty("lessons").EnumerateArray()
            .Select(l => l.GetProperty("title").GetString()));
        var noPosition = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{firstModule}/move", new { });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(noPosition, "position"));
        var badLesson = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{firstModule}/lessons", new { title = "" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(badLesson, "title"));

        // Approving a draft is a state conflict.
        var early = await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await IdentityClient.ProblemAsync(early);

        // The "Preface" video lesson has no video yet: the course is made complete first.
        var submitted = await teacher.SubmitCompleteAsync(id);
        Assert.Equal("InReview", submitted.GetProperty("status").GetString());
        var inReview = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/courses?status=InReview&pageSize=100");
        Assert.Contains(inReview.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);
        var badStatus = await admin.SendAsync(HttpMethod.Get, "/api/admin/courses?status=Nope");
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(badStatus, "status"));

        // Editing in review is a conflict.
        var edit = await teacher.SendAsync(HttpMethod.Put, $"/api/teach/courses/{id}", Draft($"{word} renamed"));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);

        var approved = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve");
        Assert.Equal("Published", approved.GetProperty("status").GetString());
        await Eventually.TrueAsync(async () => await CatalogTotalAsync(word) == 1, TimeSpan.FromSeconds(10), "published course in the catalog");

        var mine = await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/courses");
        Assert.Equal("Published", mine.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("status").GetString());

        var unpublished = await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/unpublish");
        Assert.Equal("Draft", unpublished.GetProperty("status").GetString());
        await Eventually.TrueAsync(async () => await CatalogTotalAsync(word) == 0, TimeSpan.FromSeconds(10), "unpublished course leaves the catalog");
    }

    [Fact]
    public async Task A_rejection_returns_the_course_to_draft_with_the_reason_and_emails_the_teacher()
    {
        using var teacher = await system.SignUpAsync("Teacher", "studio-rejected");
        using var other = await system.SignUpAsync("Teacher", "studio-other");
        using var admin = await system.AdminAsync();
        var id = await teacher.CompleteDraftAsync( $"{UniqueWord()} rejected course");
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");

        var noReason = await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{id}/reject", new { reason = " " });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(noReason, "reason"));

        var reason = $"Please add a preview video {Guid.NewGuid():N}";
        var rejected = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/reject", new { reason });
        Assert.Equal("Draft", rejected.GetProperty("status").GetString());

        var mine = await teacher.OkJsonAsync(HttpMethod.Get, "/api/teach/courses");
        var row = mine.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(("Draft", reason), (row.GetProperty("status").GetString(), row.GetProperty("reviewReason").GetString()));

        await Eventually.TrueAsync(async () => (await system.Mail.AllAsync()).Any(mail => mail.Subject == RejectedSubject
            && mail.To.Any(to => to.Email == teacher.Email) && mail.Text?.Contains(reason) == true),
            TimeSpan.FromSeconds(60), "rejection mail with the reason");

        // Another teacher sees nothing of it.
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, $"/api/teach/courses/{id}"),
                     (HttpMethod.Post, $"/api/teach/courses/{id}/submit"),
                     (HttpMethod.Post, $"/api/teach/courses/{id}/modules"),
                 })
        {
            var response = await other.SendAsync(method, path, method == HttpMethod.Get ? null : new { title = "x" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await IdentityClient.ProblemAsync(response);
        }
        var put = await other.SendAsync(HttpMethod.Put, $"/api/teach/courses/{id}", Draft("Hijacked"));
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        var othersList = await other.OkJsonAsync(HttpMethod.Get, "/api/teach/courses");
        Assert.DoesNotContain(othersList.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Students_get_403_anonymous_401_and_admin_remove_is_audited()
    {
        using var student = await system.SignUpAsync("Student", "studio-student");
        using var teacher = await system.SignUpAsync("Teacher", "studio-removed");
        using var admin = await system.AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/teach/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Post, "/api/teach/courses", Draft("Nope"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(HttpMethod.Get, "/api/admin/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.SendAsync(HttpMethod.Get, "/api/admin/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.Client.SendAsync(HttpMethod.Get, "/api/teach/courses", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.Client.SendAsync(HttpMethod.Post, "/api/admin/courses/" + Guid.NewGuid() + "/approve", null)).StatusCode);

        var id = await teacher.CompleteDraftAsync( $"{UniqueWord()} removed course");
        var noReason = await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{id}/remove", new { reason = "" });
        Assert.NotEmpty(await IdentityClient.FieldErrorsAsync(noReason, "reason"));
        var unknown = await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{Guid.NewGuid()}/remove", new { reason = "Spam" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var reason = $"Copyright claim {Guid.NewGuid():N}";
        var removed = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/remove", new { reason });
        Assert.Equal(("Removed", reason), (removed.GetProperty("status").GetString(), removed.GetProperty("reviewReason").GetString()));

        var audit = await admin.OkJsonAsync(HttpMethod.Get, "/api/admin/audit?action=course.removed&pageSize=100");
        var entry = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("details").GetString()!.Contains(id.ToString()));
        Assert.Equal(SystemFixture.AdminEmail, entry.GetProperty("actorEmail").GetString());
        Assert.Equal(teacher.Email, entry.GetProperty("targetEmail").GetString());
        Assert.Contains(reason, entry.GetProperty("details").GetString());

        // A removed course is no longer editable by its teacher.
        var edit = await teacher.SendAsync(HttpMethod.Put, $"/api/teach/courses/{id}", Draft("Back again"));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
    }
}
