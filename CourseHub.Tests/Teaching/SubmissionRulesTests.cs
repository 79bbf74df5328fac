using System.Net;
using System.Text.Json;
using CourseHub.Realtime.Features.Notifications;
using CourseHub.Tests.Identity;
using CourseHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static CourseHub.Tests.Catalog.CatalogTestData;

namespace CourseHub.Tests.Teaching;

/// <summary>
/// What a course needs before review (the readiness checklist and the 422 refusal read the same rule), and what the
/// teacher hears when an admin decides: an email and an in-app notification.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SubmissionRulesTests(SystemFixture system)
{
    private const string ApprovedSubject = "Your course is published";

    private static Dictionary<string, (bool Met, string? Missing)> Checklist(JsonElement readiness) =>
        readiness.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("field").GetString()!,
            i => (i.GetProperty("met").GetBoolean(), i.GetProperty("missing").GetString()));

    [Fact]
    public async Task An_incomplete_course_is_refused_with_every_missing_item_and_the_checklist_shows_the_same()
    {
        using var teacher = await system.SignUpAsync("Teacher", "readiness");
        using var other = await system.SignUpAsync("Teacher", "readiness-other");
        var created = await teacher.OkJsonAsync(HttpMethod.Post, "/api/teach/courses",
            new { title = $"{UniqueWord()} bare course", categorySlug = "programming" }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        // A bare draft: title and category only.
        var readiness = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/readiness");
        Assert.False(readiness.GetProperty("ready").GetBoolean());
        var items = Checklist(readiness);
        Assert.Equal(["title", "description", "thumbnail", "categorySlug", "learningOutcomes", "lessons", "lessonContent"], items.Keys);
        Assert.True(items["title"].Met && items["categorySlug"].Met);
        string[] missing = ["description", "thumbnail", "learningOutcomes", "lessons", "lessonContent"];
        Assert.All(missing, field => Assert.False(items[field].Met, field));
        Assert.All(missing, field => Assert.False(string.IsNullOrWhiteSpace(items[field].Missing), field));

        var refused = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await IdentityClient.ProblemAsync(refused);
        Assert.Equal("incomplete", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString());
        Assert.Equal(missing.Order(), errors.Keys.Order());
        Assert.Equal(items["thumbnail"].Missing, errors["thumbnail"]);
        Assert.Equal("Draft", (await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}")).GetProperty("status").GetString());

        // Lessons of every type, all empty: each is named in what is missing.
        await teacher.FillForReviewAsync(id); // description, outcome, thumbnail (no lessons yet)
        var module = (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules", new { title = "Basics" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        foreach (var type in new[] { "Text", "Video", "Download", "Quiz" })
        {
            await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/modules/{module}/lessons",
                new { title = $"Empty {type}", type }, HttpStatusCode.Created);
        }
        items = Checklist(await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/readiness"));
        Assert.Equal(["lessonContent"], items.Where(i => !i.Value.Met).Select(i => i.Key));
        foreach (var expected in new[] { "“Empty Text” (text lesson: no text yet)", "“Empty Video” (video lesson: no video uploaded)",
                     "“Empty Download” (download lesson: no file uploaded)", "“Empty Quiz” (quiz: no questions yet)" })
        {
            Assert.Contains(expected, items["lessonContent"].Missing);
        }
        refused = await teacher.SendAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(["lessonContent"], (await IdentityClient.ProblemAsync(refused)).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // Another teacher's course is not found; the complete course is ready and goes to review.
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"/api/teach/courses/{id}/readiness")).StatusCode);
        await teacher.FillForReviewAsync(id);
        readiness = await teacher.OkJsonAsync(HttpMethod.Get, $"/api/teach/courses/{id}/readiness");
        Assert.True(readiness.GetProperty("ready").GetBoolean(), readiness.ToString());
        Assert.All(Checklist(readiness).Values, item => Assert.Null(item.Missing));
        Assert.Equal("InReview", (await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approval_emails_the_teacher_and_notifies_them_in_the_app()
    {
        using var teacher = await system.SignUpAsync("Teacher", "approved");
        using var admin = await system.AdminAsync();
        var title = $"{UniqueWord()} approved course";
        var id = await teacher.CompleteDraftAsync(title);
        await teacher.OkJsonAsync(HttpMethod.Post, $"/api/teach/courses/{id}/submit");
        var teacherId = (await teacher.OkJsonAsync(HttpMethod.Get, "/api/me")).GetProperty("id").GetGuid();

        // The teacher's browser listens on the personal topic (only that signed-in user may subscribe to it).
        await using var connection = RealtimeClients.Connect(system.Project("realtime").Url, teacher.Token);
        var arrival = new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Notification>(NotificationsHub.NotificationMethod, notification => arrival.TrySetResult(notification));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", $"user:{teacherId}");

        var approved = await admin.OkJsonAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve");
        var slug = approved.GetProperty("slug").GetString();

        var notification = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("Course published", notification.Title);
        Assert.Contains(title, notification.Body);
        Assert.Equal($"/courses/{slug}", notification.Link);

        MailDevClient.Mail? mail = null;
        await Eventually.TrueAsync(async () =>
        {
            mail = (await system.Mail.WithSubjectAsync(ApprovedSubject)).SingleOrDefault(m => m.To.Any(to => to.Email == teacher.Email));
            return mail is not null;
        }, TimeSpan.FromSeconds(60), "the approval mail to the teacher");
        Assert.Contains(title, mail!.Text);
        Assert.Contains($"/courses/{slug}", mail.Text);

        // Approving again is a state conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, $"/api/admin/courses/{id}/approve")).StatusCode);
    }

    [Fact]
    public async Task Every_admin_list_pages_by_the_shared_default()
    {
        using var admin = await system.AdminAsync();
        foreach (var path in new[] { "/api/admin/users", "/api/admin/audit", "/api/admin/courses" })
        {
            var page = await admin.OkJsonAsync(HttpMethod.Get, path);
            Assert.Equal(Contracts.Paging.DefaultPageSize, page.GetProperty("pageSize").GetInt32());
        }
    }
}
